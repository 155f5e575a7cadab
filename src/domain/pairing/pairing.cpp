#include "domain/pairing/pairing.h"

#include <algorithm>
#include <array>

#include "domain/children/field_rules.h"
#include "domain/terms/term.h"

namespace sw::domain {
namespace {

using namespace std::string_view_literals;

// 主要帮扶人, 代理家长, 导师, 志愿者, 村干部.
constexpr std::array kRoles = {"main"sv, "surrogate_parent"sv, "mentor"sv, "volunteer"sv, "village_cadre"sv};

}  // namespace

std::span<const std::string_view> PairingRoles() { return kRoles; }

Status ValidatePairing(Pairing& pairing) {
  if (pairing.role.empty()) return InvalidField("role", "required");
  if (Status role = CheckTextField(pairing.role, "role", 32, kRoles); !role.ok()) return role;
  auto starts = ParseDate(pairing.starts_on);
  if (!starts) return InvalidField("starts_on", "invalid_time");
  pairing.starts_on = FormatDate(*starts);
  return Status::Ok();
}

}  // namespace sw::domain

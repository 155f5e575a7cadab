// Pairing (结对帮扶): a child and a helper — a teacher, volunteer, surrogate parent (代理家长) or
// village cadre — with the helper's role in the pair, from a start date until it is ended. A
// child has at most one main helper at a time; "no main helper" is the gap the seeds say to
// close (不留缺口, 001 report 12). Ended pairings are kept: they are the child's care history.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sw::domain {

struct Pairing {
  std::string id;
  std::string child_id;
  std::string helper_id;
  std::string helper_username;     // for answers
  std::string helper_display_name;
  std::string role;       // main | surrogate_parent | mentor | volunteer | village_cadre
  std::string starts_on;  // YYYY-MM-DD
  std::string ends_on;    // empty while the pairing lasts
  std::string created_at;
  std::string created_by;

  bool open() const { return ends_on.empty(); }
};

// Someone who may be paired with children, and how many they have now (open pairings of any
// role, those planned to start later included).
struct HelperLoad {
  std::string user_id;
  std::string username;
  std::string display_name;
  std::int64_t load = 0;
};

std::span<const std::string_view> PairingRoles();

// InvalidArgument("role", invalid_choice) or ("starts_on", invalid_time).
Status ValidatePairing(Pairing& pairing);

}  // namespace sw::domain

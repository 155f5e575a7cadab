#include "domain/orgs/org.h"

#include "core/enum_names.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace sw::domain {
namespace {

constexpr std::pair<OrgKind, const char*> kKindNames[] = {
    {OrgKind::kProvince, "province"}, {OrgKind::kCity, "city"},
    {OrgKind::kCounty, "county"},     {OrgKind::kTownship, "township"},
    {OrgKind::kSchool, "school"},     {OrgKind::kCommunity, "community"},
    {OrgKind::kVillage, "village"},   {OrgKind::kClass, "class"},
};

constexpr int kMaxPupils = 100000;
constexpr std::size_t kMaxNameBytes = 200;  // about 66 Chinese characters

bool IsCodeCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

// GB/T 2260 county-level codes: six digits, the last two not "00" (that would be a city).
bool IsCountyCode(std::string_view code) {
  return code.size() == 6 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         code.substr(4) != "00";
}

Status CheckCode(const NewOrg& org) {
  if (org.kind == OrgKind::kCounty) {
    if (IsCountyCode(org.code)) return Status::Ok();
    return Status::InvalidArgument("code", "a county's code is its six-digit GB/T 2260 code").WithReason("invalid_county_code");
  }
  if (org.code.empty() || org.code.size() > 32 || !std::all_of(org.code.begin(), org.code.end(), IsCodeCharacter)) {
    return Status::InvalidArgument("code", "1 to 32 letters, digits, '-', '_' or '.'").WithReason("invalid_code");
  }
  return Status::Ok();
}

Status CheckPlace(const NewOrg& org, const std::optional<Org>& parent) {
  if (!parent) {
    const bool may_be_root = org.kind == OrgKind::kProvince || org.kind == OrgKind::kCity || org.kind == OrgKind::kCounty;
    if (may_be_root) return Status::Ok();
    return Status::InvalidArgument("parent", std::string("a ") + OrgKindName(org.kind) + " needs a parent")
        .WithReason("required");
  }
  if (!MayContain(parent->kind, org.kind)) {
    return Status::InvalidArgument("parent", std::string("a ") + OrgKindName(org.kind) + " cannot sit under a " +
                                                 OrgKindName(parent->kind))
        .WithReason("parent_kind_mismatch");
  }
  if (!parent->active) return Status::InvalidArgument("parent", "the parent is not active").WithReason("parent_inactive");
  return Status::Ok();
}

}  // namespace

Status ValidateOrgName(const std::string& name) {
  const bool blank = std::all_of(name.begin(), name.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
  if (blank) return Status::InvalidArgument("name", "a name is required").WithReason("required");
  if (name.size() > kMaxNameBytes) return Status::InvalidArgument("name", "at most 200 bytes").WithReason("too_long");
  return Status::Ok();
}

Status ValidatePupils(OrgKind kind, std::int64_t pupils) {
  if (!KeepsPupilCounts(kind)) {
    return Status::InvalidArgument("pupils", "only schools and classes count pupils").WithReason("pupils_not_counted");
  }
  if (pupils < 0 || pupils > kMaxPupils) {
    return Status::InvalidArgument("pupils", "0 to 100000").WithReason("pupils_out_of_range");
  }
  return Status::Ok();
}

const char* OrgKindName(OrgKind kind) { return NameOf<OrgKind>(kKindNames, kind); }

std::optional<OrgKind> ParseOrgKind(std::string_view name) { return ParseName<OrgKind>(kKindNames, name); }

bool MayContain(OrgKind parent, OrgKind child) {
  switch (child) {
    case OrgKind::kProvince: return false;
    case OrgKind::kCity: return parent == OrgKind::kProvince;
    case OrgKind::kCounty: return parent == OrgKind::kProvince || parent == OrgKind::kCity;
    case OrgKind::kTownship: return parent == OrgKind::kCounty;
    case OrgKind::kSchool: return parent == OrgKind::kTownship || parent == OrgKind::kCounty;
    case OrgKind::kCommunity:
    case OrgKind::kVillage: return parent == OrgKind::kTownship;
    case OrgKind::kClass: return parent == OrgKind::kSchool;
  }
  return false;
}

bool KeepsPupilCounts(OrgKind kind) { return kind == OrgKind::kSchool || kind == OrgKind::kClass; }

Status ValidateNewOrg(const NewOrg& org, const std::optional<Org>& parent) {
  for (Status status : {CheckCode(org), ValidateOrgName(org.name), CheckPlace(org, parent),
                        org.pupils ? ValidatePupils(org.kind, *org.pupils) : Status::Ok()}) {
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

}  // namespace sw::domain

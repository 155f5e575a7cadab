// The organisation tree: province → city → county → township/street → school, community or
// village → class. Scope runs down this tree (domain/access).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sw::domain {

enum class OrgKind { kProvince, kCity, kCounty, kTownship, kSchool, kCommunity, kVillage, kClass };

const char* OrgKindName(OrgKind kind);  // "province", …, the names the CLI and API use
std::optional<OrgKind> ParseOrgKind(std::string_view name);

// Whether a node of kind `child` may sit directly under a node of kind `parent`. Counties may
// sit under a province as well as a city (districts of 直辖市), schools under a county as
// well as a township (county-run schools).
bool MayContain(OrgKind parent, OrgKind child);

// Schools and classes keep pupil counts per term.
bool KeepsPupilCounts(OrgKind kind);

struct Org {
  std::string id;
  std::string parent_id;  // empty for a root
  std::string county_id;  // the county the node lies in (itself for a county); empty above counties
  OrgKind kind = OrgKind::kSchool;
  std::string code;
  std::string name;
  bool active = true;
};

struct NewOrg {
  std::string code;
  std::string name;
  OrgKind kind = OrgKind::kSchool;
  std::string parent_code;      // empty: a root (only a province, city or county may be one)
  std::optional<std::int64_t> pupils;  // for the current term, schools and classes only
};

// Not blank, at most 200 bytes; InvalidArgument("name") otherwise.
Status ValidateOrgName(const std::string& name);
// Only schools and classes count pupils, 0 to 100000; InvalidArgument("pupils") otherwise.
Status ValidatePupils(OrgKind kind, std::int64_t pupils);

// A change to a node: each field when present.
struct OrgUpdate {
  std::optional<std::string> name;
  std::optional<bool> active;
};

// Checks a new node against its parent (nullopt when it has none). InvalidArgument names the
// field at fault: code, name, kind, parent or pupils.
Status ValidateNewOrg(const NewOrg& org, const std::optional<Org>& parent);

}  // namespace sw::domain

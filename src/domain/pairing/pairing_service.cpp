#include "domain/pairing/pairing_service.h"

#include <algorithm>

#include "core/random.h"
#include "domain/access/in_scope.h"
#include "domain/care/care_access.h"
#include "domain/care/care_planner.h"
#include "domain/terms/term.h"

namespace sw::domain {
namespace {

const Pairing* FindPairing(const std::vector<Pairing>& pairings, const std::string& id) {
  auto found = std::find_if(pairings.begin(), pairings.end(), [&](const Pairing& pairing) { return pairing.id == id; });
  return found == pairings.end() ? nullptr : &*found;
}

// The helper must work in the child's county: one of their roles is bound there.
Result<bool> WorksInCounty(Repositories& repos, const User& helper, const std::string& county_id) {
  for (const RoleAssignment& assignment : helper.roles) {
    auto org = repos.orgs.FindById(assignment.org_id);
    if (!org.ok()) return org.status();
    if (*org && ((*org)->county_id == county_id || (*org)->id == county_id)) return true;
  }
  return false;
}

Status Remember(Repositories& repos, const Pairing& pairing, const std::string& at, const Actor& actor, bool opened) {
  const std::string who = pairing.helper_username;
  return repos.children.AddHistory({{pairing.child_id, at, actor.user_id, "pairing." + pairing.role,
                                     opened ? "" : who, opened ? who : ""}});
}

// The helper may take one more child: their open pairings stay within the cap of the child's
// organisation (max_children_per_helper).
Status HasRoom(Repositories& repos, const Child& child, const std::string& helper_id) {
  auto settings = SettingsAt(repos, child.org_id);
  if (!settings.ok()) return settings.status();
  auto load = repos.pairings.LoadOf(helper_id);
  if (!load.ok()) return load.status();
  const std::int64_t cap = settings->max_children_per_helper;
  if (*load >= cap) return Status::Conflict(std::to_string(cap)).WithReason("helper_load_full");
  return Status::Ok();
}

// The school the child's class belongs to (the child's own organisation when none is above it).
Result<std::string> SchoolOf(Repositories& repos, const Child& child) {
  std::string id = child.org_id;
  while (!id.empty()) {
    auto org = repos.orgs.FindById(id);
    if (!org.ok()) return org.status();
    if (!*org) break;
    if ((*org)->kind == OrgKind::kSchool) return (*org)->id;
    id = (*org)->parent_id;
  }
  return child.org_id;
}

}  // namespace

std::string PairingService::Today() const { return FormatDate(clock_.Today()); }

Status PairingService::OnChild(const std::string& child_id, const User& caller, const Actor& actor, Action action,
                               const std::function<Status(const Child&, Repositories&)>& work) {
  const Access access = action == Action::kWriteChildren ? Access::kWrite : Access::kRead;
  return OnChildInScope(store_, clock_, actor, child_id, ScopeFor(caller, action), access, work);
}

Result<Pairing> PairingService::Pair(const std::string& child_id, const std::string& helper_username,
                                     const std::string& role, const std::string& starts_on, const User& caller,
                                     const Actor& actor) {
  Pairing pairing{.child_id = child_id, .role = role, .starts_on = starts_on.empty() ? Today() : starts_on};
  if (Status valid = ValidatePairing(pairing); !valid.ok()) return valid;
  Status status = OnChild(child_id, caller, actor, Action::kWriteChildren, [&](const Child& child, Repositories& repos) -> Status {
    auto helper = repos.users.FindByUsername(helper_username);
    if (!helper.ok()) return helper.status();
    if (!*helper || !(*helper)->active) return Status::InvalidArgument("helper", "no such active user").WithReason("unknown_helper");
    auto nearby = WorksInCounty(repos, **helper, child.county_id);
    if (!nearby.ok()) return nearby.status();
    if (!*nearby) return Status::InvalidArgument("helper", "works elsewhere").WithReason("unknown_helper");
    auto existing = repos.pairings.OfChild(child_id);
    if (!existing.ok()) return existing.status();
    for (const Pairing& other : *existing) {
      if (!other.open()) continue;
      if (other.helper_id == (*helper)->id) return Status::Conflict(other.id).WithReason("already_paired");
      if (role == "main" && other.role == "main") return Status::Conflict(other.id).WithReason("main_helper_exists");
    }
    if (Status room = HasRoom(repos, child, (*helper)->id); !room.ok()) return room;
    const std::string now = FormatUtc(clock_.Now());
    pairing.id = NewId();
    pairing.helper_id = (*helper)->id;
    pairing.helper_username = (*helper)->username;
    pairing.helper_display_name = (*helper)->display_name;
    pairing.created_at = now;
    pairing.created_by = actor.user_id;
    if (Status inserted = repos.pairings.Insert(pairing); !inserted.ok()) return inserted;
    if (Status kept = Remember(repos, pairing, now, actor, true); !kept.ok()) return kept;
    if (Status owed = OnRoleTaken(repos, child, pairing, Today(), now); !owed.ok()) return owed;
    return repos.audit.Append({.at = now, .actor = actor, .action = "child.pair", .object_type = "child",
                               .object_id = child_id});
  });
  if (!status.ok()) return status;
  return pairing;
}

Result<Pairing> PairingService::End(const std::string& child_id, const std::string& pairing_id, const User& caller,
                                    const Actor& actor) {
  Pairing ended;
  Status status = OnChild(child_id, caller, actor, Action::kWriteChildren, [&](const Child& child, Repositories& repos) -> Status {
    auto pairings = repos.pairings.OfChild(child_id);
    if (!pairings.ok()) return pairings.status();
    const Pairing* pairing = FindPairing(*pairings, pairing_id);
    if (!pairing) return Status::InvalidArgument("pairing", "not this child's").WithReason("unknown_pairing");
    if (!pairing->open()) return Status::Conflict(pairing->ends_on).WithReason("pairing_ended");
    ended = *pairing;
    ended.ends_on = std::max(Today(), ended.starts_on);  // a pairing planned for later ends as it begins
    const std::string now = FormatUtc(clock_.Now());
    if (Status done = repos.pairings.End(pairing_id, ended.ends_on); !done.ok()) return done;
    if (Status kept = Remember(repos, ended, now, actor, false); !kept.ok()) return kept;
    if (Status released = OnRoleLeft(repos, child, ended); !released.ok()) return released;
    return repos.audit.Append({.at = now, .actor = actor, .action = "child.unpair", .object_type = "child",
                               .object_id = child_id});
  });
  if (!status.ok()) return status;
  return ended;
}

Result<std::vector<Pairing>> PairingService::OfChild(const std::string& child_id, const User& caller,
                                                     const Actor& actor) {
  std::vector<Pairing> pairings;
  Status status = OnChild(child_id, caller, actor, Action::kReadChildren, [&](const Child&, Repositories& repos) -> Status {
    auto found = repos.pairings.OfChild(child_id);
    if (found.ok()) pairings = std::move(found).value();
    return found.status();
  });
  if (!status.ok()) return status;
  return pairings;
}

Result<HelperDirectory> PairingService::Candidates(const std::string& child_id, const std::string& prefix,
                                                  const User& caller, const Actor& actor) {
  HelperDirectory directory;
  Status status = OnChild(child_id, caller, actor, Action::kWriteChildren, [&](const Child& child, Repositories& repos) -> Status {
    auto settings = SettingsAt(repos, child.org_id);
    if (!settings.ok()) return settings.status();
    directory.cap = settings->max_children_per_helper;
    auto under = prefix.empty() ? SchoolOf(repos, child) : Result<std::string>(child.county_id);
    if (!under.ok()) return under.status();
    auto helpers = repos.pairings.Helpers(*under, prefix, kCandidatesListed);
    if (!helpers.ok()) return helpers.status();
    directory.helpers = std::move(helpers).value();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return directory;
}

}  // namespace sw::domain

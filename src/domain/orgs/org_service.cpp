#include "domain/orgs/org_service.h"

#include "core/random.h"
#include "domain/access/denial.h"

namespace sw::domain {
namespace {

Result<std::optional<Org>> FindParent(OrgRepository& orgs, const NewOrg& org, const std::optional<Scope>& within) {
  if (org.parent_code.empty()) return std::optional<Org>();
  auto parent = within ? orgs.FindByCodeInScope(org.parent_code, *within) : orgs.FindByCode(org.parent_code);
  if (!parent.ok()) return parent.status();
  if (!*parent) {
    return Status::InvalidArgument("parent", "no organisation has the code " + org.parent_code).WithReason("unknown_parent");
  }
  return parent;
}

Org BuildOrg(const NewOrg& org, const std::optional<Org>& parent) {
  Org built{.id = RandomHexId(), .parent_id = parent ? parent->id : "", .county_id = "", .kind = org.kind,
            .code = org.code, .name = org.name, .active = true};
  built.county_id = org.kind == OrgKind::kCounty ? built.id : (parent ? parent->county_id : "");
  return built;
}

}  // namespace

Result<Org> OrgService::Add(const NewOrg& org, const Actor& actor) { return Insert(org, actor, std::nullopt); }

Result<Org> OrgService::AddAs(const User& caller, const NewOrg& org, const Actor& actor) {
  const Scope scope = ScopeFor(caller, Action::kManageOrgs);
  if (scope.empty()) return Deny(store_, clock_, actor, "org", "", Status::PermissionDenied("forbidden"));
  // Roots (a new province or county) are the operator's, from the command line.
  if (org.parent_code.empty()) return Status::InvalidArgument("parent", "a parent is required").WithReason("required");
  auto created = Insert(org, actor, scope);
  if (created.status().reason() == "unknown_parent") {
    return Deny(store_, clock_, actor, "org", "", created.status());
  }
  return created;
}

Result<std::vector<Org>> OrgService::List(const User& caller) {
  std::vector<Org> orgs;
  Status status = store_.Read([&](Repositories& repos) -> Status {
    auto listed = repos.orgs.ListInScope(ScopeFor(caller, Action::kReadOrgs));
    if (listed.ok()) orgs = std::move(listed).value();
    return listed.status();
  });
  if (!status.ok()) return status;
  return orgs;
}

Result<Org> OrgService::Get(const User& caller, const std::string& code, const Actor& actor) {
  std::optional<Org> org;
  Status status = store_.Read([&](Repositories& repos) -> Status {
    auto found = repos.orgs.FindByCodeInScope(code, ScopeFor(caller, Action::kReadOrgs));
    if (found.ok()) org = *found;
    return found.status();
  });
  if (!status.ok()) return status;
  if (!org) return Deny(store_, clock_, actor, "org", code, Status::NotFound("no organisation " + code + " in scope"));
  return *org;
}

namespace {

Status CheckNoOverlap(const std::vector<Term>& existing, const Term& term) {
  for (const Term& other : existing) {
    if (other.key == term.key) continue;  // being replaced
    const bool overlaps = std::chrono::sys_days(term.starts_on) <= std::chrono::sys_days(other.ends_on) &&
                          std::chrono::sys_days(other.starts_on) <= std::chrono::sys_days(term.ends_on);
    if (overlaps) return Status::InvalidArgument("starts_on", "overlaps the term " + other.key);
  }
  return Status::Ok();
}

}  // namespace

Status OrgService::SetTerm(const std::string& county_code, const Term& term, const Actor& actor) {
  if (Status valid = ValidateTerm(term); !valid.ok()) return valid;
  return store_.Write([&](Repositories& repos) -> Status {
    auto county = repos.orgs.FindByCode(county_code);
    if (!county.ok()) return county.status();
    if (!*county || (*county)->kind != OrgKind::kCounty) {
      return Status::InvalidArgument("county", "no county has the code " + county_code);
    }
    auto existing = repos.orgs.TermsOfCounty((*county)->id);
    if (!existing.ok()) return existing.status();
    if (Status free = CheckNoOverlap(*existing, term); !free.ok()) return free;
    if (Status saved = repos.orgs.SaveTerm((*county)->id, term); !saved.ok()) return saved;
    return repos.audit.Append({.at = FormatUtc(clock_.Now()), .actor = actor, .action = "term.set",
                               .object_type = "org", .object_id = (*county)->id});
  });
}

Result<Org> OrgService::Insert(const NewOrg& org, const Actor& actor, const std::optional<Scope>& within) {
  Org created;
  const TimePoint now = clock_.Now();
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto parent = FindParent(repos.orgs, org, within);
    if (!parent.ok()) return parent.status();
    if (Status valid = ValidateNewOrg(org, *parent); !valid.ok()) return valid;
    created = BuildOrg(org, *parent);
    if (Status inserted = repos.orgs.Insert(created); !inserted.ok()) return inserted;
    if (org.pupils) {
      auto terms = repos.orgs.TermsOfCounty(created.county_id);
      if (!terms.ok()) return terms.status();
      const Term term = CurrentTerm(*terms, std::chrono::floor<std::chrono::days>(now));
      if (Status set = repos.orgs.SetPupils(created.id, term.key, *org.pupils); !set.ok()) return set;
    }
    return repos.audit.Append({.at = FormatUtc(now), .actor = actor, .action = "org.create",
                               .object_type = "org", .object_id = created.id});
  });
  if (!status.ok()) return status;
  return created;
}

}  // namespace sw::domain

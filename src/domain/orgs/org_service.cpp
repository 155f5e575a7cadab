#include "domain/orgs/org_service.h"

#include "core/random.h"
#include "domain/access/denial.h"

namespace sw::domain {
namespace {

Result<std::optional<Org>> FindOrg(OrgRepository& orgs, const std::string& code, const Authority& authority) {
  return authority.IsOperator() ? orgs.FindByCode(code) : orgs.FindByCodeInScope(code, *authority.scope);
}

Result<std::optional<Org>> FindParent(OrgRepository& orgs, const NewOrg& org, const Authority& authority) {
  if (org.parent_code.empty()) return std::optional<Org>();
  auto parent = FindOrg(orgs, org.parent_code, authority);
  if (!parent.ok()) return parent.status();
  if (!*parent) {
    return Status::InvalidArgument("parent", "no organisation has the code " + org.parent_code).WithReason("unknown_parent");
  }
  return parent;
}

Org BuildOrg(const NewOrg& org, const std::optional<Org>& parent) {
  Org built{.id = NewId(), .parent_id = parent ? parent->id : "", .county_id = "", .kind = org.kind,
            .code = org.code, .name = org.name, .active = true};
  built.county_id = org.kind == OrgKind::kCounty ? built.id : (parent ? parent->county_id : "");
  return built;
}

bool Refusable(const Status& status) {
  return status.code() == StatusCode::kNotFound || status.code() == StatusCode::kPermissionDenied ||
         status.reason() == "unknown_parent";
}

Status CheckNoOverlap(const std::vector<Term>& existing, const Term& term) {
  for (const Term& other : existing) {
    if (other.key == term.key) continue;  // being replaced
    const bool overlaps = std::chrono::sys_days(term.starts_on) <= std::chrono::sys_days(other.ends_on) &&
                          std::chrono::sys_days(other.starts_on) <= std::chrono::sys_days(term.ends_on);
    if (overlaps) return Status::InvalidArgument("starts_on", "overlaps the term " + other.key).WithReason("term_overlap");
  }
  return Status::Ok();
}

Status CheckActivation(Repositories& repos, const Org& org, bool active) {
  if (active == org.active) return Status::Ok();
  if (!active) {
    auto below = repos.orgs.CountActiveChildren(org.id);
    if (!below.ok()) return below.status();
    if (*below > 0) return Status::InvalidArgument("active", "active nodes below").WithReason("has_active_children");
    return Status::Ok();
  }
  if (org.parent_id.empty()) return Status::Ok();
  auto parent = repos.orgs.FindById(org.parent_id);
  if (!parent.ok()) return parent.status();
  if (*parent && !(*parent)->active) return Status::InvalidArgument("active", "inactive parent").WithReason("parent_inactive");
  return Status::Ok();
}

}  // namespace

Status OrgService::Audit(Repositories& repos, const Actor& actor, const char* action, const std::string& org_id) {
  return repos.audit.Append(
      {.at = FormatUtc(clock_.Now()), .actor = actor, .action = action, .object_type = "org", .object_id = org_id});
}

Status OrgService::Refused(Status status, const std::string& code, const Authority& authority, const Actor& actor) {
  if (authority.IsOperator() || !Refusable(status)) return status;
  return Deny(store_, clock_, actor, "org", code, std::move(status));
}

Result<Org> OrgService::Add(const NewOrg& org, const Authority& authority, const Actor& actor) {
  if (authority.Lacks()) return Refused(Status::PermissionDenied("forbidden"), "", authority, actor);
  if (!authority.IsOperator() && org.parent_code.empty()) {
    return Status::InvalidArgument("parent", "a parent is required").WithReason("required");
  }
  Org created;
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto parent = FindParent(repos.orgs, org, authority);
    if (!parent.ok()) return parent.status();
    if (Status valid = ValidateNewOrg(org, *parent); !valid.ok()) return valid;
    created = BuildOrg(org, *parent);
    if (Status inserted = repos.orgs.Insert(created); !inserted.ok()) return inserted;
    if (org.pupils) {
      auto terms = repos.orgs.TermsOfCounty(created.county_id);
      if (!terms.ok()) return terms.status();
      const Term term = CurrentTerm(*terms, clock_.Today());
      if (Status set = repos.orgs.SetPupils(created.id, term.key, *org.pupils); !set.ok()) return set;
    }
    return Audit(repos, actor, "org.create", created.id);
  });
  if (!status.ok()) return Refused(status, "", authority, actor);
  return created;
}

Status OrgService::Change(const std::string& code, const Authority& authority, const Actor& actor,
                          const std::function<Status(Org&, Repositories&)>& work) {
  if (authority.Lacks()) return Refused(Status::PermissionDenied("forbidden"), code, authority, actor);
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto org = FindOrg(repos.orgs, code, authority);
    if (!org.ok()) return org.status();
    if (!*org) return Status::NotFound("no organisation " + code + " in reach");
    return work(**org, repos);
  });
  return Refused(status, code, authority, actor);
}

Result<Org> OrgService::Update(const std::string& code, const OrgUpdate& update, const Authority& authority,
                               const Actor& actor) {
  if (update.name) {
    if (Status valid = ValidateOrgName(*update.name); !valid.ok()) return valid;
  }
  Org changed;
  Status status = Change(code, authority, actor, [&](Org& org, Repositories& repos) -> Status {
    if (update.active) {
      if (Status allowed = CheckActivation(repos, org, *update.active); !allowed.ok()) return allowed;
      org.active = *update.active;
    }
    if (update.name) org.name = *update.name;
    if (Status saved = repos.orgs.Update(org); !saved.ok()) return saved;
    changed = org;
    return Audit(repos, actor, "org.update", org.id);
  });
  if (!status.ok()) return status;
  return changed;
}

Status OrgService::SetTerm(const std::string& county_code, const Term& term, const Authority& authority,
                           const Actor& actor) {
  if (Status valid = ValidateTerm(term); !valid.ok()) return valid;
  return Change(county_code, authority, actor, [&](Org& county, Repositories& repos) -> Status {
    if (county.kind != OrgKind::kCounty) {
      return Status::InvalidArgument("county", county_code + " is not a county").WithReason("not_a_county");
    }
    auto existing = repos.orgs.TermsOfCounty(county.id);
    if (!existing.ok()) return existing.status();
    if (Status free = CheckNoOverlap(*existing, term); !free.ok()) return free;
    if (Status saved = repos.orgs.SaveTerm(county.id, term); !saved.ok()) return saved;
    return Audit(repos, actor, "term.set", county.id);
  });
}

Status OrgService::SetPupils(const std::string& code, const std::string& term_key, std::int64_t pupils,
                             const Authority& authority, const Actor& actor) {
  if (!term_key.empty() && TermNameForKey(term_key).empty()) {
    return Status::InvalidArgument("term", "a key like 2026-2027-1").WithReason("invalid_term");
  }
  return Change(code, authority, actor, [&](Org& org, Repositories& repos) -> Status {
    if (Status valid = ValidatePupils(org.kind, pupils); !valid.ok()) return valid;
    std::string key = term_key;
    if (key.empty()) {
      auto terms = repos.orgs.TermsOfCounty(org.county_id);
      if (!terms.ok()) return terms.status();
      key = CurrentTerm(*terms, clock_.Today()).key;
    }
    if (Status set = repos.orgs.SetPupils(org.id, key, pupils); !set.ok()) return set;
    return Audit(repos, actor, "org.set_pupils", org.id);
  });
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

Result<Org> SchoolOf(Repositories& repos, const std::string& org_id) {
  auto org = repos.orgs.FindById(org_id);
  if (org.ok() && *org && (*org)->kind == OrgKind::kClass) org = repos.orgs.FindById((*org)->parent_id);
  if (!org.ok()) return org.status();
  if (!*org) return Status::Internal("no school above " + org_id);
  return **org;
}

Result<std::map<std::string, std::string>> OrgService::PlaceNames(const User& caller) {
  std::map<std::string, std::string> names;
  Status status = store_.Read([&](Repositories& repos) -> Status {
    // A head teacher sees only the class, but a class's name means little without its school.
    auto named = repos.orgs.PlaceNamesInScope(ScopeFor(caller, Action::kReadOrgs));
    if (named.ok()) names = std::move(named).value();
    return named.status();
  });
  if (!status.ok()) return status;
  return names;
}

Result<Org> OrgService::FindVisible(const User& caller, const std::string& code, const Actor& actor,
                                    const std::function<Status(const Org&, Repositories&)>& more) {
  std::optional<Org> org;
  Status status = store_.Read([&](Repositories& repos) -> Status {
    auto found = repos.orgs.FindByCodeInScope(code, ScopeFor(caller, Action::kReadOrgs));
    if (!found.ok()) return found.status();
    org = *found;
    return org ? more(*org, repos) : Status::Ok();
  });
  if (!status.ok()) return status;
  if (!org) return Deny(store_, clock_, actor, "org", code, Status::NotFound("no organisation " + code + " in scope"));
  return *org;
}

Result<OrgView> OrgService::Get(const User& caller, const std::string& code, const Actor& actor) {
  OrgView view;
  auto org = FindVisible(caller, code, actor, [&](const Org& found, Repositories& repos) -> Status {
    if (!KeepsPupilCounts(found.kind)) return Status::Ok();
    auto terms = repos.orgs.TermsOfCounty(found.county_id);
    if (!terms.ok()) return terms.status();
    view.term_key = CurrentTerm(*terms, clock_.Today()).key;
    auto pupils = repos.orgs.Pupils(found.id, view.term_key);
    if (pupils.ok() && *pupils) view.pupils = **pupils;
    return pupils.status();
  });
  if (!org.ok()) return org.status();
  view.org = std::move(org).value();
  return view;
}

Result<TermsOf> OrgService::Terms(const User& caller, const std::string& code, const Actor& actor) {
  TermsOf terms;
  auto org = FindVisible(caller, code, actor, [&](const Org& found, Repositories& repos) -> Status {
    auto own = repos.orgs.TermsOfCounty(found.county_id);
    if (own.ok()) terms.county_terms = std::move(own).value();
    return own.status();
  });
  if (!org.ok()) return org.status();
  terms.current = CurrentTerm(terms.county_terms, clock_.Today());
  return terms;
}

}  // namespace sw::domain

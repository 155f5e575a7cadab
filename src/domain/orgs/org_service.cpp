#include "domain/orgs/org_service.h"

#include "core/random.h"

namespace sw::domain {
namespace {

Result<std::optional<Org>> FindParent(OrgRepository& orgs, const NewOrg& org) {
  if (org.parent_code.empty()) return std::optional<Org>();
  auto parent = orgs.FindByCode(org.parent_code);
  if (!parent.ok()) return parent.status();
  if (!*parent) return Status::InvalidArgument("parent", "no organisation has the code " + org.parent_code);
  return parent;
}

Org BuildOrg(const NewOrg& org, const std::optional<Org>& parent) {
  Org built{.id = RandomHexId(), .parent_id = parent ? parent->id : "", .county_id = "", .kind = org.kind,
            .code = org.code, .name = org.name, .active = true};
  built.county_id = org.kind == OrgKind::kCounty ? built.id : (parent ? parent->county_id : "");
  return built;
}

}  // namespace

Result<Org> OrgService::Add(const NewOrg& org, const Actor& actor) {
  Org created;
  const TimePoint now = clock_.Now();
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto parent = FindParent(repos.orgs, org);
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

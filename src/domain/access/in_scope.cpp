#include "domain/access/in_scope.h"

#include "domain/access/denial.h"

namespace sw::domain {
namespace {

template <typename Found>
Status InScope(Store& store, const Clock& clock, const Actor& actor, const char* object_type,
               const std::string& object_id, const Scope& scope, Access access,
               const std::function<Result<std::optional<Found>>(Repositories&)>& find,
               const std::function<Status(const Found&, Repositories&)>& work) {
  if (scope.empty()) return Deny(store, clock, actor, object_type, object_id, Status::PermissionDenied("forbidden"));
  auto in_transaction = [&](Repositories& repos) -> Status {
    auto found = find(repos);
    if (!found.ok()) return found.status();
    if (!*found) return Status::NotFound(std::string("no ") + object_type + " " + object_id + " in reach");
    return work(**found, repos);
  };
  Status status = access == Access::kWrite ? store.Write(in_transaction) : store.Read(in_transaction);
  if (status.code() != StatusCode::kNotFound) return status;
  return Deny(store, clock, actor, object_type, object_id, std::move(status));
}

}  // namespace

Status OnChildInScope(Store& store, const Clock& clock, const Actor& actor, const std::string& child_id,
                      const Scope& scope, Access access,
                      const std::function<Status(const Child&, Repositories&)>& work) {
  return InScope<Child>(
      store, clock, actor, "child", child_id, scope, access,
      [&](Repositories& repos) { return repos.children.FindInScope(child_id, scope); }, work);
}

Status OnOrgInScope(Store& store, const Clock& clock, const Actor& actor, const std::string& org_code,
                    const Scope& scope, Access access, const std::function<Status(const Org&, Repositories&)>& work) {
  return InScope<Org>(
      store, clock, actor, "org", org_code, scope, access,
      [&](Repositories& repos) { return repos.orgs.FindByCodeInScope(org_code, scope); }, work);
}

Status ChangeOrgInScope(Store& store, const Clock& clock, const Actor& actor, const std::string& org_code,
                        const Scope& scope, const char* audit_action,
                        const std::function<Status(const Org&, Repositories&)>& work) {
  return OnOrgInScope(store, clock, actor, org_code, scope, Access::kWrite, [&](const Org& org, Repositories& repos) {
    if (Status done = work(org, repos); !done.ok()) return done;
    return repos.audit.Append({.at = FormatUtc(clock.Now()), .actor = actor, .action = audit_action,
                               .object_type = "org", .object_id = org.id});
  });
}

}  // namespace sw::domain

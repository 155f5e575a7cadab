// Adding and finding organisations; each change is audited in its own transaction.
#pragma once

#include "core/clock.h"
#include "domain/store.h"

namespace sw::domain {

class OrgService {
 public:
  OrgService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Validates, inserts the node (and its pupil count for the current term), and audits
  // "org.create". Conflict when the code is taken; InvalidArgument("parent") when the parent
  // code is unknown. For the command line, run by the server's operator: no scope applies.
  Result<Org> Add(const NewOrg& org, const Actor& actor);

  // The same for a signed-in user: the new node must go under a parent inside the user's
  // kManageOrgs scope (PermissionDenied without that action; a parent outside it is reported
  // as unknown and audited as access_denied).
  Result<Org> AddAs(const User& caller, const NewOrg& org, const Actor& actor);

  // Sets a county's own term (command line). InvalidArgument naming county, key, starts_on or
  // ends_on; a term overlapping another of the county's terms is refused ("ends_on"/"starts_on").
  Status SetTerm(const std::string& county_code, const Term& term, const Actor& actor);

  // The organisations the caller may see, ordered by code.
  Result<std::vector<Org>> List(const User& caller);
  // One organisation by code; NotFound (and an access_denied audit row) outside the scope.
  Result<Org> Get(const User& caller, const std::string& code, const Actor& actor);

 private:
  Result<Org> Insert(const NewOrg& org, const Actor& actor, const std::optional<Scope>& within);

  Store& store_;
  const Clock& clock_;
};

}  // namespace sw::domain

// The organisation tree, its terms and pupil counts. Reads are scoped by kReadOrgs; changes are
// made on an Authority (the operator, or a user within their kManageOrgs scope) and audited in
// their own transaction. Anything outside the scope is answered as unknown, with an
// access_denied audit row.
#pragma once

#include "core/clock.h"
#include "domain/access/policy.h"
#include "domain/store.h"

namespace sw::domain {

// The terms that apply to an organisation: its county's own, and the current one (which may
// come from the national calendar).
struct TermsOf {
  std::vector<Term> county_terms;
  Term current;
};

// An organisation as shown, with its pupils this term where it keeps a count.
struct OrgView {
  Org org;
  std::optional<std::int64_t> pupils;
  std::string term_key;
};

// The school of the organisation where a child is placed: itself, or a class's parent.
Result<Org> SchoolOf(Repositories& repos, const std::string& org_id);

class OrgService {
 public:
  OrgService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Validates, inserts the node (and its pupil count for the current term), and audits
  // "org.create". Conflict when the code is taken; InvalidArgument("parent") when the parent
  // is unknown or outside the scope. Only the operator adds roots (a province or county).
  Result<Org> Add(const NewOrg& org, const Authority& authority, const Actor& actor);
  // Renames, deactivates or reactivates a node ("org.update"). A node with active nodes below it
  // cannot be deactivated, nor one reactivated under an inactive parent.
  Result<Org> Update(const std::string& code, const OrgUpdate& update, const Authority& authority,
                     const Actor& actor);
  // Sets a county's own term ("term.set"). InvalidArgument naming county, key, starts_on or
  // ends_on; a term overlapping another of the county's terms is refused ("starts_on").
  Status SetTerm(const std::string& county_code, const Term& term, const Authority& authority, const Actor& actor);
  // Sets a school's or class's pupils for a term of its county (empty key: the current term).
  Status SetPupils(const std::string& code, const std::string& term_key, std::int64_t pupils,
                   const Authority& authority, const Actor& actor);

  // The organisations the caller may see, ordered by code.
  Result<std::vector<Org>> List(const User& caller);
  // What to print for each organisation the caller sees, by code: its name, and for a class
  // its school's name before it ("青山镇中心小学 三年级1班").
  Result<std::map<std::string, std::string>> PlaceNames(const User& caller);
  // One organisation by code with its pupils this term; NotFound (and an access_denied audit
  // row) outside the scope.
  Result<OrgView> Get(const User& caller, const std::string& code, const Actor& actor);
  Result<TermsOf> Terms(const User& caller, const std::string& code, const Actor& actor);

 private:
  // Runs `work` on the node `code` if the authority reaches it; a refusal is audited.
  Status Change(const std::string& code, const Authority& authority, const Actor& actor,
                const std::function<Status(Org&, Repositories&)>& work);
  Status Refused(Status status, const std::string& code, const Authority& authority, const Actor& actor);
  Result<Org> FindVisible(const User& caller, const std::string& code, const Actor& actor,
                          const std::function<Status(const Org&, Repositories&)>& more);
  Status Audit(Repositories& repos, const Actor& actor, const char* action, const std::string& org_id);

  Store& store_;
  const Clock& clock_;
};

}  // namespace sw::domain

// Work on one child or one organisation, done only when the caller's scope reaches it. Anything
// out of reach is refused as if it did not exist, with an audit row (denial.h).
#pragma once

#include <functional>
#include <string>

#include "core/clock.h"
#include "domain/store.h"

namespace sw::domain {

enum class Access { kRead, kWrite };

// Runs `work` on the child in a read or write transaction. An empty scope is PermissionDenied;
// a child outside it — or `work` answering NotFound — is NotFound; both are audited.
Status OnChildInScope(Store& store, const Clock& clock, const Actor& actor, const std::string& child_id,
                      const Scope& scope, Access access,
                      const std::function<Status(const Child&, Repositories&)>& work);

// The same for the organisation with `org_code`.
Status OnOrgInScope(Store& store, const Clock& clock, const Actor& actor, const std::string& org_code,
                    const Scope& scope, Access access, const std::function<Status(const Org&, Repositories&)>& work);

// OnOrgInScope for a change: in a write transaction, with the `audit_action` row of the
// organisation written beside what `work` did.
Status ChangeOrgInScope(Store& store, const Clock& clock, const Actor& actor, const std::string& org_code,
                        const Scope& scope, const char* audit_action,
                        const std::function<Status(const Org&, Repositories&)>& work);

}  // namespace sw::domain

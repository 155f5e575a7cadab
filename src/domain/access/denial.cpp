#include "domain/access/denial.h"

namespace sw::domain {

Status Deny(Store& store, const Clock& clock, const Actor& actor, const std::string& object_type,
            const std::string& object_id, Status answer) {
  Status audited = store.Write([&](Repositories& repos) {
    return repos.audit.Append({.at = FormatUtc(clock.Now()), .actor = actor, .action = "access_denied",
                               .object_type = object_type, .object_id = object_id, .outcome = Outcome::kDenied});
  });
  return audited.ok() ? answer : audited;
}

}  // namespace sw::domain

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
  // code is unknown.
  Result<Org> Add(const NewOrg& org, const Actor& actor);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace sw::domain

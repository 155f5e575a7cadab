// What happens when access is refused: an audit row, then the answer.
#pragma once

#include <string>

#include "core/clock.h"
#include "domain/store.h"

namespace sw::domain {

// Writes an "access_denied" audit row (outcome denied) for `object_type`/`object_id` in its own
// transaction, and returns `answer` — NotFound for a lookup outside scope, so the answer does
// not reveal that the record exists; PermissionDenied for an action the role lacks. If the
// audit row cannot be written, that failure is returned instead.
Status Deny(Store& store, const Clock& clock, const Actor& actor, const std::string& object_type,
            const std::string& object_id, Status answer);

}  // namespace sw::domain

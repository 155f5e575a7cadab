// Transaction plumbing shared by both backends.
#pragma once

#include <functional>

#include "storage/database.h"

namespace sw::storage {

// Runs `work` between the `begin` statement and COMMIT; rolls back on any failure.
Status RunInTransaction(Executor& executor, const char* begin, const Work& work);

// Calls `attempt` until it returns something other than Busy, at most `attempts` times,
// sleeping a little longer before each retry.
Status RetryWhileBusy(int attempts, const std::function<Status()>& attempt);

}  // namespace sw::storage

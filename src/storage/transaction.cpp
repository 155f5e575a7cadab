#include "storage/transaction.h"

#include <chrono>
#include <thread>

namespace sw::storage {

// BEGIN, COMMIT and ROLLBACK go through Execute, whose prepared statements SQLite keeps: as
// scripts they were parsed again for every transaction, 5 % of a short request's time.
Status RunInTransaction(Executor& executor, const char* begin, const Work& work) {
  if (Status status = executor.Begin(begin); !status.ok()) return status;
  Status status = work(executor);
  if (status.ok()) status = executor.End("COMMIT");
  if (!status.ok()) (void)executor.End("ROLLBACK");
  return status;
}

Status RetryWhileBusy(int attempts, const std::function<Status()>& attempt) {
  Status status;
  for (int i = 1; i <= attempts; ++i) {
    status = attempt();
    if (status.code() != StatusCode::kBusy) return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(20 * i));
  }
  return status;
}

}  // namespace sw::storage

#include "storage/transaction.h"

#include <chrono>
#include <thread>

namespace sw::storage {

Status RunInTransaction(Executor& executor, const char* begin, const Work& work) {
  if (Status status = executor.ExecuteScript(begin); !status.ok()) return status;
  Status status = work(executor);
  if (status.ok()) status = executor.ExecuteScript("COMMIT");
  if (!status.ok()) (void)executor.ExecuteScript("ROLLBACK");
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

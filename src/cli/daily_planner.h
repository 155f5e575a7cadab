// The server's planner thread: once a day (China time) it opens the new periods' rule tasks for
// every child in care — unless that day is already planned (TaskService::PlanDay), so a restart
// costs nothing — and whenever an organisation's rules change it replans that subtree at once,
// off the request path. Stops when the server does.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "domain/care/task_service.h"

namespace sw::cli {

class DailyPlanner {
 public:
  explicit DailyPlanner(domain::TaskService& tasks);
  ~DailyPlanner();
  DailyPlanner(const DailyPlanner&) = delete;
  DailyPlanner& operator=(const DailyPlanner&) = delete;

  // Plans the subtree of `org_id` soon.
  void Replan(const std::string& org_id);

 private:
  void Run(std::stop_token stop);
  // False when planning failed (logged).
  bool PlanToday(const std::string& day, std::stop_token stop);
  void PlanSubtree(const std::string& org_id, const std::string& day, std::stop_token stop);

  domain::TaskService& tasks_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::deque<std::string> waiting_;  // organisations to replan
  std::jthread thread_;              // last: starts once the rest exists
};

}  // namespace sw::cli

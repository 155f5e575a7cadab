#include "cli/daily_planner.h"

#include <spdlog/spdlog.h>

namespace sw::cli {
namespace {

// How often the thread looks whether the day has changed.
constexpr auto kLookEvery = std::chrono::minutes(10);

}  // namespace

DailyPlanner::DailyPlanner(domain::TaskService& tasks)
    : tasks_(tasks), thread_([this](std::stop_token stop) { Run(stop); }) {}

DailyPlanner::~DailyPlanner() {
  thread_.request_stop();
  wake_.notify_all();
}

void DailyPlanner::Replan(const std::string& org_id) {
  {
    std::lock_guard lock(mutex_);
    waiting_.push_back(org_id);
  }
  wake_.notify_all();
}

void DailyPlanner::PlanSubtree(const std::string& org_id, const std::string& day, std::stop_token stop) {
  auto planned = tasks_.PlanUnder(org_id, day, stop);
  if (!planned.ok()) spdlog::error("care planning after a rule change failed: {}", planned.status().ToString());
}

bool DailyPlanner::PlanToday(const std::string& day, std::stop_token stop) {
  const auto started = std::chrono::steady_clock::now();
  auto planned = tasks_.PlanDay(day, stop);
  if (!planned.ok()) {
    spdlog::error("care planning for {} failed (tried again in a while): {}", day, planned.status().ToString());
    return false;
  }
  if (*planned) {
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    spdlog::info("care tasks planned for {}: {} children in {} ms", day, **planned, millis);
  }
  return true;
}

void DailyPlanner::Run(std::stop_token stop) {
  std::string planned_on;
  while (!stop.stop_requested()) {
    std::string org_id;
    {
      std::unique_lock lock(mutex_);
      if (tasks_.Today() == planned_on) {
        wake_.wait_for(lock, stop, kLookEvery, [&] { return !waiting_.empty(); });
        if (stop.stop_requested()) return;
      }
      if (!waiting_.empty()) {
        org_id = waiting_.front();
        waiting_.pop_front();
      }
    }
    const std::string today = tasks_.Today();
    if (today != planned_on) {
      // Every subtree, which includes any waiting one. On failure the next look tries again.
      if (PlanToday(today, stop)) {
        planned_on = today;
      } else {
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, stop, kLookEvery, [] { return false; });
      }
    } else if (!org_id.empty()) {
      PlanSubtree(org_id, today, stop);
    }
  }
}

}  // namespace sw::cli

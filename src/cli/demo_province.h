// A province of generated data (`shouwang demo --children N --seed S`), for the benchmark and
// for trying Shouwang at scale: cities, counties with their GB/T 2260 codes, townships,
// villages, schools and classes with pupil counts; an official for every county and township,
// a leader for every school, a head teacher for every class and helpers paired with the
// children, three at most each; children with valid ID numbers of their county and birth year,
// their parents and guardians; and two school years of care records following the province's
// 四个一次 rule (a home visit, a talk, a talk with the guardian and a letter each term), with
// the gaps real work has — helpers who keep up and helpers who do not, children without a main
// helper, must-visit signals — and the tasks the planner would have opened, done or left late.
//
// The same seed gives the same province. Rows go in by the backend's bulk path (COPY on
// PostgreSQL), a county at a time, without audit rows: this is a load, as a restore is, not
// the work of anybody.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cli/command_support.h"
#include "cli/demo_county.h"

namespace sw::cli {

struct ProvinceOptions {
  std::int64_t children = 10000;
  std::uint64_t seed = 2016;
};

// What has been written so far.
struct ProvinceCounts {
  std::int64_t orgs = 0;
  std::int64_t users = 0;
  std::int64_t children = 0;
  std::int64_t family_members = 0;
  std::int64_t pairings = 0;
  std::int64_t records = 0;
  std::int64_t signals = 0;
  std::int64_t tasks = 0;
};

struct DemoProvince {
  ProvinceCounts counts;
  std::string password;  // shared by every generated account; must be changed at first sign-in
  // One account of each kind, for trying it and for the benchmark: the province's official, the
  // first county's, township's, school's and class's, and a helper with children.
  std::vector<DemoAccount> accounts;
};

// InvalidArgument("database") when the database already holds organisations. `progress` is
// called after every county.
Result<DemoProvince> FillDemoProvince(CommandServices& services, const ProvinceOptions& options,
                                      std::chrono::year_month_day today,
                                      const std::function<void(const ProvinceCounts&)>& progress);

}  // namespace sw::cli

// A realistic county to try Shouwang on (`shouwang demo`): 来安县 with three townships, their
// primary schools, a junior middle school, classes and villages; an account for every role; and
// left-behind children with parents working in the cities of the Yangtze delta and the Pearl
// River, grandparents at home, helpers paired in demo.teacher's class, and the gaps real
// archives have (a missing ID number, an unknown address, children without a main helper),
// so the figures and the filters have something to show.
// Everything goes through the domain services, so it is validated and audited like real work.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/command_support.h"

namespace sw::cli {

struct DemoOptions {
  int children_per_class = 6;
  bool if_empty = false;  // a database with data is left alone (exit 0) instead of refused
  std::uint32_t seed = 2016;  // the same county every time
};

struct DemoAccount {
  std::string username;
  std::string role;
  std::string org;
};

struct DemoCounty {
  std::vector<DemoAccount> accounts;
  std::string password;  // shared by the demo accounts; must be changed at first sign-in
  int orgs = 0;
  int children = 0;
};

// InvalidArgument("database") when the database already holds organisations: demo data never
// mixes with real data.
Status RequireEmptyDatabase(CommandServices& services);

// RequireEmptyDatabase first.
Result<DemoCounty> FillDemoCounty(CommandServices& services, const DemoOptions& options,
                                  std::chrono::year_month_day today);

}  // namespace sw::cli

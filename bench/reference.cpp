// The benchmark's scenarios and their database reference (bench/run drives both).
//
//   shouwang-bench scenarios                          the table, as JSON, for bench/run
//   shouwang-bench sample  DATABASE_URL               values the requests use (a county, a child, …)
//   shouwang-bench reference DATABASE_URL SCENARIO SECONDS [name=value…]
//
// The reference is "the raw SQL the endpoint runs, timed directly against the database": the
// scenario's domain service is called twice over a database that keeps every statement of the
// second call (as a server that has answered before runs it) with
// its parameters and transaction, then those statements alone are replayed, a few times untimed
// and then for SECONDS — reads in read transactions, writes (audit rows) in write transactions
// rolled back — with no HTTP, session, access check, JSON or service code in the time. It prints
// p50 and p99 in ms.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "domain/care/task_service.h"
#include "domain/children/child_service.h"
#include "storage/database.h"
#include "storage/repositories/sql_repositories.h"

namespace sw::bench {
namespace {

using Arguments = std::map<std::string, std::string>;

// What a write transaction of the reference returns to be rolled back.
constexpr const char* kRolledBack = "reference_rolled_back";
Status RolledBack() { return Status::Conflict("rolled back").WithReason(kRolledBack); }

struct Statement {
  std::string sql;
  storage::Params params;
};
struct Transaction {
  bool write = false;
  std::vector<Statement> statements;
};

// Forwards to a transaction and keeps what it ran.
class RecordingExecutor final : public storage::Executor {
 public:
  RecordingExecutor(storage::Executor& inner, Transaction& transaction) : inner_(inner), transaction_(transaction) {}
  Result<storage::Rows> Query(std::string_view sql, const storage::Params& params) override {
    transaction_.statements.push_back({std::string(sql), params});
    return inner_.Query(sql, params);
  }
  Status ExecuteScript(std::string_view sql) override { return inner_.ExecuteScript(sql); }
  Status BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                    const std::vector<std::vector<storage::Value>>& rows) override {
    return inner_.BulkInsert(table, columns, rows);
  }

 private:
  storage::Executor& inner_;
  Transaction& transaction_;
};

// A database that records every transaction run through it (the last attempt of a retried one).
class RecordingDatabase final : public storage::Database {
 public:
  explicit RecordingDatabase(storage::Database& inner) : inner_(inner) {}
  storage::Dialect dialect() const override { return inner_.dialect(); }
  Result<storage::Rows> Query(std::string_view sql, const storage::Params& params) override {
    transactions_.push_back({false, {{std::string(sql), params}}});
    return inner_.Query(sql, params);
  }
  Status Read(const storage::Work& work) override { return Run(false, work); }
  Status Write(const storage::Work& work) override { return Run(true, work); }
  Status Ping() override { return inner_.Ping(); }
  const std::vector<Transaction>& transactions() const { return transactions_; }
  void Forget() { transactions_.clear(); }

 private:
  Status Run(bool write, const storage::Work& work) {
    transactions_.push_back({write, {}});
    const std::size_t at = transactions_.size() - 1;
    auto recorded = [&](storage::Executor& tx) -> Status {
      transactions_[at].statements.clear();  // a retried attempt replaces the one before
      RecordingExecutor recording(tx, transactions_[at]);
      Status done = work(recording);
      // Writes (audit rows) are rolled back, so the replay's same keys are free.
      return done.ok() && write ? RolledBack() : done;
    };
    if (!write) return inner_.Read(recorded);
    Status written = inner_.Write(recorded);
    return written.reason() == kRolledBack ? Status::Ok() : written;
  }

  storage::Database& inner_;
  std::vector<Transaction> transactions_;
};

// The services a scenario calls, over the recording database.
struct Services {
  explicit Services(storage::Database& database) : store(database), children(store, clock), tasks(store, clock) {}
  storage::SqlStore store;
  SystemClock clock;
  domain::ChildService children;
  domain::TaskService tasks;
};

struct Scenario {
  const char* name;
  const char* account;  // which generated account asks: province_official, county_official, helper
  const char* path;     // the request; {name} is replaced by the sample's value
  std::function<Status(Services&, const domain::User&, const Arguments&)> call;
};

const domain::Actor kActor = domain::Actor::CommandLine();

domain::ChildQuery Query(std::function<void(domain::ChildQuery&)> fill) {
  domain::ChildQuery query;
  fill(query);
  return query;
}

std::string Reversed(const std::string& text) { return {text.rbegin(), text.rend()}; }

// The high-risk children in the caller's scope, a page of 20 in pinyin order with the total.
Status ListHighRisk(Services& s, const domain::User& u, const Arguments&) {
  return s.children.List(Query([](auto& q) { q.risk_level = "high"; }), u, kActor).status();
}

// The children whose pinyin or initials start with the sample's three initials.
Status SearchInitials(Services& s, const domain::User& u, const Arguments& a) {
  return s.children.List(Query([&](auto& q) { q.latin_prefix = a.at("initials"); }), u, kActor).status();
}

// Every scenario of the benchmark, its request and the service call behind it, side by side so
// that they stay the same question.
const std::vector<Scenario>& Scenarios() {
  static const std::vector<Scenario> kScenarios = {
      {"list", "province_official", "/api/v1/children?risk_level=high&page_size=20", ListHighRisk},
      // The same list as a county's official sees it: walked in the county's own name order
      // (children_county_sort), where a province's walks the risk level's.
      {"county_list", "county_official", "/api/v1/children?risk_level=high&page_size=20", ListHighRisk},
      {"search_initials", "county_official", "/api/v1/children?q={initials}", SearchInitials},
      // The same search over every county: it must seek its key in each, not walk the province.
      {"search_province", "province_official", "/api/v1/children?q={initials}", SearchInitials},
      // Within one city: it must seek its key in the city's counties only. The reference skips the
      // lookup of the city's code, one statement by the organisation's unique code.
      {"search_city", "province_official", "/api/v1/children?q={initials}&org={city}",
       [](Services& s, const domain::User& u, const Arguments& a) {
         return s.children
             .List(Query([&](auto& q) {
                     q.latin_prefix = a.at("initials");
                     q.org_id = a.at("city_id");
                   }),
                   u, kActor)
             .status();
       }},
      {"search_phone_tail", "county_official", "/api/v1/children?q={phone_tail}",
       [](Services& s, const domain::User& u, const Arguments& a) {
         return s.children.List(Query([&](auto& q) { q.digits_reversed = Reversed(a.at("phone_tail")); }), u, kActor)
             .status();
       }},
      {"search_id_tail", "county_official", "/api/v1/children?q={id_tail}",
       [](Services& s, const domain::User& u, const Arguments& a) {
         return s.children.List(Query([&](auto& q) { q.digits_reversed = Reversed(a.at("id_tail")); }), u, kActor)
             .status();
       }},
      {"child", "county_official", "/api/v1/children/{child}",
       [](Services& s, const domain::User& u, const Arguments& a) {
         return s.children.Get(a.at("child"), u, kActor).status();
       }},
      // A helper's own children, reached through their pairings alone.
      {"helper_list", "helper", "/api/v1/children?page_size=20",
       [](Services& s, const domain::User& u, const Arguments&) {
         return s.children.List(Query([](auto&) {}), u, kActor).status();
       }},
      {"helper_todo", "helper", "/api/v1/tasks?mine=1&status=todo",
       [](Services& s, const domain::User& u, const Arguments&) {
         domain::TaskFilter filter;
         filter.state = "todo";
         return s.tasks.Mine(filter, u).status();
       }},
      {"county_overdue", "county_official", "/api/v1/tasks?org={county}&status=late",
       [](Services& s, const domain::User& u, const Arguments& a) {
         domain::TaskFilter filter;
         filter.state = "late";
         return s.tasks.OfOrg(a.at("county"), filter, u, kActor).status();
       }},
      {"province_figures", "province_official", "/api/v1/children/figures",
       [](Services& s, const domain::User& u, const Arguments&) {
         return s.children.Figures({}, u, kActor).status();
       }},
  };
  return kScenarios;
}

int ListScenarios() {
  nlohmann::json list = nlohmann::json::array();
  for (const Scenario& scenario : Scenarios()) {
    list.push_back({{"name", scenario.name}, {"account", scenario.account}, {"path", scenario.path}});
  }
  std::cout << list.dump(1) << "\n";
  return 0;
}

// Says why on standard error and gives the exit code: 1, or 2 for a request not understood.
int Fail(const std::string& why, int exit_code = 1) {
  std::cerr << "shouwang-bench: " << why << "\n";
  return exit_code;
}

Result<storage::Rows> One(storage::Database& database, const std::string& sql, const storage::Params& params = {}) {
  auto rows = database.Query(sql, params);
  if (rows.ok() && rows->empty()) return Status::NotFound("no rows for the sample: is this a generated province?");
  return rows;
}

// Values the requests use, taken from the generated data: the first county and its city, a child
// of it with an ID number and a guardian's phone, the pinyin initials of its name, and the
// accounts.
int Sample(storage::Database& database) {
  auto county = One(database, "SELECT code, id FROM orgs WHERE kind = 'county' ORDER BY code LIMIT 1");
  if (!county.ok()) return Fail(county.status().ToString());
  const std::string county_id = storage::AsText((*county)[0][1]);
  auto city = One(database, "SELECT p.code, p.id FROM orgs p JOIN orgs c ON c.parent_id = p.id WHERE c.id = $1",
                  {county_id});
  if (!city.ok()) return Fail(city.status().ToString());
  auto child = One(database,
                   "SELECT c.id, c.id_number, c.name_initials, f.phone FROM children c JOIN family_members f ON "
                   "f.child_id = c.id WHERE c.county_id = $1 AND c.id_number IS NOT NULL AND f.kind = 'guardian' "
                   "ORDER BY c.id LIMIT 1",
                   {county_id});
  auto helper = One(database,
                    "SELECT u.username FROM users u JOIN pairings p ON p.helper_id = u.id ORDER BY u.username LIMIT 1");
  if (!child.ok() || !helper.ok()) return Fail("no child or helper to sample");
  const auto& row = (*child)[0];
  const std::string id_number = storage::AsText(row[1]), phone = storage::AsText(row[3]);
  const nlohmann::json sample = {
      {"county", storage::AsText((*county)[0][0])}, {"city", storage::AsText((*city)[0][0])},
      {"city_id", storage::AsText((*city)[0][1])}, {"child", storage::AsText(row[0])},
      {"id_tail", id_number.substr(id_number.size() - 6)}, {"phone_tail", phone.substr(phone.size() - 4)},
      {"initials", storage::AsText(row[2]).substr(0, 3)},
      {"accounts", {{"province_official", "official.province"},
                    {"county_official", "official." + storage::AsText((*county)[0][0])},
                    {"helper", storage::AsText((*helper)[0][0])}}}};
  std::cout << sample.dump(1) << "\n";
  return 0;
}

Result<domain::User> UserNamed(storage::Database& database, const std::string& username) {
  storage::SqlStore store(database);
  std::optional<domain::User> user;
  Status read = store.Read([&](domain::Repositories& repos) -> Status {
    auto found = repos.users.FindByUsername(username);
    if (found.ok()) user = *found;
    return found.status();
  });
  if (!read.ok()) return read;
  if (!user) return Status::NotFound("no account " + username);
  return *user;
}

// Untimed replays before the timed ones: PostgreSQL plans a prepared statement for its values
// its first five runs, and only then settles on one plan for all values, as the server's
// connections long have. Timed from the first run, a county's overdue list took 210–513 ms where
// its settled runs took 50.
constexpr int kWarmUpRuns = 6;

// The recorded transactions once, in their kinds; a write is rolled back.
Status Replay(storage::Database& database, const std::vector<Transaction>& transactions) {
  for (const Transaction& transaction : transactions) {
    auto run = [&](storage::Executor& tx) -> Status {
      for (const Statement& statement : transaction.statements) {
        if (auto rows = tx.Query(statement.sql, statement.params); !rows.ok()) return rows.status();
      }
      return transaction.write ? RolledBack() : Status::Ok();
    };
    Status replayed = transaction.write ? database.Write(run) : database.Read(run);
    if (!replayed.ok() && replayed.reason() != kRolledBack) return replayed;
  }
  return Status::Ok();
}

double Percentile(std::vector<double>& samples, double fraction) {
  std::sort(samples.begin(), samples.end());
  return samples[static_cast<std::size_t>(fraction * static_cast<double>(samples.size() - 1))];
}

int Reference(storage::Database& database, const std::string& name, double seconds, const Arguments& arguments) {
  const auto scenario = std::find_if(Scenarios().begin(), Scenarios().end(),
                                     [&](const Scenario& s) { return s.name == name; });
  if (scenario == Scenarios().end()) return Fail("unknown scenario " + name, 2);
  auto user = UserNamed(database, arguments.at(scenario->account));
  if (!user.ok()) return Fail(user.status().ToString());
  RecordingDatabase recording(database);
  Services services(recording);
  // The second call is the one kept: the first fills what the storage remembers of the tree
  // (a scope's roots, which of them have counts kept), whose statements a server that has
  // answered before no longer runs. Kept from the first, they made the province's list's
  // reference 0.11 ms where the server took 0.09 ms for the whole request.
  for (int call = 0; call < 2; ++call) {
    recording.Forget();
    if (Status called = scenario->call(services, *user, arguments); !called.ok()) {
      return Fail(name + ": " + called.ToString());
    }
  }
  for (int run = 0; run < kWarmUpRuns; ++run) {
    if (Status replayed = Replay(database, recording.transactions()); !replayed.ok()) {
      return Fail(name + ": " + replayed.ToString());
    }
  }
  std::vector<double> samples;
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until || samples.size() < 5) {
    const auto started = std::chrono::steady_clock::now();
    if (Status replayed = Replay(database, recording.transactions()); !replayed.ok()) {
      return Fail(name + ": " + replayed.ToString());
    }
    samples.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
  }
  std::size_t statements = 0;
  for (const Transaction& transaction : recording.transactions()) statements += transaction.statements.size();
  std::cout << nlohmann::json{{"scenario", name}, {"runs", samples.size()}, {"statements", statements},
                              {"p50_ms", Percentile(samples, 0.5)}, {"p99_ms", Percentile(samples, 0.99)}}
                   .dump()
            << "\n";
  return 0;
}

int Main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 1 && args[0] == "scenarios") return ListScenarios();
  if (args.size() < 2 || (args[0] != "sample" && args[0] != "reference") || (args[0] == "reference" && args.size() < 4)) {
    std::cerr << "usage: shouwang-bench scenarios | sample DATABASE_URL | reference DATABASE_URL SCENARIO SECONDS "
                 "[name=value…]\n";
    return 2;
  }
  auto database = storage::Open(args[1], {.connections = 1});
  if (!database.ok()) return Fail(database.status().ToString());
  if (args[0] == "sample") return Sample(**database);
  Arguments arguments;
  for (std::size_t i = 4; i < args.size(); ++i) {
    const auto equals = args[i].find('=');
    arguments[args[i].substr(0, equals)] = equals == std::string::npos ? "" : args[i].substr(equals + 1);
  }
  return Reference(**database, args[2], std::stod(args[3]), arguments);
}

}  // namespace
}  // namespace sw::bench

int main(int argc, char** argv) { return sw::bench::Main(argc, argv); }

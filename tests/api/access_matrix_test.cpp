// Every role × every endpoint × an object inside and outside the role's scope: the status, and
// the audit row. Later issues add their endpoints to kCases.
//
// The tree: county 341122 (来安县) → township qs → school qs-zx → class qs-zx-3-1, village qs-v1;
//           township ds → school ds-zx;  and a second county 341124 (全椒县) → township qb.
// Each role is held by one user bound where the role belongs on the qs side; official.qb works
// in the second county, outside every holder's scope, and leader.ds keeps a child at ds-zx.
#include <regex>
#include <set>

#include "http/routes.h"
#include "storage/database.h"
#include "support/photos.h"
#include "support/server_test.h"

namespace sw::testing {
namespace {

constexpr const char* kFirstPassword = "dusk-Heron-paddy-42";
constexpr const char* kPassword = "river-Stone-lantern-7";

struct Holder {
  std::string role;
  std::string org;                    // where the role is bound
  std::set<std::string> visible_orgs;  // what GET /api/v1/orgs must return, exactly
  std::string username = "";           // default: the role with dots, "county.official"
};

const std::set<std::string> kCountyA = {"341122", "qs", "qs-zx", "qs-zx-3-1", "qs-v1", "ds", "ds-zx"};
const std::set<std::string> kQs = {"qs", "qs-zx", "qs-zx-3-1", "qs-v1"};
const std::set<std::string> kQsSchool = {"qs-zx", "qs-zx-3-1"};

const std::vector<Holder> kHolders = {
    {"system_admin", "341122", kCountyA},   {"security_admin", "341122", kCountyA},
    {"audit_admin", "341122", kCountyA},    {"county_official", "341122", kCountyA},
    {"township_official", "qs", kQs},       {"school_leader", "qs-zx", kQsSchool},
    {"head_teacher", "qs-zx-3-1", {"qs-zx-3-1"}}, {"helper", "qs-zx", kQsSchool},
    {"counsellor", "qs-zx", kQsSchool},     {"village_director", "qs-v1", {"qs-v1"}},
    {"home_keeper", "qs-zx", kQsSchool},
};

class AccessMatrixTest : public ServerTest {
 protected:
  void Seed() override {
    const std::vector<std::vector<std::string>> orgs = {
        {"341122", "来安县", "county", ""},     {"qs", "青山镇", "township", "341122"},
        {"qs-zx", "青山镇中心小学", "school", "qs"}, {"qs-zx-3-1", "三年级1班", "class", "qs-zx"},
        {"qs-v1", "青山村", "village", "qs"},    {"ds", "大山镇", "township", "341122"},
        {"ds-zx", "大山镇小学", "school", "ds"},  {"341124", "全椒县", "county", ""},
        {"qb", "全椒镇", "township", "341124"}};
    for (const auto& org : orgs) {
      std::vector<std::string> args = {"org", "add", "--code", org[0], "--name", org[1], "--kind", org[2]};
      if (!org[3].empty()) args.insert(args.end(), {"--parent", org[3]});
      Shouwang(args);
    }
    for (const Holder& holder : kHolders) SeedUser(Username(holder), holder.role, holder.org, kFirstPassword);
    SeedUser("official.qb", "township_official", "qb", kFirstPassword);
    SeedUser("leader.ds", "school_leader", "ds-zx", kFirstPassword);
  }

  static std::string Username(const Holder& holder) {
    if (!holder.username.empty()) return holder.username;
    std::string name = holder.role;
    std::replace(name.begin(), name.end(), '_', '.');
    return name;
  }

  Session SignIn(const Holder& holder) { return SignInFirstTime(Username(holder), kFirstPassword, kPassword); }

  // Creates a child through the API and returns its id.
  std::string CreateChild(const Session& session, const std::string& org, const std::string& name) {
    HttpResponse created = Call(session, "POST", "/api/v1/children",
                                nlohmann::json{{"org", org}, {"name", name}, {"gender", "male"},
                                               {"birth_date", "2015-05-05"}}.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().value("id", "");
  }

  // Audit rows the request wrote, as "action/outcome".
  std::multiset<std::string> AuditOf(const std::string& request_id) {
    auto database = storage::Open(fresh_.url(), {.connections = 1});
    auto rows = (*database)->Query("SELECT action, outcome FROM audit_log WHERE request_id = $1", {request_id});
    std::multiset<std::string> entries;
    for (const auto& row : *rows) entries.insert(storage::AsText(row[0]) + "/" + storage::AsText(row[1]));
    return entries;
  }
};

// One call of an endpoint, and what it audits when allowed.
struct EndpointCall {
  std::string method, path, body;
  int ok_status;
  std::string audited;  // "" when a successful call writes no row
};

// Roles that may change child records somewhere (their scope decides where).
bool RoleWrites(const std::string& role) { return role == "school_leader" || role == "head_teacher"; }

std::vector<EndpointCall> CallsOnUser(const std::string& username) {
  const std::string user = "/api/v1/users/" + username;
  return {{"GET", user, "", 200, ""},
          {"PATCH", user, R"({"active":false})", 200, "user.disable/ok"},
          {"PATCH", user, R"({"active":true})", 200, "user.enable/ok"},
          {"POST", user + "/password", "", 200, "user.reset_password/ok"},
          {"DELETE", user + "/lock", "", 200, "user.unlock/ok"},
          {"DELETE", user + "/totp", "", 200, "user.reset_totp/ok"},
          {"POST", user + "/roles", R"({"role":"helper","org":"qs-zx"})", 201, "user.grant_role/ok"},
          {"DELETE", user + "/roles/helper/qs-zx", "", 200, "user.revoke_role/ok"}};
}

std::set<std::string> UsernamesOf(const HttpResponse& response) {
  std::set<std::string> names;
  const nlohmann::json body = response.Json();
  for (const auto& user : body["users"]) names.insert(user["username"].get<std::string>());
  return names;
}

std::set<std::string> CodesOf(const HttpResponse& response) {
  std::set<std::string> codes;
  const nlohmann::json body = response.Json();
  for (const auto& org : body["orgs"]) codes.insert(org["code"].get<std::string>());
  return codes;
}

TEST_F(AccessMatrixTest, EveryRoleOnEveryEndpoint) {
  int request_number = 0;
  auto id = [&] { return "m" + std::to_string(++request_number); };
  std::vector<Session> sessions;
  for (const Holder& holder : kHolders) sessions.push_back(SignIn(holder));

  // Reads first, while the tree is as seeded.
  for (std::size_t i = 0; i < kHolders.size(); ++i) {
    const Holder& holder = kHolders[i];
    SCOPED_TRACE(holder.role);
    // GET /api/v1/session: everyone, no audit row.
    std::string rid = id();
    EXPECT_EQ(Call(sessions[i], "GET", "/api/v1/session", "", rid).status, 200);
    EXPECT_TRUE(AuditOf(rid).empty());

    // GET /api/v1/orgs: exactly the own subtree.
    rid = id();
    HttpResponse list = Call(sessions[i], "GET", "/api/v1/orgs", "", rid);
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(CodesOf(list), holder.visible_orgs);

    // GET /api/v1/orgs/{code}: in scope 200; outside 404 with an access_denied row.
    rid = id();
    EXPECT_EQ(Call(sessions[i], "GET", "/api/v1/orgs/" + holder.org, "", rid).status, 200);
    EXPECT_TRUE(AuditOf(rid).empty());
    for (const std::string outside : {"qb", "ds-zx", "no-such-org"}) {
      if (holder.visible_orgs.contains(outside)) continue;
      rid = id();
      HttpResponse denied = Call(sessions[i], "GET", "/api/v1/orgs/" + outside, "", rid);
      EXPECT_EQ(denied.status, 404) << outside;
      EXPECT_EQ(AuditOf(rid), std::multiset<std::string>{"access_denied/denied"}) << outside;
    }
  }

  // GET /api/v1/audit and /api/v1/audit/report: only the audit admin; reading is audited too.
  for (std::size_t i = 0; i < kHolders.size(); ++i) {
    SCOPED_TRACE(kHolders[i].role);
    const bool audits = kHolders[i].role == "audit_admin";
    for (const auto& [path, action] : std::vector<std::pair<std::string, std::string>>{
             {"/api/v1/audit", "audit.search/ok"}, {"/api/v1/audit/report", "audit.report/ok"}}) {
      const std::string rid = id();
      EXPECT_EQ(Call(sessions[i], "GET", path, "", rid).status, audits ? 200 : 403) << path;
      EXPECT_EQ(AuditOf(rid), std::multiset<std::string>{audits ? action : "access_denied/denied"}) << path;
    }
  }

  // POST /api/v1/orgs: only the system admin, and only under a parent in scope.
  for (std::size_t i = 0; i < kHolders.size(); ++i) {
    const Holder& holder = kHolders[i];
    SCOPED_TRACE(holder.role);
    const bool manages = holder.role == "system_admin";
    std::string rid = id();
    HttpResponse created = Call(sessions[i], "POST", "/api/v1/orgs",
                                nlohmann::json{{"code", "new-" + holder.role}, {"name", "四年级1班"}, {"kind", "class"},
                                               {"parent", "qs-zx"}}.dump(),
                                rid);
    EXPECT_EQ(created.status, manages ? 201 : 403) << created.body;
    EXPECT_EQ(AuditOf(rid), std::multiset<std::string>{manages ? "org.create/ok" : "access_denied/denied"});
    if (!manages) continue;
    rid = id();
    HttpResponse outside = Call(sessions[i], "POST", "/api/v1/orgs",
                                nlohmann::json{{"code", "stray"}, {"name", "x"}, {"kind", "school"}, {"parent", "qb"}}.dump(),
                                rid);
    EXPECT_EQ(outside.status, 422);
    EXPECT_EQ(outside.Json()["error"]["code"], "unknown_parent");
    EXPECT_EQ(AuditOf(rid), std::multiset<std::string>{"access_denied/denied"});
    for (const char* pupils : {"4294967396", "18446744073709551615", "-1"}) {
      HttpResponse huge = Call(sessions[i], "POST", "/api/v1/orgs",
                               std::string(R"({"code":"big","name":"x","kind":"class","parent":"qs-zx","pupils":)") +
                                   pupils + "}",
                               id());
      EXPECT_EQ(huge.status, 422) << pupils;
      EXPECT_EQ(huge.Json()["error"]["field"], "pupils") << pupils;
      EXPECT_EQ(huge.Json()["error"]["code"], "pupils_out_of_range") << pupils;
    }
    HttpResponse misplaced = Call(sessions[i], "POST", "/api/v1/orgs",
                                  R"({"code":"c9","name":"一班","kind":"class","parent":"qs"})", id());
    EXPECT_EQ(misplaced.Json()["error"]["code"], "parent_kind_mismatch");
    EXPECT_EQ(misplaced.Json()["error"]["message"], "该类单位不能设在所选上级单位之下（如班级只能属于学校）");
  }

  // Terms are read by everyone in scope; organisation changes, pupil counts and terms are the
  // system admin's, within their scope.
  const std::vector<EndpointCall> org_changes = {
      {"PATCH", "/api/v1/orgs/qs-zx-3-1", R"({"name":"三年级一班"})", 200, "org.update/ok"},
      {"PUT", "/api/v1/orgs/qs-zx/pupils", R"({"pupils":650})", 200, "org.set_pupils/ok"},
      {"PUT", "/api/v1/orgs/341122/terms/2026-2027-2", R"({"starts_on":"2027-02-20","ends_on":"2027-07-10"})", 200,
       "term.set/ok"}};
  const std::vector<EndpointCall> org_changes_outside = {
      {"PATCH", "/api/v1/orgs/qb", R"({"name":"x"})", 0, ""},
      {"PUT", "/api/v1/orgs/qb/pupils", R"({"pupils":1})", 0, ""},
      {"PUT", "/api/v1/orgs/341124/terms/2026-2027-2", R"({"starts_on":"2027-02-20","ends_on":"2027-07-10"})", 0, ""}};
  for (std::size_t i = 0; i < kHolders.size(); ++i) {
    const Holder& holder = kHolders[i];
    SCOPED_TRACE(holder.role);
    std::string rid = id();
    HttpResponse terms = Call(sessions[i], "GET", "/api/v1/orgs/" + holder.org + "/terms", "", rid);
    EXPECT_EQ(terms.status, 200);
    EXPECT_TRUE(AuditOf(rid).empty());
    rid = id();
    EXPECT_EQ(Call(sessions[i], "GET", "/api/v1/orgs/qb/terms", "", rid).status, 404);
    EXPECT_EQ(AuditOf(rid), std::multiset<std::string>{"access_denied/denied"});

    const bool manages = holder.role == "system_admin";
    for (const EndpointCall& call : org_changes) {
      rid = id();
      HttpResponse answer = Call(sessions[i], call.method, call.path, call.body, rid);
      EXPECT_EQ(answer.status, manages ? call.ok_status : 403) << call.method << " " << call.path << answer.body;
      EXPECT_EQ(AuditOf(rid), std::multiset<std::string>{manages ? call.audited : "access_denied/denied"});
    }
    if (!manages) continue;
    for (const EndpointCall& call : org_changes_outside) {
      rid = id();
      EXPECT_EQ(Call(sessions[i], call.method, call.path, call.body, rid).status, 404) << call.path;
      EXPECT_EQ(AuditOf(rid), std::multiset<std::string>{"access_denied/denied"}) << call.path;
    }
  }

  // Archive settings: everyone who sees an organisation reads them; the system admin, the county
  // official and the school leader change them within their scope.
  const std::set<std::string> manages_archive = {"system_admin", "county_official", "school_leader"};
  for (std::size_t i = 0; i < kHolders.size(); ++i) {
    const Holder& holder = kHolders[i];
    SCOPED_TRACE(holder.role);
    std::string rid = id();
    EXPECT_EQ(Call(sessions[i], "GET", "/api/v1/orgs/" + holder.org + "/archive-settings", "", rid).status, 200);
    EXPECT_TRUE(AuditOf(rid).empty());
    rid = id();
    EXPECT_EQ(Call(sessions[i], "GET", "/api/v1/orgs/qb/archive-settings", "", rid).status, 404);
    EXPECT_EQ(AuditOf(rid), std::multiset<std::string>{"access_denied/denied"});

    const bool manages = manages_archive.contains(holder.role);
    const std::string key = "f_" + holder.role;
    const std::vector<EndpointCall> calls = {
        {"POST", "/api/v1/orgs/qs-zx/child-fields",
         nlohmann::json{{"key", key}, {"label", "校车路线"}, {"kind", "text"}}.dump(), 201, "archive.field_add/ok"},
        {"PATCH", "/api/v1/orgs/qs-zx/child-fields/" + key, R"({"version":1,"label":"校车"})", 200,
         "archive.field_update/ok"},
        {"PUT", "/api/v1/orgs/qs-zx/required-fields", R"({"fields":["name","gender"]})", 200,
         "archive.required_set/ok"},
        {"DELETE", "/api/v1/orgs/qs-zx/required-fields", "", 200, "archive.required_clear/ok"}};
    for (const EndpointCall& call : calls) {
      rid = id();
      HttpResponse answer = Call(sessions[i], call.method, call.path, call.body, rid);
      EXPECT_EQ(answer.status, manages ? call.ok_status : 403) << call.method << " " << call.path << answer.body;
      EXPECT_EQ(AuditOf(rid), std::multiset<std::string>{manages ? call.audited : "access_denied/denied"});
      if (!manages) continue;
      std::string outside_path = call.path;
      outside_path.replace(outside_path.find("qs-zx"), 5, "qb");
      rid = id();
      EXPECT_EQ(Call(sessions[i], call.method, outside_path, call.body, rid).status, 404) << outside_path;
      EXPECT_EQ(AuditOf(rid), std::multiset<std::string>{"access_denied/denied"}) << outside_path;
    }
  }

  // /api/v1/children…: a child in 三年级1班 (qs-zx-3-1) and one at 大山镇小学 (ds-zx).
  const std::string inside = CreateChild(sessions[6], "qs-zx-3-1", "张三");  // the head teacher
  const std::string outside = CreateChild(SignInFirstTime("leader.ds", kFirstPassword, kPassword), "ds-zx", "李四");
  const std::set<std::string> reads_inside = {"county_official", "township_official", "school_leader", "head_teacher",
                                              "counsellor", "home_keeper"};
  const std::set<std::string> writes_inside = {"school_leader", "head_teacher"};
  for (std::size_t i = 0; i < kHolders.size(); ++i) {
    const Holder& holder = kHolders[i];
    SCOPED_TRACE(holder.role);
    const bool admin = holder.role.ends_with("_admin");
    const bool reads = reads_inside.contains(holder.role);
    const std::multiset<std::string> denied_row = {"access_denied/denied"};

    std::string rid = id();
    HttpResponse list = Call(sessions[i], "GET", "/api/v1/children", "", rid);
    EXPECT_EQ(list.status, admin ? 403 : 200);
    EXPECT_EQ(AuditOf(rid), admin ? denied_row : std::multiset<std::string>{});
    if (!admin) {
      EXPECT_EQ(list.Json()["total"], reads ? (holder.role == "county_official" ? 2 : 1) : 0);
    }
    rid = id();
    HttpResponse figures = Call(sessions[i], "GET", "/api/v1/children/figures", "", rid);
    EXPECT_EQ(figures.status, admin ? 403 : 200);
    EXPECT_EQ(AuditOf(rid), admin ? denied_row : std::multiset<std::string>{});
    if (!admin) {
      EXPECT_EQ(figures.Json()["total"], list.Json()["total"]);  // the same scope as the list
    }

    rid = id();
    EXPECT_EQ(Call(sessions[i], "GET", "/api/v1/children/" + inside, "", rid).status, admin ? 403 : reads ? 200 : 404);
    EXPECT_EQ(AuditOf(rid), reads ? std::multiset<std::string>{"child.read/ok"} : denied_row);
    rid = id();
    HttpResponse revealed = Call(sessions[i], "POST", "/api/v1/children/" + inside + "/reveal",
                                 R"({"field":"id_number","reason":"核对学籍"})", rid);
    EXPECT_EQ(revealed.status, admin ? 403 : reads ? 200 : 404);
    EXPECT_EQ(AuditOf(rid), reads ? std::multiset<std::string>{"child.reveal_id_number/ok"} : denied_row);
    // Printing is reading: each child printed is audited; a child out of scope is not printed.
    for (const char* view : {"contact-cards", "class-register"}) {
      rid = id();
      HttpResponse printed = Call(sessions[i], "GET", std::string("/api/v1/print/") + view + "?child=" + inside, "", rid);
      EXPECT_EQ(printed.status, admin ? 403 : 200) << view;
      EXPECT_EQ(AuditOf(rid), admin ? denied_row : reads ? std::multiset<std::string>{"child.print/ok"}
                                                        : std::multiset<std::string>{}) << view;
      rid = id();
      Call(sessions[i], "GET", std::string("/api/v1/print/") + view + "?child=" + outside, "", rid);
      const bool reads_outside = holder.role == "county_official";
      EXPECT_EQ(AuditOf(rid), admin ? denied_row : reads_outside ? std::multiset<std::string>{"child.print/ok"}
                                                                : std::multiset<std::string>{}) << view;
    }
    rid = id();
    const int outside_status = admin ? 403 : holder.role == "county_official" ? 200 : 404;
    EXPECT_EQ(Call(sessions[i], "GET", "/api/v1/children/" + outside, "", rid).status, outside_status);
    EXPECT_EQ(AuditOf(rid), outside_status == 200 ? std::multiset<std::string>{"child.read/ok"} : denied_row);

  }
  std::int64_t version = 1;  // of the inside child, bumped by each edit that succeeds
  for (std::size_t i = 0; i < kHolders.size(); ++i) {
    const Holder& holder = kHolders[i];
    SCOPED_TRACE(holder.role);
    const bool writes = writes_inside.contains(holder.role);
    const std::multiset<std::string> denied_row = {"access_denied/denied"};
    const std::vector<EndpointCall> changes = {
        {"POST", "/api/v1/children", R"({"org":"qs-zx-3-1","name":"王五","gender":"male","birth_date":"2015-01-01"})",
         201, "child.create/ok"},
        {"PATCH", "/api/v1/children/" + inside,
         nlohmann::json{{"version", version}, {"hobbies", "画画 " + holder.role}}.dump(), 200, "child.update/ok"},
        {"POST", "/api/v1/children/" + inside + "/family", R"({"kind":"parent","name":"张大山","relation":"father"})",
         201, "child.family_add/ok"}};
    for (const EndpointCall& call : changes) {
      std::string rid = id();
      HttpResponse answer = Call(sessions[i], call.method, call.path, call.body, rid);
      EXPECT_EQ(answer.status, writes ? call.ok_status : RoleWrites(holder.role) ? 404 : 403) << call.path << answer.body;
      EXPECT_EQ(AuditOf(rid), writes ? std::multiset<std::string>{call.audited} : denied_row) << call.path;
    }
    if (writes) ++version;
    std::string rid = id();
    EXPECT_EQ(Call(sessions[i], "PATCH", "/api/v1/children/" + outside, R"({"version":1,"hobbies":"x"})", rid).status,
              RoleWrites(holder.role) ? 404 : 403);
    EXPECT_EQ(AuditOf(rid), denied_row);
    for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
             {"DELETE", "/api/v1/children/" + outside},
             {"POST", "/api/v1/children/" + outside + "/family"},
             {"PATCH", "/api/v1/children/" + outside + "/family/m"},
             {"DELETE", "/api/v1/children/" + outside + "/family/m"}}) {
      rid = id();
      const std::string body = method == "DELETE" && !path.ends_with("/m") ? R"({"reason":"x"})"
                               : method == "POST" ? R"({"kind":"parent","name":"x","relation":"father"})"
                                                  : R"({"version":1})";
      EXPECT_EQ(Call(sessions[i], method, path, body, rid).status, RoleWrites(holder.role) ? 404 : 403) << path;
      EXPECT_EQ(AuditOf(rid), denied_row) << method << " " << path;
    }
  }
  const std::string archived = id();
  EXPECT_EQ(Call(sessions[6], "DELETE", "/api/v1/children/" + inside, R"({"reason":"转学"})", archived).status, 200);
  EXPECT_EQ(AuditOf(archived), std::multiset<std::string>{"child.archive/ok"});

  // Year-end promotion: whoever writes children at a school previews and commits it there.
  for (std::size_t i = 0; i < kHolders.size(); ++i) {
    const Holder& holder = kHolders[i];
    SCOPED_TRACE(holder.role);
    const bool promotes = holder.role == "school_leader";
    const int refused = RoleWrites(holder.role) ? 404 : 403;
    std::string rid = id();
    HttpResponse preview = Call(sessions[i], "GET", "/api/v1/orgs/qs-zx/promotion", "", rid);
    EXPECT_EQ(preview.status, promotes ? 200 : refused);
    EXPECT_EQ(AuditOf(rid), promotes ? std::multiset<std::string>{} : std::multiset<std::string>{"access_denied/denied"});
    rid = id();
    const std::string into_year = promotes ? std::to_string(preview.Json()["into_year"].get<int>()) : "2026";
    HttpResponse commit = Call(sessions[i], "POST", "/api/v1/orgs/qs-zx/promotion", R"({"into_year":)" + into_year + "}", rid);
    EXPECT_EQ(commit.status, promotes ? 200 : refused) << commit.body;
    EXPECT_EQ(AuditOf(rid), std::multiset<std::string>{promotes ? "children.promote/ok" : "access_denied/denied"});
    if (!promotes) continue;
    rid = id();
    EXPECT_EQ(Call(sessions[i], "GET", "/api/v1/orgs/ds-zx/promotion", "", rid).status, 404);
    EXPECT_EQ(AuditOf(rid), std::multiset<std::string>{"access_denied/denied"});
  }

  // Pairings: who writes at the child's class pairs (and ends); who reads it sees them; the
  // helper paired reads the child, and no longer once the pairing ends.
  const std::string paired_child = CreateChild(sessions[6], "qs-zx-3-1", "周九");
  const std::string pairings = "/api/v1/children/" + paired_child + "/pairings";
  const std::size_t helper_index = 7;
  for (std::size_t i = 0; i < kHolders.size(); ++i) {
    const Holder& holder = kHolders[i];
    SCOPED_TRACE(holder.role);
    const bool admin = holder.role.ends_with("_admin");
    const bool writes = writes_inside.contains(holder.role);
    const bool reads = reads_inside.contains(holder.role);
    std::string rid = id();
    EXPECT_EQ(Call(sessions[i], "GET", pairings, "", rid).status, admin ? 403 : reads ? 200 : 404);
    EXPECT_EQ(AuditOf(rid), reads ? std::multiset<std::string>{} : std::multiset<std::string>{"access_denied/denied"});
    rid = id();
    const std::string helpers = "/api/v1/children/" + paired_child + "/helpers";
    EXPECT_EQ(Call(sessions[i], "GET", helpers, "", rid).status, writes ? 200 : RoleWrites(holder.role) ? 404 : 403);
    EXPECT_EQ(AuditOf(rid), writes ? std::multiset<std::string>{} : std::multiset<std::string>{"access_denied/denied"});
    rid = id();
    HttpResponse paired = Call(sessions[i], "POST", pairings, R"({"helper":"helper","role":"main"})", rid);
    EXPECT_EQ(paired.status, writes ? 201 : RoleWrites(holder.role) ? 404 : 403) << paired.body;
    EXPECT_EQ(AuditOf(rid), std::multiset<std::string>{writes ? "child.pair/ok" : "access_denied/denied"});
    if (!writes) continue;
    EXPECT_EQ(Call(sessions[helper_index], "GET", "/api/v1/children/" + paired_child).status, 200);
    rid = id();
    EXPECT_EQ(Call(sessions[i], "DELETE", pairings + "/" + paired.Json()["id"].get<std::string>(), "", rid).status, 200);
    EXPECT_EQ(AuditOf(rid), std::multiset<std::string>{"child.unpair/ok"});
    EXPECT_EQ(Call(sessions[helper_index], "GET", "/api/v1/children/" + paired_child).status, 404);
  }

  // Transfers: who writes at the sending class asks (and withdraws); who reads there sees the
  // transfer; only the receiving school (ds-zx, leader.ds) decides.
  const std::string moving = CreateChild(sessions[6], "qs-zx-3-1", "孙八");
  const std::string ask_path = "/api/v1/children/" + moving + "/transfers";
  const std::string ask_body = R"({"to":"ds-zx","reason":"随父母迁居"})";
  for (std::size_t i = 0; i < kHolders.size(); ++i) {
    const Holder& holder = kHolders[i];
    SCOPED_TRACE(holder.role);
    const bool writes = writes_inside.contains(holder.role);
    std::string rid = id();
    HttpResponse asked = Call(sessions[i], "POST", ask_path, ask_body, rid);
    EXPECT_EQ(asked.status, writes ? 201 : RoleWrites(holder.role) ? 404 : 403) << asked.body;
    EXPECT_EQ(AuditOf(rid), std::multiset<std::string>{writes ? "child.transfer_request/ok" : "access_denied/denied"});
    if (!writes) continue;
    rid = id();
    EXPECT_EQ(Call(sessions[i], "DELETE", "/api/v1/transfers/" + asked.Json()["id"].get<std::string>(), "", rid).status, 200);
    EXPECT_EQ(AuditOf(rid), std::multiset<std::string>{"child.transfer_withdraw/ok"});
  }
  const std::string transfer = "/api/v1/transfers/" + Call(sessions[6], "POST", ask_path, ask_body).Json()["id"].get<std::string>();
  for (std::size_t i = 0; i < kHolders.size(); ++i) {
    const Holder& holder = kHolders[i];
    SCOPED_TRACE(holder.role);
    const bool admin = holder.role.ends_with("_admin");
    const bool reads = reads_inside.contains(holder.role);
    std::string rid = id();
    EXPECT_EQ(Call(sessions[i], "GET", "/api/v1/transfers?direction=out", "", rid).status, admin ? 403 : 200);
    EXPECT_EQ(AuditOf(rid), admin ? std::multiset<std::string>{"access_denied/denied"} : std::multiset<std::string>{});
    rid = id();
    EXPECT_EQ(Call(sessions[i], "GET", transfer, "", rid).status, admin ? 403 : reads ? 200 : 404);
    EXPECT_EQ(AuditOf(rid), std::multiset<std::string>{reads ? "child.transfer_read/ok" : "access_denied/denied"});
    for (const auto& [path, body] : std::vector<std::pair<std::string, std::string>>{
             {transfer + "/accept", "{}"}, {transfer + "/decline", R"({"note":"不收"})"}}) {
      rid = id();
      EXPECT_EQ(Call(sessions[i], "POST", path, body, rid).status, RoleWrites(holder.role) ? 404 : 403) << path;
      EXPECT_EQ(AuditOf(rid), std::multiset<std::string>{"access_denied/denied"}) << path;
    }
  }
  const std::string accepted = id();
  EXPECT_EQ(Call(Login("leader.ds", kPassword), "POST", transfer + "/accept", "{}", accepted).status, 200);
  EXPECT_EQ(AuditOf(accepted), std::multiset<std::string>{"child.transfer_accept/ok"});

  // /api/v1/users…: system and security admins, on accounts inside their scope, never their own.
  const std::multiset<std::string> denied = {"access_denied/denied"};
  for (std::size_t i = 0; i < kHolders.size(); ++i) {
    const Holder& holder = kHolders[i];
    SCOPED_TRACE(holder.role);
    const bool manages = holder.role == "system_admin" || holder.role == "security_admin";
    std::string rid = id();
    HttpResponse list = Call(sessions[i], "GET", "/api/v1/users", "", rid);
    EXPECT_EQ(list.status, manages ? 200 : 403);
    EXPECT_EQ(AuditOf(rid), manages ? std::multiset<std::string>{} : denied);
    if (manages) {
      const std::set<std::string> listed = UsernamesOf(list);
      for (const Holder& other : kHolders) EXPECT_TRUE(listed.contains(Username(other))) << Username(other);
      EXPECT_FALSE(listed.contains("official.qb"));  // of the other county
    }
    const std::string target = "target." + holder.role;
    rid = id();
    HttpResponse added = Call(sessions[i], "POST", "/api/v1/users",
                              nlohmann::json{{"username", target}, {"role", "head_teacher"}, {"org", "qs-zx-3-1"}}.dump(),
                              rid);
    EXPECT_EQ(added.status, manages ? 201 : 403) << added.body;
    EXPECT_EQ(AuditOf(rid), manages ? std::multiset<std::string>{"user.create/ok"} : denied);
    if (manages) {
      EXPECT_EQ(added.Json()["temporary_password"].get<std::string>().size(), 16u);
    }

    for (const EndpointCall& call : CallsOnUser(manages ? target : "helper")) {
      rid = id();
      HttpResponse answer = Call(sessions[i], call.method, call.path, call.body, rid);
      EXPECT_EQ(answer.status, manages ? call.ok_status : 403) << call.method << " " << call.path << answer.body;
      const std::multiset<std::string> ok_rows =
          call.audited.empty() ? std::multiset<std::string>{} : std::multiset<std::string>{call.audited};
      EXPECT_EQ(AuditOf(rid), manages ? ok_rows : denied) << call.method << " " << call.path;
    }
    if (!manages) continue;
    // Outside the scope: unknown, and audited. An organisation outside it is unknown too.
    for (const EndpointCall& call : CallsOnUser("official.qb")) {
      rid = id();
      EXPECT_EQ(Call(sessions[i], call.method, call.path, call.body, rid).status, 404) << call.method << call.path;
      EXPECT_EQ(AuditOf(rid), denied) << call.method << " " << call.path;
    }
    rid = id();
    HttpResponse stray = Call(sessions[i], "POST", "/api/v1/users",
                              R"({"username":"stray","role":"township_official","org":"qb"})", rid);
    EXPECT_EQ(stray.Json()["error"]["code"], "unknown_org");
    EXPECT_EQ(AuditOf(rid), denied);
    // Their own account: refused, so no admin grants themselves a role or resets their own factor.
    for (const EndpointCall& call : CallsOnUser(Username(holder))) {
      rid = id();
      HttpResponse own = Call(sessions[i], call.method, call.path, call.body, rid);
      EXPECT_EQ(own.status, 403) << call.method << " " << call.path;
      EXPECT_EQ(own.Json()["error"]["code"], "own_account");
      EXPECT_EQ(AuditOf(rid), denied);
    }
  }
  EXPECT_NE(Shouwang({"audit", "verify"}).find("intact"), std::string::npos);
}

// Care records, signals, tasks, rules and settings: who records care for a child (its school's
// leader, head teacher, counsellor and home keeper; a helper paired with it), who reads it, who
// sees an organisation's tasks, and who sets an organisation's rules.
TEST_F(AccessMatrixTest, CareEndpoints) {
  std::vector<Session> sessions;
  for (const Holder& holder : kHolders) sessions.push_back(SignIn(holder));
  const std::string child = "/api/v1/children/" + CreateChild(sessions[6], "qs-zx-3-1", "钱七");
  ASSERT_EQ(Call(sessions[6], "POST", child + "/pairings", R"({"helper":"helper","role":"main"})").status, 201);
  const std::string outside =
      "/api/v1/children/" + CreateChild(SignInFirstTime("leader.ds", kFirstPassword, kPassword), "ds-zx", "李四");
  const std::set<std::string> records = {"school_leader", "head_teacher", "helper", "counsellor", "home_keeper"};
  const std::set<std::string> reads = {"county_official", "township_official", "school_leader", "head_teacher",
                                       "helper", "counsellor", "home_keeper"};
  const std::set<std::string> reads_school = {"county_official", "township_official", "school_leader", "counsellor",
                                              "home_keeper"};
  const std::set<std::string> sees_school = {"system_admin", "security_admin", "audit_admin", "county_official",
                                             "township_official", "school_leader", "helper", "counsellor", "home_keeper"};
  const std::set<std::string> manages_care = {"system_admin", "county_official", "school_leader"};
  const std::multiset<std::string> denied = {"access_denied/denied"}, none = {};
  const std::string record_body = R"({"kind":"talk","occurred_at":"2026-01-05T10:00:00+08:00","content":"聊了学习"})";
  int request_number = 0;
  auto expect = [&](std::size_t i, const std::string& method, const std::string& path, const std::string& body,
                    int status, const std::multiset<std::string>& rows) {
    const std::string rid = "c" + std::to_string(++request_number);
    HttpResponse answer = Call(sessions[i], method, path, body, rid);
    EXPECT_EQ(answer.status, status) << method << " " << path << " " << answer.body.substr(0, 300);
    EXPECT_EQ(AuditOf(rid), rows) << method << " " << path;
    return answer;
  };
  // The head teacher's record of the child, with a photo.
  const std::string photo_bytes = TestJpeg(64, 48, false);
  const std::string teachers_record =
      child + "/records/" + Call(sessions[6], "POST", child + "/records", record_body).Json()["id"].get<std::string>();
  const std::string photo =
      teachers_record + "/evidence/" +
      Call(sessions[6], "POST", teachers_record + "/evidence", photo_bytes).Json()["id"].get<std::string>();
  for (std::size_t i = 0; i < kHolders.size(); ++i) {
    const std::string& role = kHolders[i].role;
    SCOPED_TRACE(role);
    const bool admin = role.ends_with("_admin");
    const int refused = admin ? 403 : 404;
    // Writing: 403 for a role that never records care, 404 where its scope does not reach.
    const bool may_record = records.contains(role);
    HttpResponse own = expect(i, "POST", child + "/records", record_body, may_record ? 201 : 403,
                              may_record ? std::multiset<std::string>{"care.record.add/ok"} : denied);
    // Photos: the author adds and removes them; who may not record care touches none.
    const std::string own_record = may_record ? child + "/records/" + own.Json()["id"].get<std::string>() : "";
    HttpResponse own_photo = expect(i, "POST", (may_record ? own_record : teachers_record) + "/evidence", photo_bytes,
                                    may_record ? 201 : 403,
                                    may_record ? std::multiset<std::string>{"care.evidence.add/ok"} : denied);
    if (may_record) {
      expect(i, "DELETE", own_record + "/evidence/" + own_photo.Json()["id"].get<std::string>(), "", 200,
             {"care.evidence.remove/ok"});
    } else {
      expect(i, "DELETE", photo, "", 403, denied);
    }
    expect(i, "POST", child + "/signals", R"({"type":"unwell"})", may_record ? 201 : 403,
           may_record ? std::multiset<std::string>{"care.signal/ok"} : denied);
    expect(i, "POST", outside + "/records", record_body, may_record ? 404 : 403, denied);
    const bool counsels = role == "counsellor";
    expect(i, "POST", child + "/records", R"({"kind":"counselling","occurred_at":"2026-01-05T10:00","content":"x"})",
           counsels ? 201 : 403, counsels ? std::multiset<std::string>{"care.record.add/ok"} : denied);
    // Reading the child's care.
    const bool reads_child = reads.contains(role);
    const int read_status = reads_child ? 200 : refused;
    expect(i, "GET", child + "/records", "", read_status,
           reads_child ? std::multiset<std::string>{"care.records.read/ok"} : denied);
    expect(i, "GET", child + "/signals", "", read_status,
           reads_child ? std::multiset<std::string>{"care.signals.read/ok"} : denied);
    expect(i, "GET", photo + "?size=thumb", "", read_status,
           reads_child ? std::multiset<std::string>{"care.evidence.read/ok"} : denied);
    expect(i, "GET", child + "/tasks", "", read_status, reads_child ? none : denied);
    // Tasks: one's own always; an organisation's for who reads its children.
    expect(i, "GET", "/api/v1/tasks?mine=1", "", 200, none);
    // Reminders: everyone's own.
    expect(i, "GET", "/api/v1/notifications", "", 200, none);
    expect(i, "POST", "/api/v1/notifications/read", "{}", 200, none);
    const bool reads_org = reads_school.contains(role);
    expect(i, "GET", "/api/v1/tasks?org=qs-zx", "", reads_org ? 200 : refused, reads_org ? none : denied);
    expect(i, "GET", "/api/v1/tasks/compliance?org=qs-zx", "", reads_org ? 200 : refused, reads_org ? none : denied);
    // Rules and settings: seen with the organisation, set by who manages care there.
    const bool sees = sees_school.contains(role);
    expect(i, "GET", "/api/v1/orgs/qs-zx/care-rules", "", sees ? 200 : 404, sees ? none : denied);
    expect(i, "GET", "/api/v1/orgs/qs-zx/care-settings", "", sees ? 200 : 404, sees ? none : denied);
    const bool manages = manages_care.contains(role);
    const std::multiset<std::string> set_row = manages ? std::multiset<std::string>{"care.rule.set/ok"} : denied;
    expect(i, "PUT", "/api/v1/orgs/qs-zx/care-rules/weekly_talk_" + std::to_string(i),
           R"({"kinds":["talk"],"period":"week","helper_role":"main","min_count":1})", manages ? 200 : 403, set_row);
    expect(i, "POST", "/api/v1/orgs/qs-zx/care-presets/four_once", "", manages ? 200 : 403, set_row);
    expect(i, "PUT", "/api/v1/orgs/qs-zx/care-settings", R"({"must_visit_days":2})", manages ? 200 : 403,
           manages ? std::multiset<std::string>{"care.settings.set/ok"} : denied);
    if (manages) expect(i, "PUT", "/api/v1/orgs/qb/care-settings", R"({"must_visit_days":2})", 404, denied);
  }
}

// Every route of the table but the public ones, its {parameters} filled with "x".
TEST_F(AccessMatrixTest, EveryRouteBehindTheGateRefusesStrangers) {
  for (const http::Route& route : http::AllRoutes()) {
    if (route.gate == http::Gate::kPublic) continue;
    const std::string method = route.method;
    const std::string path = std::regex_replace(route.pattern, std::regex(R"(\{[a-z_]+\})"), "x");
    HttpResponse response = Client().Send(method, path, method == "GET" || method == "DELETE" ? "" : "{}",
                                          {{"Content-Type", "application/json"}});
    EXPECT_EQ(response.status, 401) << method << " " << path;
  }
}

TEST_F(AccessMatrixTest, UntilThePasswordIsChangedOnlySessionRoutesAnswer) {
  HttpResponse login = Client().Send("POST", "/api/v1/session",
                                     nlohmann::json{{"username", "county.official"}, {"password", kFirstPassword}}.dump(),
                                     {{"Content-Type", "application/json"}});
  const std::string cookie = login.Header("set-cookie").substr(0, login.Header("set-cookie").find(';'));
  HttpResponse orgs = Client().Get("/api/v1/orgs", {{"Cookie", cookie}});
  EXPECT_EQ(orgs.status, 403);
  EXPECT_EQ(orgs.Json()["error"]["code"], "password_change_required");
  EXPECT_EQ(Client().Get("/api/v1/session", {{"Cookie", cookie}}).status, 200);
}

TEST_F(AccessMatrixTest, AuditAdminsSearchTheirOwnCounty) {
  SeedUser("official.b", "county_official", "341124", kFirstPassword);
  const Session other_county = SignIn({"county_official", "341124", {}, "official.b"});
  Call(other_county, "GET", "/api/v1/orgs/qs", "", "from-county-b");  // denied, audited under 341124
  const Session official = SignIn(kHolders[3]);
  Call(official, "GET", "/api/v1/orgs/qb", "", "from-county-a");  // denied, audited under 341122
  const Session auditor = SignIn(kHolders[2]);

  HttpResponse denied = Call(auditor, "GET", "/api/v1/audit?action=access_denied", "", "a1");
  ASSERT_EQ(denied.status, 200) << denied.body;
  const nlohmann::json body = denied.Json();
  ASSERT_EQ(body["entries"].size(), 1u) << body.dump();
  EXPECT_EQ(body["entries"][0]["request_id"], "from-county-a");
  EXPECT_EQ(body["entries"][0]["object_id"], "qb");

  // Paging backwards, newest first.
  HttpResponse first = Call(auditor, "GET", "/api/v1/audit?limit=2", "", "a2");
  const nlohmann::json page = first.Json();
  ASSERT_EQ(page["entries"].size(), 2u);
  EXPECT_GT(page["entries"][0]["seq"].get<int>(), page["entries"][1]["seq"].get<int>());
  const int before = page["next_before_seq"].get<int>();
  const nlohmann::json next = Call(auditor, "GET", "/api/v1/audit?limit=2&before_seq=" + std::to_string(before), "", "a3").Json();
  EXPECT_LT(next["entries"][0]["seq"].get<int>(), before);

  // A time window that ends before everything finds nothing; a bad one is named.
  EXPECT_TRUE(Call(auditor, "GET", "/api/v1/audit?to=2020-01-01", "", "a4").Json()["entries"].empty());
  HttpResponse bad_date = Call(auditor, "GET", "/api/v1/audit?from=yesterday", "", "a5");
  EXPECT_EQ(bad_date.status, 422);
  EXPECT_EQ(bad_date.Json()["error"]["field"], "from");
  EXPECT_EQ(Call(auditor, "GET", "/api/v1/audit?limit=501", "", "a6").Json()["error"]["field"], "limit");
  // 2^32 + 100 must not wrap around to an acceptable 100.
  EXPECT_EQ(Call(auditor, "GET", "/api/v1/audit?limit=4294967396", "", "a6b").Json()["error"]["field"], "limit");
  EXPECT_EQ(Call(auditor, "GET", "/api/v1/audit?action=%zz", "", "a7").status, 400);

  HttpResponse report = Call(auditor, "GET", "/api/v1/audit/report?from=2026-01-01", "", "a8");
  ASSERT_EQ(report.status, 200) << report.body;
  const nlohmann::json counts = report.Json()["counts"];
  bool saw_denied = false;
  for (const auto& count : counts) saw_denied = saw_denied || count["action"] == "access_denied";
  EXPECT_TRUE(saw_denied) << counts.dump();
}

}  // namespace
}  // namespace sw::testing

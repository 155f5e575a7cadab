#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "http/dispatch.h"
#include "media/image_cleaner.h"
#include "storage/evidence_files.h"
#include "storage/repositories/sql_repositories.h"

namespace sw::http {
namespace {

Response Echo(const Request& request, Context&) { return Response::Json(200, request.json); }

const Route kRoutes[] = {
    {"POST", "/api/v1/things", Echo},
    {"GET", "/api/v1/things/{id}", Echo},
};

const std::string kIndex = "<html>app</html>";
const sw::EmbeddedFile kFiles[] = {
    {"/index.html", reinterpret_cast<const unsigned char*>(kIndex.data()), kIndex.size(), nullptr, 0, "00"},
};

class DispatchTest : public ::testing::Test {
 protected:
  Request MakeRequest(const std::string& method, const std::string& path, const std::string& body = "",
                      const std::string& content_type = "application/json") {
    Request request;
    request.method = method;
    request.path = path;
    request.body = body;
    if (!content_type.empty()) request.headers["content-type"] = content_type;
    return request;
  }

  std::string ErrorCodeOf(const Prepared& prepared) {
    if (!prepared.response) return "";
    return nlohmann::json::parse(prepared.response->body)["error"]["code"];
  }

  Router router_{kRoutes};
  StaticFiles static_files_{kFiles};
  Dispatcher dispatcher_{router_, static_files_};
};

TEST_F(DispatchTest, ValidJsonReachesTheRoute) {
  Request request = MakeRequest("POST", "/api/v1/things", R"({"name":"张三"})", "application/json; charset=utf-8");
  Prepared prepared = dispatcher_.Prepare(request);
  ASSERT_EQ(prepared.route, &kRoutes[0]);
  EXPECT_EQ(request.json["name"], "张三");
}

TEST_F(DispatchTest, PathParametersAreFilled) {
  Request request = MakeRequest("GET", "/api/v1/things/x9", "", "");
  ASSERT_EQ(dispatcher_.Prepare(request).route, &kRoutes[1]);
  EXPECT_EQ(request.path_params.at("id"), "x9");
}

TEST_F(DispatchTest, NonJsonBodyIsUnsupportedMediaType) {
  Request request = MakeRequest("POST", "/api/v1/things", "name=x", "application/x-www-form-urlencoded");
  Prepared prepared = dispatcher_.Prepare(request);
  EXPECT_EQ(prepared.response->status, 415);
  EXPECT_EQ(ErrorCodeOf(prepared), "unsupported_media_type");
  Request missing = MakeRequest("POST", "/api/v1/things", "{}", "");
  EXPECT_EQ(dispatcher_.Prepare(missing).response->status, 415);
}

TEST_F(DispatchTest, BrokenJsonSaysWhereItBroke) {
  Request request = MakeRequest("POST", "/api/v1/things", R"({"name": tru})");
  request.language = Language::kEn;
  Prepared prepared = dispatcher_.Prepare(request);
  ASSERT_TRUE(prepared.response);
  EXPECT_EQ(prepared.response->status, 400);
  EXPECT_EQ(ErrorCodeOf(prepared), "invalid_json");
  auto message = nlohmann::json::parse(prepared.response->body)["error"]["message"].get<std::string>();
  EXPECT_NE(message.find("syntax error at byte"), std::string::npos) << message;
}

TEST_F(DispatchTest, TruncatedJsonSaysItEndedEarly) {
  Request request = MakeRequest("POST", "/api/v1/things", R"({"name": "a)");
  request.language = Language::kEn;
  auto message = nlohmann::json::parse(dispatcher_.Prepare(request).response->body)["error"]["message"];
  EXPECT_NE(message.get<std::string>().find("unexpected end"), std::string::npos) << message;
}

TEST_F(DispatchTest, InvalidUtf8IsNamed) {
  Request request = MakeRequest("POST", "/api/v1/things", "{\"name\": \"\xC3\x28\"}");
  request.language = Language::kEn;
  Prepared prepared = dispatcher_.Prepare(request);
  EXPECT_EQ(ErrorCodeOf(prepared), "invalid_json");
  auto message = nlohmann::json::parse(prepared.response->body)["error"]["message"].get<std::string>();
  EXPECT_NE(message.find("UTF-8"), std::string::npos) << message;
}

TEST_F(DispatchTest, UnknownApiPathIs404AndWrongMethod405WithAllow) {
  Request unknown = MakeRequest("GET", "/api/v1/nothing", "", "");
  EXPECT_EQ(dispatcher_.Prepare(unknown).response->status, 404);
  Request wrong = MakeRequest("DELETE", "/api/v1/things", "", "");
  Prepared prepared = dispatcher_.Prepare(wrong);
  EXPECT_EQ(prepared.response->status, 405);
  EXPECT_EQ(prepared.response->headers.at(0), (std::pair<std::string, std::string>{"Allow", "POST"}));
}

TEST_F(DispatchTest, PagesOutsideTheApiFallBackToTheWebApp) {
  Request request = MakeRequest("GET", "/children", "", "");
  Prepared prepared = dispatcher_.Prepare(request);
  ASSERT_TRUE(prepared.response);
  EXPECT_EQ(prepared.response->body, kIndex);
  Request post = MakeRequest("POST", "/children", "", "");
  EXPECT_EQ(dispatcher_.Prepare(post).response->status, 404);
}

TEST_F(DispatchTest, ThrowingHandlerBecomesA500WithoutItsMessage) {
  const Route throwing{"GET", "/boom",
                       [](const Request&, Context&) -> Response { throw std::runtime_error("secret detail"); },
                       RunsOn::kDatabasePool, Gate::kPublic};
  Request request = MakeRequest("GET", "/boom", "", "");
  request.request_id = "r1";
  const auto path = std::filesystem::temp_directory_path() / ("dispatch-" + std::to_string(::getpid()) + ".db");
  auto database = storage::Open("sqlite://" + path.string());
  ASSERT_TRUE(database.ok());
  config::Settings settings;
  storage::SqlStore store(**database);
  SystemClock clock;
  domain::PasswordHasher hasher(1);
  domain::SessionService sessions(store, clock, hasher, {});
  domain::OrgService orgs(store, clock);
  domain::UserService users(store, clock, hasher);
  domain::ChildService children(store, clock);
  domain::ArchiveSettingsService archive(store, clock);
  domain::PromotionService promotions(store, clock);
  domain::TransferService transfers(store, clock);
  domain::PairingService pairings(store, clock);
  domain::AuditService audit(store, clock);
  domain::CareService care(store, clock);
  media::VipsImageCleaner image_cleaner;
  storage::DirectoryEvidenceFiles evidence_files(std::filesystem::temp_directory_path());
  domain::EvidenceService evidence(store, clock, image_cleaner, evidence_files);
  domain::NotificationService notifications(store, clock);
  domain::TaskService tasks(store, clock);
  domain::CareRuleService care_rules(store, clock, [](const std::string&) {});
  domain::RosterImportService roster_imports(store, clock);
  ImportJobs imports(roster_imports, clock, path.string() + ".imports");
  Context context{.database = **database, .settings = settings, .sessions = sessions, .orgs = orgs, .users = users,
                  .children = children, .archive = archive, .promotions = promotions, .transfers = transfers,
                  .pairings = pairings, .care = care, .evidence = evidence, .notifications = notifications, .tasks = tasks, .care_rules = care_rules, .audit = audit,
                  .imports = imports};
  Response response = Dispatcher::Run(throwing, request, context);
  database->reset();  // closing the last connection removes SQLite's -wal and -shm files
  std::filesystem::remove(path);
  std::filesystem::remove_all(path.string() + ".imports");
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("secret"), std::string::npos);
}

}  // namespace
}  // namespace sw::http

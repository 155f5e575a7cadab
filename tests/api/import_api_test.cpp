// Importing a roster from the web app: the upload begins a check, the page polls the job, the
// user corrects the mapping, commits, and the children are there; only the uploader sees the
// job, only a place in reach takes it, and a file that is no spreadsheet is refused at once.
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "core/identity_numbers.h"
#include "domain/imports/roster_import.h"
#include "support/server_test.h"

namespace sw::testing {
namespace {

constexpr const char* kFirst = "dusk-Heron-paddy-42";
constexpr const char* kPassword = "river-Stone-lantern-7";

std::string IdNumber(const std::string& birth, const std::string& sequence) {
  const std::string seventeen = "341122" + birth + sequence;
  return seventeen + IdNumberCheckCharacter(seventeen);
}

class ImportApiTest : public ServerTest {
 protected:
  void Seed() override {
    SeedCountyTree();
    Shouwang({"org", "add", "--code", "ds", "--name", "大山镇", "--kind", "township", "--parent", "341122"});
    Shouwang({"org", "add", "--code", "ds-zx", "--name", "大山镇小学", "--kind", "school", "--parent", "ds"});
    SeedUser("leader.zhang", "school_leader", "qs-zx", kFirst);
    SeedUser("leader.ds", "school_leader", "ds-zx", kFirst);
  }

  void SetUp() override {
    ServerTest::SetUp();
    leader_ = SignInFirstTime("leader.zhang", kFirst, kPassword);
    other_ = SignInFirstTime("leader.ds", kFirst, kPassword);
  }

  HttpResponse Upload(const Session& session, const std::string& org, const std::string& bytes) {
    return Client().Send("POST", "/api/v1/imports?org=" + org + "&name=%E8%8A%B1%E5%90%8D%E5%86%8C.csv", bytes,
                         {{"Cookie", session.cookie}, {"X-CSRF-Token", session.csrf},
                          {"Content-Type", "application/octet-stream"}});
  }

  // The job once it has stopped running.
  nlohmann::json Settled(const std::string& id) {
    for (int attempt = 0; attempt < 600; ++attempt) {
      HttpResponse polled = Call(leader_, "GET", "/api/v1/imports/" + id);
      EXPECT_EQ(polled.status, 200) << polled.body;
      const nlohmann::json job = polled.Json();
      if (job["state"] != "checking" && job["state"] != "committing") return job;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "the import never settled";
    return {};
  }

  Session leader_, other_;
};

TEST_F(ImportApiTest, AnUploadIsCheckedCorrectedAndCommitted) {
  const std::string roster = "\xEF\xBB\xBF青山镇中心小学留守儿童花名册\r\n"
                             "姓名,性别,身份证号,班级,监护人,与儿童关系,联系人手机\r\n"
                             "李小明,男," + IdNumber("20160506", "001") + ",三年级1班,王秀英,奶奶,13900002222\r\n"
                             "张丽,女," + IdNumber("20160401", "002") + ",三年级(2)班,张建国,爷爷,13900003333\r\n";
  HttpResponse started = Upload(leader_, "qs-zx", roster);
  ASSERT_EQ(started.status, 202) << started.body;
  const std::string id = started.Json()["id"];
  EXPECT_EQ(started.Json()["file_name"], "花名册.csv");

  nlohmann::json job = Settled(id);
  ASSERT_EQ(job["state"], "checked") << job.dump();
  EXPECT_EQ(job["report"]["created"], 2);
  EXPECT_EQ(job["report"]["header_row"], 2);
  EXPECT_EQ(job["report"]["columns"][6]["header"], "联系人手机");
  EXPECT_EQ(job["report"]["columns"][6]["target"], "");
  EXPECT_EQ(job["report"]["classes"][1]["name"], "三年级2班");
  EXPECT_EQ(job["report"]["classes"][1]["exists"], false);
  EXPECT_NE(std::find(job["targets"].begin(), job["targets"].end(), "guardian.phone"), job["targets"].end());
  EXPECT_EQ(Call(other_, "GET", "/api/v1/imports/" + id).status, 404);  // only the uploader's

  HttpResponse rechecked = Call(leader_, "POST", "/api/v1/imports/" + id + "/check", R"({"mapping":{"6":"guardian.phone"}})");
  ASSERT_EQ(rechecked.status, 202) << rechecked.body;
  job = Settled(id);
  EXPECT_EQ(job["report"]["columns"][6]["target"], "guardian.phone");
  EXPECT_EQ(job["mapping"]["6"], "guardian.phone");

  HttpResponse committed = Call(leader_, "POST", "/api/v1/imports/" + id + "/commit", R"({"mapping":{"6":"guardian.phone"}})");
  ASSERT_EQ(committed.status, 202) << committed.body;
  job = Settled(id);
  ASSERT_EQ(job["state"], "committed") << job.dump();
  EXPECT_EQ(job["report"]["created"], 2);
  EXPECT_EQ(job["progress"]["rows_done"], 2);
  EXPECT_EQ(job["progress"]["rows_total"], 2);
  EXPECT_EQ(Call(leader_, "POST", "/api/v1/imports/" + id + "/commit", "{}").Json()["error"]["code"], "import_done");

  const nlohmann::json listed = Call(leader_, "GET", "/api/v1/children?org=qs-zx").Json();
  ASSERT_EQ(listed["total"], 2) << listed.dump();
  HttpResponse child = Call(leader_, "GET", "/api/v1/children/" + listed["items"][0]["id"].get<std::string>());
  EXPECT_EQ(child.Json()["family"][0]["phone"].get<std::string>().substr(0, 3), "139") << child.body;
  EXPECT_FALSE(std::filesystem::exists(fresh_.directory() / "imports" / id));  // the file goes once committed
}

TEST_F(ImportApiTest, TheTemplateDownloadsAsAnXlsxUnderItsChineseName) {
  HttpResponse got = Call(leader_, "GET", "/api/v1/imports/template.xlsx");
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.Header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(got.Header("content-disposition"),
            "attachment; filename*=UTF-8''%E7%95%99%E5%AE%88%E5%84%BF%E7%AB%A5%E8%8A%B1%E5%90%8D%E5%86%8C%E6%A8%A1%E6%9D%BF.xlsx");
  EXPECT_TRUE(got.body.starts_with("PK\x03\x04"));
  // Nothing of it stays on the server: the file goes once its last byte is sent, a moment after
  // the client has it.
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!std::filesystem::is_empty(fresh_.directory() / "exports") && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(std::filesystem::is_empty(fresh_.directory() / "exports"));
}

TEST_F(ImportApiTest, APlaceOutOfReachOrAFileThatIsNoSpreadsheetIsRefusedAtOnce) {
  const std::string roster = "姓名,性别,出生日期\r\n李小明,男,2016-05-06\r\n";
  HttpResponse elsewhere = Upload(other_, "qs-zx", roster);
  EXPECT_EQ(elsewhere.status, 422);
  EXPECT_EQ(elsewhere.Json()["error"]["code"], "unknown_org");
  EXPECT_EQ(elsewhere.Json()["error"]["field"], "org");

  HttpResponse picture = Upload(leader_, "qs-zx", std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11));
  EXPECT_EQ(picture.status, 422);
  EXPECT_EQ(picture.Json()["error"]["code"], "unreadable_file");
  EXPECT_EQ(picture.Json()["error"]["field"], "file");

  HttpResponse headless = Upload(leader_, "qs-zx", "一,二\r\n三,四\r\n");
  ASSERT_EQ(headless.status, 202);
  const nlohmann::json job = Settled(headless.Json()["id"]);
  EXPECT_EQ(job["state"], "failed");
  EXPECT_EQ(job["error"]["code"], "roster_without_header");
  EXPECT_EQ(job["error"]["field"], "file");

  HttpResponse bad_mapping = Call(leader_, "POST", "/api/v1/imports/" + headless.Json()["id"].get<std::string>() + "/check",
                                  R"({"mapping":{"A":"name"}})");
  EXPECT_EQ(bad_mapping.status, 422);
  EXPECT_EQ(bad_mapping.Json()["error"]["field"], "mapping");
}

// A server stopping mid-commit ends the job between batches: the batch being written is
// finished, the next one not begun; the same file imported after the restart completes it.
TEST_F(ImportApiTest, AServerStoppingMidCommitLeavesWholeBatchesAndTheSameImportCompletesThem) {
  constexpr std::int64_t kBatch = domain::RosterImportService::kBatchRows;
  // On SQLite a transaction takes up to kTransactionBatches batches alone (one on PostgreSQL):
  // the stop comes during the second.
  const std::int64_t batches_first =
      CurrentBackend() == Backend::kSqlite ? domain::RosterImportService::kTransactionBatches : 1;
  const std::int64_t roster_rows = (batches_first + 1) * kBatch + 600;
  std::string roster = "姓名,性别,身份证号,班级\r\n";
  for (std::int64_t i = 0; i < roster_rows; ++i) {
    char birth[9];
    // Born on one of 21,000 days and numbers a year, so no two share an ID number.
    std::snprintf(birth, sizeof birth, "%04d%02d%02d", static_cast<int>(2016 - i / 20000), static_cast<int>(1 + i % 12),
                  static_cast<int>(1 + i % 28));
    char sequence[4];
    std::snprintf(sequence, sizeof sequence, "%03d", static_cast<int>(i % 1000));
    roster += "学生" + std::to_string(i) + ",," + IdNumber(birth, sequence) + ",三年级1班\r\n";
  }
  const auto checked_then_committed = [&] {
    HttpResponse started = Upload(leader_, "qs-zx", roster);
    EXPECT_EQ(started.status, 202) << started.body;
    const std::string id = started.Json()["id"];
    EXPECT_EQ(Settled(id)["state"], "checked");
    EXPECT_EQ(Call(leader_, "POST", "/api/v1/imports/" + id + "/commit", "{}").status, 202);
    return id;
  };
  const auto children = [&] { return CountOf(fresh_, "SELECT count(*) FROM children"); };

  checked_then_committed();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(4);
  while (children() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  server_->Signal(SIGTERM);
  EXPECT_EQ(server_->Wait(120), 0) << server_->Log();
  const std::int64_t kept = children();
  ASSERT_GT(kept, 0);
  ASSERT_LT(kept, roster_rows) << "the import ended before the server stopped";
  EXPECT_EQ(kept % kBatch, 0) << kept;

  server_ = std::make_unique<ServerProcess>(fresh_.directory(), fresh_.url());
  leader_ = Login("leader.zhang", kPassword);
  const nlohmann::json job = Settled(checked_then_committed());
  ASSERT_EQ(job["state"], "committed") << job.dump();
  EXPECT_EQ(job["report"]["created"], roster_rows - kept);
  EXPECT_EQ(job["report"]["unchanged"], kept);
  EXPECT_EQ(children(), roster_rows);
}

}  // namespace
}  // namespace sw::testing

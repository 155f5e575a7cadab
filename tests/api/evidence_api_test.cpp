// Photos of care records through the API: what is kept has no position in it, lives under the data
// directory, and is served only to who may read the record. Who may call which endpoint is in
// access_matrix_test.cpp; the cleaning itself in unit/image_cleaner_test.cpp.
#include <filesystem>

#include "support/photos.h"
#include "support/server_test.h"

namespace sw::testing {
namespace {

constexpr const char* kFirst = "dusk-Heron-paddy-42";
constexpr const char* kPassword = "river-Stone-lantern-7";

class EvidenceApiTest : public ServerTest {
 protected:
  std::vector<std::string> ServerArgs() const override { return {"--max-upload-bytes", "2000000"}; }

  void Seed() override {
    SeedCountyTree();
    Shouwang({"org", "add", "--code", "ds", "--name", "大山镇", "--kind", "township", "--parent", "341122"});
    Shouwang({"org", "add", "--code", "ds-zx", "--name", "大山镇小学", "--kind", "school", "--parent", "ds"});
    SeedUser("teacher.li", "head_teacher", "qs-zx-3-1", kFirst);
    SeedUser("helper.wang", "helper", "qs-zx", kFirst);
    SeedUser("counsellor.chen", "counsellor", "qs-zx", kFirst);
    SeedUser("leader.ds", "school_leader", "ds-zx", kFirst);
  }

  void SetUp() override {
    ServerTest::SetUp();
    teacher_ = SignInFirstTime("teacher.li", kFirst, kPassword);
    helper_ = SignInFirstTime("helper.wang", kFirst, kPassword);
    HttpResponse created = Call(teacher_, "POST", "/api/v1/children",
                                R"({"name":"张三","gender":"male","birth_date":"2016-04-01","org":"qs-zx-3-1"})");
    ASSERT_EQ(created.status, 201) << created.body;
    child_ = "/api/v1/children/" + created.Json()["id"].get<std::string>();
    ASSERT_EQ(Call(teacher_, "POST", child_ + "/pairings", R"({"helper":"helper.wang","role":"main"})").status, 201);
  }

  std::string AddRecord(const Session& session, const std::string& kind) {
    HttpResponse added = Call(session, "POST", child_ + "/records",
                              nlohmann::json{{"kind", kind}, {"occurred_at", "2026-11-20T15:00:00+08:00"},
                                             {"content", "家访，和奶奶谈了孩子的学习"}}
                                  .dump());
    EXPECT_EQ(added.status, 201) << added.body;
    return child_ + "/records/" + added.Json().value("id", "");
  }

  HttpResponse Upload(const Session& session, const std::string& record, const std::string& bytes,
                      const std::string& type = "image/jpeg") {
    return Client().Send("POST", record + "/evidence", bytes,
                         {{"Cookie", session.cookie}, {"X-CSRF-Token", session.csrf}, {"Content-Type", type}});
  }

  std::filesystem::path EvidenceFile(const std::string& id, const char* suffix) const {
    return fresh_.directory() / "evidence" / id.substr(0, 2) / (id + suffix);
  }

  Session teacher_, helper_;
  std::string child_;
};

TEST_F(EvidenceApiTest, APhotoIsKeptWithoutItsPositionAndShownWithTheRecord) {
  const std::string record = AddRecord(helper_, "home_visit");
  const std::string photo = TestJpeg(1200, 900, true);
  // The type the client claims does not matter: the bytes are sniffed.
  HttpResponse added = Upload(helper_, record, photo, "application/octet-stream");
  ASSERT_EQ(added.status, 201) << added.body;
  const nlohmann::json evidence = added.Json();
  const std::string id = evidence["id"];
  EXPECT_EQ(evidence["media_type"], "image/jpeg");
  EXPECT_EQ(evidence["width"], 900);  // turned upright
  EXPECT_EQ(evidence["height"], 1200);
  EXPECT_EQ(evidence["by"]["display_name"], "helper.wang");
  EXPECT_TRUE(std::filesystem::exists(EvidenceFile(id, ".jpg")));
  EXPECT_TRUE(std::filesystem::exists(EvidenceFile(id, ".thumb.jpg")));

  // The record lists it, for the helper and for the head teacher.
  EXPECT_EQ(Call(teacher_, "GET", record).Json()["evidence"][0]["id"], id);
  EXPECT_EQ(Call(helper_, "GET", child_ + "/records").Json()["items"][0]["evidence"].size(), 1u);

  HttpResponse image = Call(teacher_, "GET", record + "/evidence/" + id);
  ASSERT_EQ(image.status, 200);
  EXPECT_EQ(image.Header("content-type"), "image/jpeg");
  EXPECT_EQ(image.Header("cache-control"), "no-store");
  EXPECT_EQ(MetadataNames(image.body).find("GPS"), std::string::npos);
  EXPECT_EQ(image.body.find("Exif"), std::string::npos);
  EXPECT_EQ(SizeOf(image.body), std::make_pair(900, 1200));
  HttpResponse thumbnail = Call(teacher_, "GET", record + "/evidence/" + id + "?size=thumb");
  ASSERT_EQ(thumbnail.status, 200);
  EXPECT_EQ(SizeOf(thumbnail.body), std::make_pair(240, 320));
  EXPECT_EQ(Call(teacher_, "GET", record + "/evidence/" + id + "?size=huge").Json()["error"]["field"], "size");

  // Another school's leader does not reach the child, so neither its photos.
  Session far = SignInFirstTime("leader.ds", kFirst, kPassword);
  EXPECT_EQ(Call(far, "GET", record + "/evidence/" + id).status, 404);

  // Removed: gone from the record and from the disk.
  HttpResponse removed = Call(helper_, "DELETE", record + "/evidence/" + id);
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(Call(teacher_, "GET", record + "/evidence/" + id).status, 404);
  EXPECT_TRUE(Call(teacher_, "GET", record).Json()["evidence"].empty());
  EXPECT_FALSE(std::filesystem::exists(EvidenceFile(id, ".jpg")));
  EXPECT_FALSE(std::filesystem::exists(EvidenceFile(id, ".thumb.jpg")));
}

TEST_F(EvidenceApiTest, WhatIsRefusedLeavesNothingBehind) {
  const std::string record = AddRecord(helper_, "home_visit");
  HttpResponse text = Upload(helper_, record, "家访记录：孩子一切都好", "image/jpeg");
  EXPECT_EQ(text.status, 415);
  EXPECT_EQ(text.Json()["error"]["code"], "unsupported_file_type");
  EXPECT_EQ(text.Json()["error"]["field"], "file");
  EXPECT_EQ(Upload(helper_, record, "").Json()["error"]["field"], "file");
  const std::string jpeg = TestJpeg(600, 400, false);
  EXPECT_EQ(Upload(helper_, record, jpeg.substr(0, jpeg.size() / 2)).Json()["error"]["code"], "unreadable_image");
  // Past max_upload_bytes (2 MB here): 413 before the body is read.
  HttpResponse large = Upload(helper_, record, std::string(2'000'001, 'x'));
  EXPECT_EQ(large.status, 413);
  // Only the author adds photos, and only while the record may be edited.
  EXPECT_EQ(Upload(teacher_, record, jpeg).Json()["error"]["code"], "not_author");
  EXPECT_EQ(Upload(helper_, child_ + "/records/0123456789abcdef", jpeg).status, 404);
  for (int i = 0; i < 9; ++i) ASSERT_EQ(Upload(helper_, record, jpeg).status, 201);
  EXPECT_EQ(Upload(helper_, record, jpeg).Json()["error"]["code"], "too_much_evidence");

  EXPECT_EQ(Call(helper_, "GET", record).Json()["evidence"].size(), 9u);
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(fresh_.directory() / "evidence")) {
    files += entry.is_regular_file() ? 1 : 0;
  }
  EXPECT_EQ(files, 18u);  // nine photos and their thumbnails, nothing of the refused ones
}

TEST_F(EvidenceApiTest, ACounsellingPhotoIsSeenByCounsellorsOnly) {
  Session counsellor = SignInFirstTime("counsellor.chen", kFirst, kPassword);
  const std::string record = AddRecord(counsellor, "counselling");
  HttpResponse added = Upload(counsellor, record, TestJpeg(300, 200, false));
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string image = record + "/evidence/" + added.Json()["id"].get<std::string>();
  EXPECT_EQ(Call(counsellor, "GET", image).status, 200);
  EXPECT_EQ(Call(teacher_, "GET", image).status, 404);
  EXPECT_EQ(Call(helper_, "GET", image).status, 404);
}

}  // namespace
}  // namespace sw::testing

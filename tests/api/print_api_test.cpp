// Print views: contact cards and the class register, as a head teacher prints them (HTML, and
// .xlsx in the same layout); and the children list exported as .xlsx.
#include <fstream>

#include "core/identity_numbers.h"
#include "office/sheet.h"
#include "storage/database.h"
#include "support/server_test.h"

namespace sw::testing {
namespace {

constexpr const char* kFirst = "dusk-Heron-paddy-42";
constexpr const char* kPassword = "river-Stone-lantern-7";

std::size_t Count(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

class PrintApiTest : public ServerTest {
 protected:
  void Seed() override {
    SeedCountyTree();
    SeedUser("teacher.li", "head_teacher", "qs-zx-3-1", kFirst);
  }

  void SetUp() override {
    ServerTest::SetUp();
    teacher_ = SignInFirstTime("teacher.li", kFirst, kPassword);
    for (const char* name : {"张三", "李四", "王五", "赵六", "<b>钱七</b>"}) AddChildWithFamily(name);
  }

  void AddChildWithFamily(const std::string& name) {
    HttpResponse created = Call(teacher_, "POST", "/api/v1/children",
                                nlohmann::json{{"name", name}, {"gender", "male"}, {"birth_date", "2016-04-01"},
                                               {"org", "qs-zx-3-1"}, {"grade", 3},
                                               {"left_behind_type", "both_parents_away"},
                                               {"care_arrangement", "grandparents"}, {"home_address", "青山村3组"}}
                                    .dump());
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string family = "/api/v1/children/" + created.Json()["id"].get<std::string>() + "/family";
    ASSERT_EQ(Call(teacher_, "POST", family,
                   R"({"kind":"parent","name":"张大山","relation":"father","phone":"13812345678",
                       "work_city":"宁波","employer":"宁波某电子厂","employer_address":"宁波市北仑区",
                       "employer_phone":"0574-86123456"})")
                  .status,
              201);
    ASSERT_EQ(Call(teacher_, "POST", family,
                   R"({"kind":"guardian","name":"王秀英","relation":"grandmother","phone":"13987654321","age":66,
                       "occupation":"务农","address":"青山村3组","health":"高血压"})")
                  .status,
              201);
  }

  std::int64_t Rows(const std::string& sql) {
    auto database = storage::Open(fresh_.url(), {.connections = 1});
    return storage::AsInt((*(*database)->Query(sql, {}))[0][0]);
  }

  // The rows of a downloaded workbook, each as its cells joined by "|".
  std::vector<std::string> SheetRows(const HttpResponse& download) {
    EXPECT_EQ(download.status, 200) << download.body;
    EXPECT_EQ(download.Header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const auto path = fresh_.directory() / "download.xlsx";
    std::ofstream(path, std::ios::binary) << download.body;
    std::vector<std::string> rows;
    Status read = office::ReadSheet(path, [&](const office::SheetRow& row) {
      std::string line;
      for (const office::SheetCell& cell : row.cells) line += cell.text + "|";
      rows.push_back(line);
      return Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << read.ToString();
    return rows;
  }

  Session teacher_;
};

TEST_F(PrintApiTest, ContactCardsPrintOneOrFourToAPageWithPhonesMasked) {
  HttpResponse one = Call(teacher_, "GET", "/api/v1/print/contact-cards?org=qs-zx-3-1");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(one.Header("content-security-policy"), "default-src 'none'; style-src 'unsafe-inline'");
  EXPECT_EQ(Count(one.body, "<article class=\"card\">"), 5u);
  EXPECT_EQ(Count(one.body, "<section class=\"sheet one\">"), 5u);
  EXPECT_NE(one.body.find("留守儿童联系卡"), std::string::npos);
  EXPECT_NE(one.body.find("父母双方外出"), std::string::npos);
  EXPECT_NE(one.body.find("宁波市北仑区"), std::string::npos);
  EXPECT_NE(one.body.find("青山镇中心小学 三年级1班"), std::string::npos);
  EXPECT_NE(one.body.find(MaskPhone("13812345678")), std::string::npos);
  EXPECT_EQ(one.body.find("13812345678"), std::string::npos);
  EXPECT_EQ(one.body.find("<b>钱七</b>"), std::string::npos);  // every value is escaped
  EXPECT_NE(one.body.find("&lt;b&gt;钱七&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(Rows("SELECT COUNT(*) FROM audit_log WHERE action = 'child.print'"), 5);

  HttpResponse four = Call(teacher_, "GET", "/api/v1/print/contact-cards?org=qs-zx-3-1&per_page=4");
  EXPECT_EQ(Count(four.body, "<section class=\"sheet four\">"), 2u);
  EXPECT_EQ(Count(four.body, "<article class=\"card\">"), 5u);
}

TEST_F(PrintApiTest, FullNumbersNeedAReasonAndAreKeptWithIt) {
  HttpResponse no_reason = Call(teacher_, "GET", "/api/v1/print/contact-cards?org=qs-zx-3-1&numbers=full");
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(no_reason.Json()["error"]["field"], "reason");
  HttpResponse full = Call(teacher_, "GET",
                           "/api/v1/print/contact-cards?org=qs-zx-3-1&numbers=full&reason=%E5%AE%B6%E8%AE%BF%E8%81%94%E7%B3%BB");
  ASSERT_EQ(full.status, 200) << full.body;
  EXPECT_EQ(Count(full.body, "13812345678"), 5u);
  EXPECT_NE(full.body.find("0574-86123456"), std::string::npos);
  EXPECT_EQ(Rows("SELECT COUNT(*) FROM number_reveals WHERE field = 'contact_card' AND reason = '家访联系'"), 5);
  EXPECT_EQ(Rows("SELECT COUNT(*) FROM audit_log WHERE action = 'child.print_unmasked'"), 5);
}

TEST_F(PrintApiTest, TheClassRegisterListsEveryChildWithTheGuardianToCall) {
  HttpResponse page = Call(teacher_, "GET", "/api/v1/print/class-register?org=qs-zx-3-1");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("青山镇中心小学 三年级1班 留守儿童花名册"), std::string::npos);
  EXPECT_EQ(Count(page.body, "<tr><td>"), 5u);
  EXPECT_EQ(Count(page.body, "祖母 王秀英"), 5u);
  EXPECT_EQ(Count(page.body, MaskPhone("13987654321")), 5u);
  EXPECT_NE(page.body.find("祖辈监护"), std::string::npos);
  // A filter of the list narrows the register too.
  EXPECT_EQ(Count(Call(teacher_, "GET", "/api/v1/print/class-register?q=zs").body, "<tr><td>"), 1u);
}

TEST_F(PrintApiTest, LabelsFollowTheLanguage) {
  HttpResponse english = Call(teacher_, "GET", "/api/v1/print/class-register?lang=en");
  EXPECT_NE(english.body.find("Register of left-behind children"), std::string::npos);
  EXPECT_NE(english.body.find("Both parents away"), std::string::npos);
  EXPECT_NE(english.body.find("<html lang=\"en\">"), std::string::npos);
  HttpResponse taiwan = Call(teacher_, "GET", "/api/v1/print/contact-cards?lang=zh-TW&per_page=4");
  EXPECT_NE(taiwan.body.find("留守兒童聯絡卡"), std::string::npos);
  EXPECT_NE(taiwan.body.find("张三"), std::string::npos);  // names stay as they were written
  EXPECT_NE(Call(teacher_, "GET", "/api/v1/print/class-register?lang=fr").body.find("<html lang=\"zh-CN\">"),
            std::string::npos);  // a language without labels prints in Chinese, and says so
  HttpResponse accept_english = Client().Send("GET", "/api/v1/print/contact-cards", "",
                                               {{"Cookie", teacher_.cookie}, {"Accept-Language", "en-GB,en;q=0.9"}});
  EXPECT_NE(accept_english.body.find("Contact cards of left-behind children"), std::string::npos);
}

}  // namespace
}  // namespace sw::testing

namespace sw::testing {
namespace {

TEST_F(PrintApiTest, TheListExportsWithItsFiltersAndColumnsNumbersMaskedAndFormulasInert) {
  HttpResponse created = Call(teacher_, "POST", "/api/v1/children",
                              nlohmann::json{{"name", "孙八"}, {"gender", "female"}, {"org", "qs-zx-3-1"},
                                             {"id_number", std::string("34112220160401002") + IdNumberCheckCharacter("34112220160401002")},
                                             {"home_address", "=HYPERLINK(\"http://evil\")"}}
                                  .dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string columns = "&columns=name,id_number,home_address,left_behind_type,org";
  auto rows = SheetRows(Call(teacher_, "GET", "/api/v1/children/export.xlsx?org=qs-zx-3-1" + columns));
  ASSERT_EQ(rows.size(), 8u);  // title, header, six children
  EXPECT_EQ(rows[1], "姓名|身份证号|家庭住址|留守类型|学校/班级|");
  const std::string sun = *std::find_if(rows.begin(), rows.end(), [](const std::string& row) { return row.starts_with("孙八"); });
  EXPECT_NE(sun.find("|3411**********0028|"), std::string::npos) << sun;
  EXPECT_NE(sun.find("|'=HYPERLINK("), std::string::npos) << sun;
  EXPECT_NE(rows[2].find("父母双方外出"), std::string::npos) << rows[2];
  EXPECT_NE(rows[2].find("三年级1班"), std::string::npos) << rows[2];
  EXPECT_EQ(Rows("SELECT COUNT(*) FROM audit_log WHERE action = 'children.export'"), 1);

  EXPECT_EQ(SheetRows(Call(teacher_, "GET", "/api/v1/children/export.xlsx?gender=female" + columns)).size(), 3u);
  HttpResponse without_reason = Call(teacher_, "GET", "/api/v1/children/export.xlsx?numbers=full");
  EXPECT_EQ(without_reason.status, 422);
  EXPECT_EQ(without_reason.Json()["error"]["field"], "reason");
  HttpResponse unknown = Call(teacher_, "GET", "/api/v1/children/export.xlsx?columns=name,salary");
  EXPECT_EQ(unknown.Json()["error"]["field"], "columns");

  rows = SheetRows(Call(teacher_, "GET", "/api/v1/children/export.xlsx?q=%E5%AD%99%E5%85%AB&numbers=full&reason=%E4%B8%8A%E6%8A%A5%E6%95%99%E8%82%B2%E5%B1%80" + columns));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_NE(rows[2].find("|341122201604010028|"), std::string::npos) << rows[2];
  EXPECT_EQ(Rows("SELECT COUNT(*) FROM audit_log WHERE action = 'child.export_unmasked'"), 1);
  EXPECT_EQ(Rows("SELECT COUNT(*) FROM number_reveals WHERE field = 'export' AND reason = '上报教育局'"), 1);
}

TEST_F(PrintApiTest, TheClassRegisterAndContactCardsDownloadAsWorkbooksInThePrintedLayout) {
  auto rows = SheetRows(Call(teacher_, "GET", "/api/v1/print/class-register.xlsx?org=qs-zx-3-1"));
  ASSERT_GE(rows.size(), 7u);
  EXPECT_NE(rows[0].find("三年级1班 留守儿童花名册"), std::string::npos) << rows[0];
  EXPECT_EQ(rows[1].substr(0, 14), "序号|姓名|");
  EXPECT_NE(rows[2].find("祖母 王秀英|139****4321|"), std::string::npos) << rows[2];
  EXPECT_NE(rows.back().find("隐去部分数字"), std::string::npos) << rows.back();

  rows = SheetRows(Call(teacher_, "GET", "/api/v1/print/contact-cards.xlsx?org=qs-zx-3-1"));
  EXPECT_TRUE(rows.front().starts_with("留守儿童联系卡 · ")) << rows.front();
  std::size_t cards = 0, fathers = 0;
  for (const std::string& row : rows) {
    cards += row.starts_with("留守儿童联系卡 · ");
    fathers += row.starts_with("父亲|张大山|138****5678|宁波|");
  }
  EXPECT_EQ(cards, 5u);
  EXPECT_EQ(fathers, 5u);
  EXPECT_EQ(Rows("SELECT COUNT(*) FROM audit_log WHERE action = 'child.print'"), 10);
}

}  // namespace
}  // namespace sw::testing

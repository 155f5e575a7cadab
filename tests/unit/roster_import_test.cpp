// Rosters as schools keep them: where the header is, what each column holds, which lines are
// footers; and cells as schools type them, made into the archive's values — or left for the
// archive's rules to refuse, never guessed.
#include <gtest/gtest.h>

#include "domain/imports/cleaning.h"
#include "domain/imports/roster_shape.h"

namespace sw::domain {
namespace {

SheetCell Text(std::string text) { return {.text = std::move(text), .number = false}; }
SheetCell Number(std::string text) { return {.text = std::move(text), .number = true}; }

TEST(ImportCleaning, DatesInEveryShapeSchoolsTypeThem) {
  for (const SheetCell& cell : {Number("42461"), Number("42461.5"), Text("2016-4-1"), Text("2016.4.1"),
                                Text("2016/04/01"), Text("2016年4月1日"), Text("20160401"), Number("20160401"),
                                Text(" ２０１６－０４－０１ "), Text("2016年04月01")}) {
    EXPECT_EQ(CleanDate(cell), std::optional<std::string>("2016-04-01")) << cell.text;
  }
  EXPECT_EQ(CleanDate(Number("61")), std::optional<std::string>("1900-03-01"));  // after Excel's 1900-02-29
  for (const SheetCell& cell : {Text("2016-2-30"), Text("2016-13-01"), Text("四月一日"), Text("2016-4"),
                                Text("2016-4-1-2"), Text(""), Number("-3"), Text("42461"), Text("1899-12-31")}) {
    EXPECT_EQ(CleanDate(cell), std::nullopt) << cell.text;
  }
}

TEST(ImportCleaning, GenderVariants) {
  for (const char* male : {"男", " 男性", "男生", "M", "male"}) EXPECT_EQ(CleanGender(male), std::optional<std::string>("male"));
  for (const char* female : {"女", "女性 ", "女生", "F", "Female"}) {
    EXPECT_EQ(CleanGender(female), std::optional<std::string>("female"));
  }
  for (const char* neither : {"", "未知", "1", "男女"}) EXPECT_EQ(CleanGender(neither), std::nullopt);
}

TEST(ImportCleaning, AnIdNumberStoredAsANumberIsKnownToHaveLostDigits) {
  EXPECT_TRUE(IdNumberLostDigits(Number("3.41122201605060E+17")));
  EXPECT_TRUE(IdNumberLostDigits(Number("341122201605060000")));
  EXPECT_FALSE(IdNumberLostDigits(Text("341122201605060027")));
  EXPECT_FALSE(IdNumberLostDigits(Number("12345")));  // not an ID number at all: the archive says so
}

SheetRow Row(std::int64_t number, std::vector<std::string> texts) {
  SheetRow row{.number = number, .cells = {}};
  for (auto& text : texts) row.cells.push_back(Text(std::move(text)));
  return row;
}

TEST(RosterShape, TheHeaderIsFoundUnderTheTitleAndItsColumnsByTheirVariants) {
  const std::vector<SheetRow> rows = {
      Row(1, {"青山镇中心小学留守儿童花名册", "青山镇中心小学留守儿童花名册"}),
      Row(2, {"填报单位：青山镇中心小学", "", "", "填报日期：2026年9月"}),
      Row(4, {"序号", "班 级", "学生\n姓名", "*性别", "公民身份号码", "出生日期（年月日）", "监护人", "与儿童关系",
              "联系电话", "父亲务工地点", "备注"}),
      Row(5, {"1", "三年级1班", "张小明", "男", "341122201604010012", "2016.4.1", "张大爷", "祖父", "13800001111"})};
  auto header = FindHeader(rows);
  ASSERT_TRUE(header.has_value());
  EXPECT_EQ(header->row, 4);
  EXPECT_EQ(header->columns, (std::map<std::size_t, std::string>{
                                 {1, "class"}, {2, "name"}, {3, "gender"}, {4, "id_number"}, {5, "birth_date"},
                                 {6, "guardian.name"}, {7, "guardian.relation"}, {8, "guardian.phone"},
                                 {9, "father.work_city"}}));
  // A title that says 姓名 once is not a header.
  EXPECT_FALSE(FindHeader({Row(1, {"姓名"}), Row(2, {"张小明", "男"})}).has_value());
  EXPECT_EQ(TargetOfHeader("身份证号码 "), std::optional<std::string>("id_number"));
  EXPECT_EQ(TargetOfHeader("备注"), std::nullopt);
}

TEST(RosterShape, FootersAreNotChildren) {
  EXPECT_TRUE(IsFooter(Row(30, {"", "填表人：李老师", "", "审核人：王校长"})));
  EXPECT_TRUE(IsFooter(Row(31, {"制表日期：2026年9月10日"})));
  EXPECT_FALSE(IsFooter(Row(5, {"1", "三年级1班", "张小明"})));
}

}  // namespace
}  // namespace sw::domain

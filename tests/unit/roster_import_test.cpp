// Rosters as schools keep them: where the header is, what each column holds, which lines are
// footers; and cells as schools type them, made into the archive's values — or left for the
// archive's rules to refuse, never guessed.
#include <gtest/gtest.h>

#include "domain/imports/class_names.h"
#include "domain/imports/cleaning.h"
#include "domain/imports/roster_rows.h"
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

TEST(ImportCleaning, BoardingAsYesOrNo) {
  EXPECT_EQ(CleanYesNo("是"), true);
  EXPECT_EQ(CleanYesNo(" 寄宿 "), true);
  EXPECT_EQ(CleanYesNo("走读"), false);
  EXPECT_EQ(CleanYesNo("０"), false);  // full width
  EXPECT_EQ(CleanYesNo("有时"), std::nullopt);
}

TEST(ClassNames, TheWaysRostersWriteAClassGiveOneGradeAndNumber) {
  const ClassPlace third_one{3, 1};
  for (const char* written : {"三年级1班", "三年级一班", "3(1)班", "3（1）班", "三(1)班", "3年级1班", "3.1班", "三年级 1 班",
                              "３年级１班", "3-1", "三一班"}) {
    EXPECT_EQ(ParseClassName(written), third_one) << written;
  }
  EXPECT_EQ(ParseClassName("初一(2)班"), (ClassPlace{7, 2}));
  EXPECT_EQ(ParseClassName("高二3班"), (ClassPlace{11, 3}));
  EXPECT_EQ(ParseClassName("六年级十二班"), (ClassPlace{6, 12}));
  for (const char* unclear : {"31班", "初四1班", "火箭班", "三年级", "3(1班", "十三年级1班"}) {
    EXPECT_EQ(ParseClassName(unclear), std::nullopt) << unclear;
  }
  EXPECT_EQ(ClassNameOf({3, 1}), "三年级1班");
  EXPECT_EQ(ClassNameOf({8, 2}), "八年级2班");
  EXPECT_EQ(ClassNameOf({10, 3}), "高一3班");
  EXPECT_EQ(ParseGrade("三年级"), 3);
  EXPECT_EQ(ParseGrade("初三"), 9);
  EXPECT_EQ(ParseGrade("5"), 5);
  EXPECT_EQ(ParseGrade("学前班"), std::nullopt);
  EXPECT_EQ(ComparableClassName(" 火箭 班 "), ComparableClassName("火箭班"));
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

TEST(RosterRows, ChoicesAreTakenAsCodesLabelsOrTheWordsRostersUse) {
  EXPECT_EQ(ChoiceCode("left_behind_type", "父母双方外出"), std::optional<std::string>("both_parents_away"));
  EXPECT_EQ(ChoiceCode("left_behind_type", "父母均外出"), std::optional<std::string>("both_parents_away"));
  EXPECT_EQ(ChoiceCode("left_behind_type", "one_parent_away"), std::optional<std::string>("one_parent_away"));
  EXPECT_EQ(ChoiceCode("relation", "奶奶"), std::optional<std::string>("grandmother"));
  EXPECT_EQ(ChoiceCode("relation", "祖母"), std::optional<std::string>("grandmother"));
  EXPECT_EQ(ChoiceCode("relation", "邻居"), std::nullopt);
  // What a word was read as is kept per field: the same word again, or for another field.
  EXPECT_EQ(ChoiceCode("relation", " 奶奶 "), std::optional<std::string>("grandmother"));
  EXPECT_EQ(ChoiceCode("relation", "奶奶"), std::optional<std::string>("grandmother"));
  EXPECT_EQ(ChoiceCode("gender", "奶奶"), std::nullopt);
  EXPECT_EQ(ChoiceCode("gender", "女"), std::optional<std::string>("female"));
  // Past the words kept, every word is still read.
  for (int word = 0; word < 5000; ++word) EXPECT_EQ(ChoiceCode("relation", "邻居" + std::to_string(word)), std::nullopt);
  EXPECT_EQ(ChoiceCode("relation", "爷爷"), std::optional<std::string>("grandfather"));
}

class RosterRowsTest : public ::testing::Test {
 protected:
  RosterRowsTest() {
    const SheetRow header_row = Row(4, {"班级", "姓名", "性别", "身份证号码", "出生日期", "留守类型", "监护人",
                                        "与儿童关系", "监护人电话", "父亲务工地点"});
    header_ = *FindHeader({header_row});
    for (const auto& [column, target] : header_.columns) headers_[column] = header_row.cells[column].text;
  }

  std::optional<RosterEntry> Read(SheetRow row) {
    return RosterRows(header_, headers_, std::chrono::year{2026} / 9 / 1).Read(row, problems_, warnings_);
  }

  RosterHeader header_;
  std::map<std::size_t, std::string> headers_;
  std::vector<RowProblem> problems_;
  std::vector<RowProblem> warnings_;
};

// The father is named nowhere: his work place is left out with a warning, not an error.
TEST_F(RosterRowsTest, ARowBecomesTheChildAndFamilyItDescribes) {
  SheetRow row = Row(5, {"三年级1班", " 张小明 ", "男", "34112220160401001x", "2016年4月1日", "父母均外出", "张大爷",
                         "爷爷", "138 0000 1111", "浙江宁波"});
  auto entry = Read(row);
  ASSERT_TRUE(entry.has_value()) << (problems_.empty() ? "" : problems_[0].status.ToString());
  EXPECT_EQ(entry->row, 5);
  EXPECT_EQ(entry->class_name, "三年级1班");
  EXPECT_EQ(entry->child.name, "张小明");
  EXPECT_EQ(entry->child.gender, "male");
  EXPECT_EQ(entry->child.id_number, "34112220160401001X");
  EXPECT_EQ(entry->child.birth_date, "2016-04-01");
  EXPECT_EQ(entry->child.left_behind_type, "both_parents_away");
  ASSERT_EQ(entry->family.size(), 1u);
  EXPECT_EQ(entry->family[0].kind, "guardian");
  EXPECT_EQ(entry->family[0].name, "张大爷");
  EXPECT_EQ(entry->family[0].relation, "grandfather");
  EXPECT_EQ(entry->family[0].phone, "13800001111");
  ASSERT_EQ(warnings_.size(), 1u);
  EXPECT_EQ(warnings_[0].row, 5);
  EXPECT_EQ(warnings_[0].column, "父亲务工地点");
  EXPECT_EQ(warnings_[0].status.field(), "father.name");
  EXPECT_TRUE(problems_.empty());
}

TEST_F(RosterRowsTest, EachProblemNamesItsRowAndTheColumnAsTheFileHeadsIt) {
  SheetRow lost = Row(6, {"三年级1班", "李芳", "女", "", "2016-5-6"});
  lost.cells[3] = Number("3.41122201605060E+17");
  EXPECT_FALSE(Read(lost).has_value());
  EXPECT_FALSE(Read(Row(7, {"三年级1班", "王强", "未知", "", "2016-13-01", "外出"})).has_value());
  // The archive's own rule: the ID number's birth date must match the one given.
  EXPECT_FALSE(Read(Row(8, {"三年级1班", "赵敏", "女", "341122201604010028", "2016-05-01"})).has_value());
  std::vector<std::string> seen;
  for (const RowProblem& problem : problems_) {
    seen.push_back(std::to_string(problem.row) + " " + problem.column + " " + problem.status.reason());
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"6 身份证号码 id_number_stored_as_number", "7 性别 invalid_choice",
                                            "7 出生日期 invalid_time", "7 留守类型 invalid_choice",
                                            "8 出生日期 id_number_mismatch"}));
}

}  // namespace
}  // namespace sw::domain

// `shouwang import children`, the fixed command scripts rely on: a real .xlsx made here with
// libxlsxwriter (a merged title, a class merged down its children), its one JSON object, its
// exit codes, and a SIGKILL in the middle of a commit leaving whole batches that a second run
// completes without duplicates.
#include <gtest/gtest.h>
#include <signal.h>
#include <xlsxwriter.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/identity_numbers.h"
#include "domain/imports/roster_import.h"
#include "support/backend.h"
#include "support/server_process.h"
#include "support/server_test.h"

namespace sw::testing {
namespace {

std::string IdNumber(int year, int month, int day, int sequence) {
  char seventeen[32];  // room for any int; these fill 17
  std::snprintf(seventeen, sizeof seventeen, "341122%04d%02d%02d%03d", year, month, day, sequence % 1000);
  return std::string(seventeen) + IdNumberCheckCharacter(seventeen);
}

// The one line of standard output that is the report (the log goes to standard error).
nlohmann::json ReportOf(const std::string& output) {
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("{")) return nlohmann::json::parse(line);
  }
  ADD_FAILURE() << "no JSON report in: " << output;
  return {};
}

class ImportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    for (std::vector<std::string> org : {std::vector<std::string>{"--code", "341122", "--name", "来安县", "--kind", "county"},
                                         {"--code", "qs", "--name", "青山镇", "--kind", "township", "--parent", "341122"},
                                         {"--code", "qs-zx", "--name", "青山镇中心小学", "--kind", "school", "--parent", "qs"},
                                         {"--code", "qs-zx-3-1", "--name", "三年级1班", "--kind", "class", "--parent", "qs-zx"}}) {
      org.insert(org.begin(), {"org", "add"});
      ASSERT_EQ(RunOn(fresh_, org, output_), 0) << output_;
    }
  }

  int Import(const std::filesystem::path& file, std::vector<std::string> more = {}) {
    std::vector<std::string> args = {"import", "children", file.string(), "--org", "qs-zx"};
    args.insert(args.end(), more.begin(), more.end());
    return RunOn(fresh_, args, output_);
  }

  // The roster of a school as it comes: title merged across, 填报单位, the header on row 3,
  // 三年级1班 merged down its two children, a new class, and the footer.
  std::filesystem::path Roster(const std::string& bad_id_number = "") {
    const auto path = fresh_.directory() / "花名册.xlsx";
    lxw_workbook* workbook = workbook_new(path.c_str());
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Sheet1");
    worksheet_merge_range(sheet, 0, 0, 0, 6, "青山镇中心小学留守儿童花名册", nullptr);
    worksheet_write_string(sheet, 1, 0, "填报单位：青山镇中心小学（盖章）", nullptr);
    const char* header[] = {"班级", "姓名", "性别", "身份证号", "监护人", "与儿童关系", "监护人电话"};
    for (lxw_col_t column = 0; column < 7; ++column) worksheet_write_string(sheet, 2, column, header[column], nullptr);
    worksheet_merge_range(sheet, 3, 0, 4, 0, "三年级1班", nullptr);
    const std::vector<std::vector<std::string>> children = {
        {"李小明", "男", bad_id_number.empty() ? IdNumber(2016, 5, 6, 1) : bad_id_number, "王秀英", "奶奶", "13900002222"},
        {"张丽", "女", IdNumber(2016, 4, 1, 2), "张建国", "爷爷", "13900003333"},
        {"陈晨", "女", IdNumber(2015, 3, 3, 4), "陈红", "母亲", "13900004444"}};
    for (std::size_t row = 0; row < children.size(); ++row) {
      if (row == 2) worksheet_write_string(sheet, 5, 0, "四年级(2)班", nullptr);
      for (std::size_t column = 0; column < children[row].size(); ++column) {
        worksheet_write_string(sheet, static_cast<lxw_row_t>(row + 3), static_cast<lxw_col_t>(column + 1),
                               children[row][column].c_str(), nullptr);
      }
    }
    worksheet_write_string(sheet, 7, 0, "填表人：王老师", nullptr);
    EXPECT_EQ(workbook_close(workbook), LXW_NO_ERROR);
    return path;
  }

  std::int64_t ChildCount() { return CountOf(fresh_, "SELECT count(*) FROM children"); }

  FreshDatabase fresh_;
  std::string output_;
};

TEST_F(ImportCli, AnXlsxRosterIsImportedOnceAndReportedAsOneJsonObject) {
  const auto file = Roster();
  ASSERT_EQ(Import(file, {"--dry-run", "--json"}), 0) << output_;
  nlohmann::json report = ReportOf(output_);
  EXPECT_EQ(report["rows"], 3);
  EXPECT_EQ(report["created"], 3);
  EXPECT_EQ(report["committed"], false);
  EXPECT_EQ(ChildCount(), 0);

  ASSERT_EQ(Import(file, {"--json"}), 0) << output_;
  report = ReportOf(output_);
  EXPECT_EQ(report["created"], 3);
  EXPECT_EQ(report["updated"], 0);
  EXPECT_EQ(report["errors"], nlohmann::json::array());
  EXPECT_EQ(report["warnings"], nlohmann::json::array());
  EXPECT_EQ(report["duplicates"], nlohmann::json::array());
  EXPECT_EQ(report["classes"][0]["code"], "qs-zx-3-1");
  EXPECT_EQ(report["classes"][1]["code"], "qs-zx-4-2");
  EXPECT_EQ(report["classes"][1]["exists"], false);
  EXPECT_EQ(ChildCount(), 3);

  ASSERT_EQ(Import(file, {"--json"}), 0) << output_;
  report = ReportOf(output_);
  EXPECT_EQ(report["created"], 0);
  EXPECT_EQ(report["unchanged"], 3);
  EXPECT_EQ(ChildCount(), 3);

  ASSERT_EQ(Import(file), 0) << output_;
  EXPECT_NE(output_.find("新建 0，更新 0，未变 3"), std::string::npos) << output_;
}

TEST_F(ImportCli, RowsWithErrorsExitOneWithEachProblemInChineseAndImportNothing) {
  ASSERT_EQ(Import(Roster("341122201605060010"), {"--json"}), 1) << output_;
  const nlohmann::json report = ReportOf(output_);
  ASSERT_EQ(report["errors"].size(), 1u);
  EXPECT_EQ(report["errors"][0]["row"], 4);
  EXPECT_EQ(report["errors"][0]["column"], "身份证号");
  EXPECT_EQ(report["errors"][0]["message"], "身份证号校验位不正确，请核对");
  EXPECT_EQ(report["committed"], false);
  EXPECT_EQ(ChildCount(), 0);

  ASSERT_EQ(Import(Roster("341122201605060010"), {"--json", "--lang", "en"}), 1);
  EXPECT_EQ(ReportOf(output_)["errors"][0]["message"], "The ID number's check character is wrong; check the number");
}

TEST_F(ImportCli, BadArgumentsAndUnreadableFilesExitTwoNamingTheField) {
  const auto picture = fresh_.directory() / "roster.xlsx";
  const std::string jpeg_start("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01", 13);
  std::ofstream(picture, std::ios::binary) << jpeg_start;
  EXPECT_EQ(Import(picture), 2);
  EXPECT_NE(output_.find("shouwang: file:"), std::string::npos) << output_;
  EXPECT_NE(output_.find("无法读取该文件"), std::string::npos) << output_;
  EXPECT_NE(output_.find("The file cannot be read"), std::string::npos) << output_;
  EXPECT_EQ(Import(fresh_.directory() / "missing.xlsx"), 2);
  EXPECT_EQ(RunOn(fresh_, {"import", "children", Roster().string(), "--org", "nowhere"}, output_), 2);
  EXPECT_NE(output_.find("shouwang: org:"), std::string::npos) << output_;
  EXPECT_EQ(RunOn(fresh_, {"import", "children", Roster().string()}, output_), 2);  // --org is required
  EXPECT_EQ(ChildCount(), 0);
}

TEST_F(ImportCli, AKillDuringTheCommitLeavesWholeBatchesAndTheSecondRunCompletesIt) {
  // On SQLite a transaction takes up to kTransactionBatches batches alone (one on PostgreSQL):
  // the kill comes during the second.
  using domain::RosterImportService;
  const std::int64_t batches_first =
      CurrentBackend() == Backend::kSqlite ? RosterImportService::kTransactionBatches : 1;
  const std::int64_t roster_rows = (batches_first + 1) * RosterImportService::kBatchRows + 600;
  const auto file = fresh_.directory() / "roster.csv";
  {
    std::ofstream csv(file);
    csv << "姓名,性别,身份证号,班级\r\n";
    for (int i = 0; i < roster_rows; ++i) {
      // Born on one of 21,000 days and numbers a year, so no two share an ID number.
      csv << "学生" << i << ",," << IdNumber(2016 - i / 20000, 1 + i % 12, 1 + i % 28, i) << ",三年级1班\r\n";
    }
  }
  ShouwangProcess import({"import", "children", file.string(), "--org", "qs-zx", "--data-dir",
                          fresh_.directory().string(), "--database-url", fresh_.url()},
                         fresh_.directory() / "import.log");
  std::int64_t seen = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(4);
  while (seen == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    seen = ChildCount();
  }
  import.Signal(SIGKILL);
  EXPECT_EQ(import.Wait(30), 128 + SIGKILL) << import.Log();
  const std::int64_t kept = ChildCount();
  ASSERT_GT(kept, 0);
  ASSERT_LT(kept, roster_rows) << "the import ended before the kill";
  EXPECT_EQ(kept % domain::RosterImportService::kBatchRows, 0) << kept;

  ASSERT_EQ(Import(file, {"--json"}), 0) << output_;
  const nlohmann::json report = ReportOf(output_);
  EXPECT_EQ(report["created"], roster_rows - kept);
  EXPECT_EQ(report["unchanged"], kept);
  EXPECT_EQ(ChildCount(), roster_rows);
}

}  // namespace
}  // namespace sw::testing

// Reading rosters as schools keep them: .xlsx made here with libxlsxwriter (shared strings, and
// the inline strings of its constant-memory mode; merged titles and classes; an ID number stored
// as a number) and CSV as Excel and WPS write it (UTF-8 with a BOM, GBK, quotes, CRLF).
#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "office/csv_reader.h"
#include "office/sheet.h"
#include "office/xlsx_writer.h"

namespace sw::office {
namespace {

// "row: A|B|C" per row read, with "#" after a cell stored as a number.
std::vector<std::string> Lines(const std::function<Status(const RowVisitor&)>& read) {
  std::vector<std::string> lines;
  Status status = read([&](const SheetRow& row) {
    std::string line = std::to_string(row.number) + ":";
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      line += (i ? "|" : " ") + row.cells[i].text + (row.cells[i].number ? "#" : "");
    }
    lines.push_back(line);
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return lines;
}

std::vector<std::string> CsvLines(const std::string& bytes) {
  return Lines([&](const RowVisitor& visit) {
    std::istringstream in(bytes);
    return ReadCsv(in, visit);
  });
}

std::string Gbk(const std::string& utf8) {
  UErrorCode error = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t length = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                      static_cast<int32_t>(utf8.size()), &error);
  EXPECT_TRUE(U_SUCCESS(error));
  out.resize(static_cast<std::size_t>(length));
  return out;
}

class SheetFile : public ::testing::Test {
 protected:
  std::filesystem::path Path(const std::string& name) {
    const auto path = std::filesystem::temp_directory_path() / ("sheet-" + std::to_string(::getpid()) + "-" + name);
    made_.push_back(path);
    return path;
  }
  void TearDown() override {
    for (const auto& path : made_) std::filesystem::remove(path);
  }

  // A roster as a school sends it: a merged title, the 填报单位 line, the header, and a class
  // merged down its three children; one ID number typed as a number.
  std::filesystem::path Roster(bool constant_memory) {
    const auto path = Path(constant_memory ? "roster-inline.xlsx" : "roster.xlsx");
    lxw_workbook_options options{};
    options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "花名册");
    worksheet_merge_range(sheet, 0, 0, 0, 3, "青山镇中心小学留守儿童花名册", nullptr);
    worksheet_write_string(sheet, 1, 0, "填报单位：青山镇中心小学", nullptr);
    const char* header[] = {"班级", "学生姓名", "身份证号码", "出生日期"};
    for (lxw_col_t column = 0; column < 4; ++column) worksheet_write_string(sheet, 3, column, header[column], nullptr);
    worksheet_merge_range(sheet, 4, 0, 6, 0, "三年级1班", nullptr);
    worksheet_write_string(sheet, 4, 1, "张小明", nullptr);
    worksheet_write_string(sheet, 4, 2, "341122201604010012", nullptr);
    worksheet_write_number(sheet, 4, 3, 42461, nullptr);  // 2016-04-01 as Excel's serial day
    worksheet_write_string(sheet, 5, 1, "李 芳", nullptr);
    worksheet_write_number(sheet, 5, 2, 341122201605060027.0, nullptr);
    worksheet_write_string(sheet, 5, 3, "2016.5.6", nullptr);
    worksheet_write_string(sheet, 6, 1, "王强", nullptr);
    worksheet_write_string(sheet, 8, 0, "填表人：李老师", nullptr);
    EXPECT_EQ(workbook_close(workbook), LXW_NO_ERROR);
    return path;
  }

  std::vector<std::string> SheetLines(const std::filesystem::path& path) {
    return Lines([&](const RowVisitor& visit) { return ReadSheet(path, visit); });
  }

  std::vector<std::filesystem::path> made_;
};

TEST_F(SheetFile, AnXlsxRosterReadsRowByRowWithMergedCellsFilled) {
  const std::vector<std::string> expected = {
      "1: 青山镇中心小学留守儿童花名册|青山镇中心小学留守儿童花名册|青山镇中心小学留守儿童花名册|青山镇中心小学留守儿童花名册",
      "2: 填报单位：青山镇中心小学",
      "4: 班级|学生姓名|身份证号码|出生日期",
      "5: 三年级1班|张小明|341122201604010012|42461#",
      "6: 三年级1班|李 芳|3.411222016050601E+17#|2016.5.6",
      "7: 三年级1班|王强",
      "9: 填表人：李老师"};
  for (bool constant_memory : {false, true}) {
    const auto path = Roster(constant_memory);
    EXPECT_EQ(SniffSheet(path).value(), SheetFormat::kXlsx);
    const auto lines = SheetLines(path);
    ASSERT_EQ(lines.size(), expected.size()) << (constant_memory ? "inline strings" : "shared strings");
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (i == 4) {  // the number's digits as libxlsxwriter writes them; what matters is the flag
        EXPECT_TRUE(lines[i].starts_with("6: 三年级1班|李 芳|3.4112220160506")) << lines[i];
        EXPECT_TRUE(lines[i].ends_with("E+17#|2016.5.6")) << lines[i];
        continue;
      }
      EXPECT_EQ(lines[i], expected[i]);
    }
  }
}

TEST_F(SheetFile, AnXlsWorkbookReadsWithItsDatesAndNumbers) {
  const auto path = Path("roster.xls");
  // Debian's own python, where python3-xlwt is (a python of the user's may come first on PATH).
  const std::string make = std::string("/usr/bin/python3 " SHOUWANG_SOURCE_DIR "/tests/support/make_xls.py ") + path.string();
  ASSERT_EQ(std::system(make.c_str()), 0) << make;
  EXPECT_EQ(SniffSheet(path).value(), SheetFormat::kXls);
  EXPECT_EQ(SheetLines(path), (std::vector<std::string>{"1: 青山镇中心小学留守儿童花名册",
                                                         "2: 填报单位：青山镇中心小学",
                                                         "4: 班级|学生姓名|身份证号码|出生日期",
                                                         "5: 三年级1班|张小明|341122201604010012|2016-04-01",
                                                         "6: 三年级1班|李芳|3.4112220160506E+17#|42496#"}));
}

TEST_F(SheetFile, AHundredThousandRowsStreamInOrder) {
  const auto path = Path("large.xlsx");
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
  for (lxw_row_t row = 0; row < 100000; ++row) {
    worksheet_write_string(sheet, row, 0, ("儿童" + std::to_string(row)).c_str(), nullptr);
    worksheet_write_number(sheet, row, 1, row, nullptr);
  }
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
  std::int64_t rows = 0;
  Status read = ReadSheet(path, [&](const SheetRow& row) {
    ++rows;
    if (row.number != rows || row.cells.size() != 2 || row.cells[0].text != "儿童" + std::to_string(rows - 1)) {
      return Status::Internal("row " + std::to_string(rows) + " is wrong");
    }
    return Status::Ok();
  });
  ASSERT_TRUE(read.ok()) << read.ToString();
  EXPECT_EQ(rows, 100000);
}

TEST_F(SheetFile, WhatIsNotASpreadsheetIsRefusedNamingTheFile) {
  const auto zip_without_workbook = Path("other.xlsx");
  {
    lxw_workbook* workbook = workbook_new(zip_without_workbook.c_str());
    workbook_add_worksheet(workbook, nullptr);
    ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
  }
  // Cut in half: the archive's directory (at its end) is gone.
  std::filesystem::resize_file(zip_without_workbook, std::filesystem::file_size(zip_without_workbook) / 2);
  const auto binary = Path("photo.jpg");
  std::ofstream(binary, std::ios::binary) << std::string("\xFF\xD8\xFF\xE0\0\0JFIF", 10);
  const auto compound = Path("old.xls");
  std::ofstream(compound, std::ios::binary) << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) << std::string(504, '\0');
  for (const auto& path : {zip_without_workbook, binary, compound, Path("missing.xlsx")}) {
    Status read = ReadSheet(path, [](const SheetRow&) { return Status::Ok(); });
    EXPECT_EQ(read.field(), "file") << path;
    EXPECT_EQ(read.reason(), "unreadable_file") << path;
  }
}

TEST(CsvReader, ExcelsUtf8WithABomQuotesAndLineBreaksInsideACell) {
  const std::string csv =
      "\xEF\xBB\xBF姓名,家庭住址,备注\r\n"
      "张小明,\"青山镇,石桥村3组\",\"奶奶说：\"\"孩子很乖\"\"\"\r\n"
      "\r\n"
      "李芳,\"上屋\r\n下屋\",\r\n";
  EXPECT_EQ(CsvLines(csv), (std::vector<std::string>{"1: 姓名|家庭住址|备注",
                                                     "2: 张小明|青山镇,石桥村3组|奶奶说：\"孩子很乖\"",
                                                     "4: 李芳|上屋\r\n下屋|"}));
}

TEST(CsvReader, GbkIsFoundAndConvertedEvenWhenItStartsLateAndACharacterIsCutBetweenChunks) {
  EXPECT_EQ(CsvLines(Gbk("姓名,性别\n张小明,男\n")), (std::vector<std::string>{"1: 姓名|性别", "2: 张小明|男"}));
  // 65535 bytes of ASCII first: the first Chinese character's two bytes straddle the 64 KiB read.
  const std::string ascii(65535 - 3, 'x');
  const auto lines = CsvLines(ascii + ",1\n" + Gbk("王强,男,石桥村\n"));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], "2: 王强|男|石桥村");
  // And UTF-8 without a BOM, beginning just as late.
  EXPECT_EQ(CsvLines(ascii + ",1\n王强,男\n").back(), "2: 王强|男");
}

TEST(CsvReader, AQuoteNeverClosedIsRefused) {
  std::istringstream in("姓名,备注\n张小明,\"没有结束\n");
  Status read = ReadCsv(in, [](const SheetRow&) { return Status::Ok(); });
  EXPECT_EQ(read.reason(), "unreadable_file");
}

}  // namespace
}  // namespace sw::office

namespace sw::office {
namespace {

TEST(XlsxWriter, FormulasAreWrittenInertAndRowsReadBackInOrder) {
  EXPECT_EQ(NeutraliseFormula("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
  EXPECT_EQ(NeutraliseFormula("+86 138"), "'+86 138");
  EXPECT_EQ(NeutraliseFormula("-3"), "'-3");
  EXPECT_EQ(NeutraliseFormula("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(NeutraliseFormula("张=三"), "张=三");
  const auto path = std::filesystem::temp_directory_path() / ("writer-" + std::to_string(::getpid()) + ".xlsx");
  {
    XlsxWriter writer(path, "名单");
    writer.Widths({10, 20});
    writer.Title("标题", 2);
    writer.Header({"姓名", "备注"});
    writer.Choices(0, 10, {"男", "女"});
    writer.Row({"=1+1", "好"});
    writer.Row({"", "空姓名"});
    ASSERT_TRUE(writer.Close().ok());
  }
  std::vector<std::string> lines;
  ASSERT_TRUE(ReadSheet(path, [&](const SheetRow& row) {
                std::string line = std::to_string(row.number) + ":";
                for (const SheetCell& cell : row.cells) line += cell.text + "|";
                lines.push_back(line);
                return Status::Ok();
              }).ok());
  std::filesystem::remove(path);
  EXPECT_EQ(lines, (std::vector<std::string>{"1:标题|标题|", "2:姓名|备注|", "3:'=1+1|好|", "4:|空姓名|"}));
}

}  // namespace
}  // namespace sw::office

// shouwang import children FILE --org CODE [--dry-run] [--json] [--lang zh-CN|zh-TW|en]
//
// Exit 0 when committed (or a clean dry run), 1 when rows had errors and nothing was
// committed, 2 for bad arguments or an unreadable file.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/command_support.h"
#include "cli/commands.h"
#include "http/errors.h"
#include "http/import_json.h"
#include "office/sheet.h"

namespace sw::cli {
namespace {

struct ImportOptions {
  std::string file, org, lang = "zh-CN";
  bool dry_run = false;
  bool json = false;
};

void PrintProblems(const char* kind, const std::vector<domain::RowProblem>& problems, http::Language language) {
  for (const domain::RowProblem& problem : problems) {
    std::cout << kind << " 第 " << problem.row << " 行";
    if (!problem.column.empty()) std::cout << " [" << problem.column << "]";
    std::cout << "：" << http::PublicMessage(problem.status, language) << "\n";
  }
}

void PrintReport(const domain::ImportReport& report, bool dry_run, http::Language language) {
  std::cout << "表头在第 " << report.header_row << " 行；共 " << report.rows << " 行：新建 " << report.created
            << "，更新 " << report.updated << "，未变 " << report.unchanged << "；错误 " << report.error_rows
            << " 行，提醒 " << report.warning_rows << " 条，重复 " << report.duplicates.size() << " 行\n";
  for (const domain::ImportClass& each : report.classes) {
    if (!each.exists) std::cout << "新班级 " << each.name << "（" << each.code << "），" << each.rows << " 人\n";
  }
  PrintProblems("错误", report.errors, language);
  PrintProblems("提醒", report.warnings, language);
  for (const domain::DuplicateRow& duplicate : report.duplicates) {
    std::cout << "重复 第 " << duplicate.row << " 行与第 " << duplicate.same_as_row << " 行是同一名儿童，未导入\n";
  }
  if (report.committed) std::cout << "已导入。\n";
  else if (report.error_rows > 0) std::cout << "有错误，未导入任何数据：请改正后重新导入。\n";
  else if (dry_run) std::cout << "试运行，未导入。\n";
}

// A progress line on a terminal, rewritten in place; nothing when standard error is not one.
void ShowProgress(const domain::ImportProgress& progress) {
  if (!isatty(STDERR_FILENO)) return;
  std::cerr << "\r" << (progress.committing ? "导入 " : "检查 ") << progress.rows_done;
  if (progress.rows_total > 0) std::cerr << "/" << progress.rows_total;
  std::cerr << " 行" << std::flush;
}

int RunImport(const config::Loaded& loaded, const ImportOptions& options) {
  auto format = office::SniffSheet(options.file);
  if (!format.ok()) return ReportFailure(format.status());
  const http::Language language = options.lang == "en"      ? http::Language::kEn
                                  : options.lang == "zh-TW" ? http::Language::kZhTw
                                                            : http::Language::kZhCn;
  return WithServices(loaded.settings, [&](CommandServices& services) {
    const std::filesystem::path file = options.file;
    domain::ImportRequest request{
        .sheet = [&file](const domain::RowVisitor& visit) { return office::ReadSheet(file, visit); },
        .org_code = options.org,
        .mapping = {},
        .commit = !options.dry_run,
        .progress = ShowProgress,
        .carry_class_down = *format == office::SheetFormat::kXls};
    auto report = services.imports.Run(request, domain::Authority::Operator(), domain::Actor::CommandLine());
    if (isatty(STDERR_FILENO)) std::cerr << "\n";
    if (!report.ok()) return ReportFailure(report.status());
    if (options.json) std::cout << http::ImportReportJson(*report, language).dump() << "\n";
    else PrintReport(*report, options.dry_run, language);
    return report->error_rows > 0 ? 1 : 0;
  });
}

}  // namespace

void RegisterImport(CLI::App& app, Runner& chosen) {
  auto* import = AddCommand(app, "import", "bring a school's roster (.xlsx, .xls or .csv) into the archive");
  import->require_subcommand(1);
  auto options = std::make_shared<ImportOptions>();
  auto* children = AddCommand(*import, "children", "import the children (and their parents and guardians) of a roster");
  children->add_option("FILE", options->file, "the roster: .xlsx, .xls or .csv (UTF-8 or GBK)")->required();
  children->add_option("--org", options->org, "code of the school (classes matched under it) or of a class")
      ->required();
  children->add_flag("--dry-run", options->dry_run, "check every row and report, without importing");
  children->add_flag("--json", options->json, "print the report as one JSON object");
  children->add_option("--lang", options->lang, "language of the messages: zh-CN (default), zh-TW or en")
      ->check(CLI::IsMember({"zh-CN", "zh-TW", "en"}));
  children->callback(
      [&chosen, options] { chosen = [options](const config::Loaded& l) { return RunImport(l, *options); }; });
}

}  // namespace sw::cli

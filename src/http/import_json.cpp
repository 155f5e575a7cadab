#include "http/import_json.h"

#include "http/errors.h"

namespace sw::http {
namespace {

nlohmann::json ProblemsJson(const std::vector<domain::RowProblem>& problems, Language language) {
  nlohmann::json listed = nlohmann::json::array();
  for (const domain::RowProblem& problem : problems) {
    listed.push_back({{"row", problem.row}, {"column", problem.column}, {"message", PublicMessage(problem.status, language)}});
  }
  return listed;
}

}  // namespace

nlohmann::json ImportReportJson(const domain::ImportReport& report, Language language) {
  nlohmann::json duplicates = nlohmann::json::array();
  for (const domain::DuplicateRow& duplicate : report.duplicates) {
    duplicates.push_back({{"row", duplicate.row}, {"same_as_row", duplicate.same_as_row}});
  }
  nlohmann::json classes = nlohmann::json::array();
  for (const domain::ImportClass& each : report.classes) {
    classes.push_back({{"written", each.written}, {"code", each.code}, {"name", each.name}, {"exists", each.exists},
                       {"rows", each.rows}});
  }
  nlohmann::json columns = nlohmann::json::array();
  for (const domain::ImportColumn& column : report.columns) {
    columns.push_back({{"column", column.column}, {"header", column.header}, {"target", column.target}});
  }
  return {{"rows", report.rows},
          {"created", report.created},
          {"updated", report.updated},
          {"unchanged", report.unchanged},
          {"errors", ProblemsJson(report.errors, language)},
          {"error_rows", report.error_rows},
          {"warnings", ProblemsJson(report.warnings, language)},
          {"warning_rows", report.warning_rows},
          {"duplicates", duplicates},
          {"classes", classes},
          {"header_row", report.header_row},
          {"columns", columns},
          {"committed", report.committed}};
}

nlohmann::json ImportJobJson(const ImportJob& job, Language language) {
  nlohmann::json mapping = nlohmann::json::object();
  for (const auto& [column, target] : job.mapping) mapping[std::to_string(column)] = target;
  nlohmann::json targets = nlohmann::json::array();
  for (std::string_view target : domain::RosterTargets()) targets.push_back(target);
  nlohmann::json failure = nullptr;
  if (job.state == ImportState::kFailed) {
    failure = {{"code", job.failure.reason().empty() ? "import_failed" : job.failure.reason()},
               {"message", PublicMessage(job.failure, language)},
               {"field", job.failure.field().empty() ? nlohmann::json(nullptr) : nlohmann::json(job.failure.field())}};
  }
  return {{"id", job.id},
          {"org", job.org_code},
          {"file_name", job.file_name},
          {"state", ImportStateName(job.state)},
          {"progress",
           {{"committing", job.progress.committing},
            {"rows_done", job.progress.rows_done},
            {"rows_total", job.progress.rows_total}}},
          {"mapping", mapping},
          {"targets", targets},
          {"report", job.report ? ImportReportJson(*job.report, language) : nlohmann::json(nullptr)},
          {"error", failure}};
}

}  // namespace sw::http

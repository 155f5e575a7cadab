// /api/v1/imports…: a roster imported from the web app as a job (import_jobs.h). The upload's
// body is the file itself; the page then polls the job, corrects the mapping and commits.
#include "http/caller.h"
#include "http/downloads.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/import_json.h"
#include "http/query.h"
#include "office/roster_template.h"

namespace sw::http {
namespace {

constexpr std::size_t kMaxColumn = 16384;  // Excel's widest sheet

const std::string& ImportId(const Request& request) { return request.path_params.at("id"); }

// {"mapping": {"10": "guardian.phone", "11": ""}}: column (A = 0) → target, "" for none.
Result<std::map<std::size_t, std::string>> MappingOf(const nlohmann::json& body) {
  std::map<std::size_t, std::string> mapping;
  if (!body.is_object() || !body.contains("mapping") || body["mapping"].is_null()) return mapping;
  const nlohmann::json& given = body["mapping"];
  auto wrong = [] { return Status::InvalidArgument("mapping", "column → target").WithReason("wrong_type"); };
  if (!given.is_object() || given.size() > kMaxColumn) return wrong();
  for (const auto& [key, target] : given.items()) {
    if (!target.is_string() || key.empty() || key.size() > 5 ||
        key.find_first_not_of("0123456789") != std::string::npos) {
      return wrong();
    }
    const std::size_t column = std::stoul(key);
    if (column >= kMaxColumn) return wrong();
    mapping[column] = target.get<std::string>();
  }
  return mapping;
}

Response JobResponse(int status, const Result<ImportJob>& job, const Request& request) {
  if (!job.ok()) return ErrorResponse(job.status(), request);
  return Response::Json(status, ImportJobJson(*job, request.language));
}

}  // namespace

Response HandleImportTemplate(const Request& request, Context& context) {
  const std::filesystem::path made = NewDownloadFile(context.settings.data_dir);
  if (Status written = office::WriteRosterTemplate(made); !written.ok()) return ErrorResponse(written, request);
  return XlsxDownload(made, "留守儿童花名册模板.xlsx", request);
}

Response HandleStartImport(const Request& request, Context& context) {
  auto parameters = ParseQuery(request.query);
  if (!parameters) return ErrorResponse(Status::InvalidArgument("query", "malformed").WithReason("bad_query"), request);
  const std::string org = Parameter(*parameters, "org");
  if (org.empty()) return ErrorResponse(Status::InvalidArgument("org", "required").WithReason("required"), request);
  const std::string name = Parameter(*parameters, "name");
  if (name.size() > 255) return ErrorResponse(Status::InvalidArgument("name", "too long").WithReason("too_long"), request);
  return JobResponse(202, context.imports.Start(request.body, name, org, request.caller->user, ActorOf(request)),
                     request);
}

Response HandleGetImport(const Request& request, Context& context) {
  return JobResponse(200, context.imports.Get(ImportId(request), request.caller->user), request);
}

Response HandleCheckImport(const Request& request, Context& context) {
  auto mapping = MappingOf(request.json);
  if (!mapping.ok()) return ErrorResponse(mapping.status(), request);
  return JobResponse(202, context.imports.Check(ImportId(request), *mapping, request.caller->user, ActorOf(request)),
                     request);
}

Response HandleCommitImport(const Request& request, Context& context) {
  auto mapping = MappingOf(request.json);
  if (!mapping.ok()) return ErrorResponse(mapping.status(), request);
  return JobResponse(202, context.imports.Commit(ImportId(request), *mapping, request.caller->user, ActorOf(request)),
                     request);
}

}  // namespace sw::http

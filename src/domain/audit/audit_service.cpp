#include "domain/audit/audit_service.h"

#include "domain/access/denial.h"

namespace sw::domain {

Status AuditService::ReadAudited(const User& caller, const char* action, const Actor& actor,
                                 const std::function<Status(AuditLog&, const Scope&)>& read) {
  const Scope scope = ScopeFor(caller, Action::kReadAudit);
  if (scope.empty()) return Deny(store_, clock_, actor, "audit", "", Status::PermissionDenied("forbidden"));
  return store_.Write([&](Repositories& repos) -> Status {
    if (Status status = read(repos.audit, scope); !status.ok()) return status;
    return repos.audit.Append({.at = FormatUtc(clock_.Now()), .actor = actor, .action = action,
                               .object_type = "audit", .object_id = ""});
  });
}

Result<std::vector<AuditEntry>> AuditService::Search(const User& caller, const AuditQuery& query, const Actor& actor) {
  if (query.limit < 1 || query.limit > kMaxAuditPage) return Status::InvalidArgument("limit", "1 to 500");
  std::vector<AuditEntry> entries;
  Status status = ReadAudited(caller, "audit.search", actor, [&](AuditLog& audit, const Scope& scope) -> Status {
    auto found = audit.Search(query, scope);
    if (found.ok()) entries = std::move(found).value();
    return found.status();
  });
  if (!status.ok()) return status;
  return entries;
}

Result<std::vector<AccessCount>> AuditService::Report(const User& caller, const std::string& from,
                                                      const std::string& to, const Actor& actor) {
  std::vector<AccessCount> counts;
  Status status = ReadAudited(caller, "audit.report", actor, [&](AuditLog& audit, const Scope& scope) -> Status {
    auto found = audit.Report(from, to, scope);
    if (found.ok()) counts = std::move(found).value();
    return found.status();
  });
  if (!status.ok()) return status;
  return counts;
}

}  // namespace sw::domain

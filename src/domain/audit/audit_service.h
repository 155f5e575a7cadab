// Reading the audit log: for audit admins only, within their scope, and itself audited.
#pragma once

#include <vector>

#include "core/clock.h"
#include "domain/store.h"

namespace sw::domain {

inline constexpr int kMaxAuditPage = 500;

class AuditService {
 public:
  AuditService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // PermissionDenied (audited) without kReadAudit; InvalidArgument("limit") outside 1–500.
  // Writes an "audit.search" entry in the same transaction.
  Result<std::vector<AuditEntry>> Search(const User& caller, const AuditQuery& query, const Actor& actor);
  // Counts per organisation, action and outcome in [from, to); writes "audit.report".
  Result<std::vector<AccessCount>> Report(const User& caller, const std::string& from, const std::string& to,
                                          const Actor& actor);

 private:
  // Runs `read` with the caller's audit scope inside a transaction that records `action`.
  Status ReadAudited(const User& caller, const char* action, const Actor& actor,
                     const std::function<Status(AuditLog&, const Scope&)>& read);

  Store& store_;
  const Clock& clock_;
};

}  // namespace sw::domain

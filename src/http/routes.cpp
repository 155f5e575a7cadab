// The whole API on one screen. Handlers live in one file per resource (*_handlers.cpp).
#include "http/routes.h"

#include "http/handlers.h"

namespace sw::http {
namespace {

constexpr auto kThread = RunsOn::kConnectionThread;
constexpr auto kPool = RunsOn::kDatabasePool;
constexpr auto kShortRead = RunsOn::kShortRead;
constexpr auto kPublic = Gate::kPublic;
constexpr auto kSetup = Gate::kAccountSetup;

const Route kRoutes[] = {
    // Probes for load balancers and orchestration.
    {"GET", "/healthz", HandleHealth, kThread, kPublic},
    {"GET", "/readyz", HandleReady, kPool, kPublic},
    {"GET", "/api/v1/version", HandleVersion, kThread, kPublic},
    {"GET", "/api/v1/openapi.json", HandleOpenApi, kThread, kPublic},

    // Signing in and out (session_handlers.cpp).
    {"POST", "/api/v1/session", HandleLogin, kPool, kPublic},
    {"GET", "/api/v1/session", HandleCurrentSession, kPool, kSetup},
    {"DELETE", "/api/v1/session", HandleLogout, kPool, kSetup},
    {"PUT", "/api/v1/session/password", HandleChangePassword, kPool, kSetup},
    {"POST", "/api/v1/session/totp", HandleBeginTotp, kPool, kSetup},
    {"PUT", "/api/v1/session/totp", HandleConfirmTotp, kPool, kSetup},

    // Organisations in the caller's scope, their pupil counts and terms (org_handlers.cpp).
    {"GET", "/api/v1/orgs", HandleListOrgs},
    {"POST", "/api/v1/orgs", HandleAddOrg},
    {"GET", "/api/v1/orgs/{code}", HandleGetOrg},
    {"PATCH", "/api/v1/orgs/{code}", HandleUpdateOrg},
    {"PUT", "/api/v1/orgs/{code}/pupils", HandleSetPupils},
    {"GET", "/api/v1/orgs/{code}/terms", HandleListTerms},
    {"PUT", "/api/v1/orgs/{code}/terms/{key}", HandleSetTerm},

    // What an organisation's archive holds: extra fields and required fields (archive_handlers.cpp).
    {"GET", "/api/v1/orgs/{code}/archive-settings", HandleGetArchiveSettings},
    {"POST", "/api/v1/orgs/{code}/child-fields", HandleAddChildField},
    {"PATCH", "/api/v1/orgs/{code}/child-fields/{key}", HandleUpdateChildField},
    {"PUT", "/api/v1/orgs/{code}/required-fields", HandleSetRequiredFields},
    {"DELETE", "/api/v1/orgs/{code}/required-fields", HandleClearRequiredFields},

    // Print views: HTML with print CSS (print_handlers.cpp).
    {"GET", "/api/v1/print/contact-cards", HandlePrintContactCards},
    {"GET", "/api/v1/print/class-register", HandlePrintClassRegister},
    {"GET", "/api/v1/print/contact-cards.xlsx", HandleContactCardsXlsx},
    {"GET", "/api/v1/print/class-register.xlsx", HandleClassRegisterXlsx},

    // The archive between school years (handover_handlers.cpp).
    {"GET", "/api/v1/orgs/{code}/promotion", HandlePreviewPromotion},
    {"POST", "/api/v1/orgs/{code}/promotion", HandleCommitPromotion},
    {"POST", "/api/v1/children/{id}/transfers", HandleRequestTransfer},
    {"GET", "/api/v1/transfers", HandleListTransfers},
    {"GET", "/api/v1/transfers/{id}", HandleGetTransfer},
    {"POST", "/api/v1/transfers/{id}/accept", HandleAcceptTransfer},
    {"POST", "/api/v1/transfers/{id}/decline", HandleDeclineTransfer},
    {"DELETE", "/api/v1/transfers/{id}", HandleWithdrawTransfer},

    // The child archive (child_handlers.cpp).
    {"GET", "/api/v1/children", HandleListChildren, kShortRead},
    {"POST", "/api/v1/children", HandleCreateChild},
    {"GET", "/api/v1/children/figures", HandleChildFigures},
    {"GET", "/api/v1/children/export.xlsx", HandleExportChildren},
    {"GET", "/api/v1/children/{id}", HandleGetChild},
    {"PATCH", "/api/v1/children/{id}", HandleUpdateChild},
    {"DELETE", "/api/v1/children/{id}", HandleArchiveChild},
    {"POST", "/api/v1/children/{id}/reveal", HandleRevealChildNumber},
    {"POST", "/api/v1/children/{id}/family", HandleAddFamilyMember},
    {"PATCH", "/api/v1/children/{id}/family/{member}", HandleUpdateFamilyMember},
    {"DELETE", "/api/v1/children/{id}/family/{member}", HandleRemoveFamilyMember},

    // Helpers paired with a child (pairing_handlers.cpp).
    {"GET", "/api/v1/children/{id}/pairings", HandleListPairings},
    {"POST", "/api/v1/children/{id}/pairings", HandlePairChild},
    {"DELETE", "/api/v1/children/{id}/pairings/{pairing}", HandleEndPairing},
    {"GET", "/api/v1/children/{id}/helpers", HandleListCandidates},

    // Care records, signals and tasks (care_handlers.cpp).
    {"GET", "/api/v1/children/{id}/records", HandleListRecords},
    {"POST", "/api/v1/children/{id}/records", HandleAddRecord},
    {"GET", "/api/v1/children/{id}/records/{record}", HandleGetRecord},
    {"PUT", "/api/v1/children/{id}/records/{record}", HandleEditRecord},
    {"POST", "/api/v1/children/{id}/records/{record}/corrections", HandleCorrectRecord},
    {"POST", "/api/v1/children/{id}/records/{record}/evidence", HandleAddEvidence, RunsOn::kDatabasePool,
     Gate::kSignedIn, Body::kFile},
    {"GET", "/api/v1/children/{id}/records/{record}/evidence/{evidence}", HandleGetEvidence},
    {"GET", "/api/v1/notifications", HandleListNotifications},
    {"POST", "/api/v1/notifications/read", HandleReadNotifications},
    {"DELETE", "/api/v1/children/{id}/records/{record}/evidence/{evidence}", HandleRemoveEvidence},
    {"GET", "/api/v1/imports/template.xlsx", HandleImportTemplate},
    {"POST", "/api/v1/imports", HandleStartImport, RunsOn::kDatabasePool, Gate::kSignedIn, Body::kFile},
    {"GET", "/api/v1/imports/{id}", HandleGetImport},
    {"POST", "/api/v1/imports/{id}/check", HandleCheckImport},
    {"POST", "/api/v1/imports/{id}/commit", HandleCommitImport},
    {"GET", "/api/v1/children/{id}/signals", HandleListSignals},
    {"POST", "/api/v1/children/{id}/signals", HandleRaiseSignal},
    {"GET", "/api/v1/children/{id}/tasks", HandleChildTasks},
    {"GET", "/api/v1/tasks", HandleListTasks, kShortRead},
    {"GET", "/api/v1/tasks/compliance", HandleCompliance},

    // Care rules and settings of an organisation (care_rule_handlers.cpp).
    {"GET", "/api/v1/orgs/{code}/care-rules", HandleGetCareRules},
    {"PUT", "/api/v1/orgs/{code}/care-rules/{key}", HandleSetCareRule},
    {"POST", "/api/v1/orgs/{code}/care-presets/{preset}", HandleAdoptCarePreset},
    {"GET", "/api/v1/orgs/{code}/care-settings", HandleGetCareSettings},
    {"PUT", "/api/v1/orgs/{code}/care-settings", HandleSetCareSettings},

    // User administration for system and security admins (user_handlers.cpp).
    {"GET", "/api/v1/users", HandleListUsers},
    {"POST", "/api/v1/users", HandleAddUser},
    {"GET", "/api/v1/users/{username}", HandleGetUser},
    {"PATCH", "/api/v1/users/{username}", HandleUpdateUser},
    {"POST", "/api/v1/users/{username}/password", HandleResetPassword},
    {"DELETE", "/api/v1/users/{username}/lock", HandleUnlockUser},
    {"DELETE", "/api/v1/users/{username}/totp", HandleResetTotp},
    {"POST", "/api/v1/users/{username}/roles", HandleGrantRole},
    {"DELETE", "/api/v1/users/{username}/roles/{role}/{org}", HandleRevokeRole},

    // The audit log, for audit admins (audit_handlers.cpp).
    {"GET", "/api/v1/audit", HandleSearchAudit},
    {"GET", "/api/v1/audit/report", HandleAuditReport},
};

}  // namespace

std::span<const Route> AllRoutes() { return kRoutes; }

}  // namespace sw::http

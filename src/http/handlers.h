// Every handler, grouped by resource. Each reads: parse → validate → call the domain → respond.
#pragma once

#include "http/context.h"
#include "http/message.h"

namespace sw::http {

// health_handlers.cpp
Response HandleHealth(const Request& request, Context& context);
Response HandleReady(const Request& request, Context& context);
Response HandleVersion(const Request& request, Context& context);
Response HandleOpenApi(const Request& request, Context& context);

// session_handlers.cpp
Response HandleLogin(const Request& request, Context& context);
Response HandleCurrentSession(const Request& request, Context& context);
Response HandleLogout(const Request& request, Context& context);
Response HandleChangePassword(const Request& request, Context& context);
Response HandleBeginTotp(const Request& request, Context& context);
Response HandleConfirmTotp(const Request& request, Context& context);

// audit_handlers.cpp
Response HandleSearchAudit(const Request& request, Context& context);
Response HandleAuditReport(const Request& request, Context& context);

// org_handlers.cpp
Response HandleListOrgs(const Request& request, Context& context);
Response HandleAddOrg(const Request& request, Context& context);
Response HandleGetOrg(const Request& request, Context& context);
Response HandleUpdateOrg(const Request& request, Context& context);
Response HandleSetPupils(const Request& request, Context& context);
Response HandleListTerms(const Request& request, Context& context);
Response HandleSetTerm(const Request& request, Context& context);

// archive_handlers.cpp
Response HandleGetArchiveSettings(const Request& request, Context& context);
Response HandleAddChildField(const Request& request, Context& context);
Response HandleUpdateChildField(const Request& request, Context& context);
Response HandleSetRequiredFields(const Request& request, Context& context);
Response HandleClearRequiredFields(const Request& request, Context& context);

// handover_handlers.cpp
Response HandlePreviewPromotion(const Request& request, Context& context);
Response HandleCommitPromotion(const Request& request, Context& context);
Response HandleRequestTransfer(const Request& request, Context& context);
Response HandleListTransfers(const Request& request, Context& context);
Response HandleGetTransfer(const Request& request, Context& context);
Response HandleAcceptTransfer(const Request& request, Context& context);
Response HandleDeclineTransfer(const Request& request, Context& context);
Response HandleWithdrawTransfer(const Request& request, Context& context);

// print_handlers.cpp
Response HandlePrintContactCards(const Request& request, Context& context);
Response HandlePrintClassRegister(const Request& request, Context& context);
Response HandleContactCardsXlsx(const Request& request, Context& context);
Response HandleClassRegisterXlsx(const Request& request, Context& context);
Response HandleExportChildren(const Request& request, Context& context);

// pairing_handlers.cpp
Response HandlePairChild(const Request& request, Context& context);
Response HandleListPairings(const Request& request, Context& context);
Response HandleEndPairing(const Request& request, Context& context);
Response HandleListCandidates(const Request& request, Context& context);

// care_handlers.cpp
Response HandleAddRecord(const Request& request, Context& context);
Response HandleListRecords(const Request& request, Context& context);
Response HandleGetRecord(const Request& request, Context& context);
Response HandleEditRecord(const Request& request, Context& context);
Response HandleCorrectRecord(const Request& request, Context& context);
Response HandleRaiseSignal(const Request& request, Context& context);
Response HandleListSignals(const Request& request, Context& context);
Response HandleChildTasks(const Request& request, Context& context);
Response HandleListTasks(const Request& request, Context& context);
Response HandleCompliance(const Request& request, Context& context);

// notification_handlers.cpp
Response HandleListNotifications(const Request& request, Context& context);
Response HandleReadNotifications(const Request& request, Context& context);

// evidence_handlers.cpp
Response HandleAddEvidence(const Request& request, Context& context);
Response HandleGetEvidence(const Request& request, Context& context);
Response HandleRemoveEvidence(const Request& request, Context& context);

Response HandleImportTemplate(const Request& request, Context& context);
Response HandleStartImport(const Request& request, Context& context);
Response HandleGetImport(const Request& request, Context& context);
Response HandleCheckImport(const Request& request, Context& context);
Response HandleCommitImport(const Request& request, Context& context);

// care_rule_handlers.cpp
Response HandleGetCareRules(const Request& request, Context& context);
Response HandleSetCareRule(const Request& request, Context& context);
Response HandleAdoptCarePreset(const Request& request, Context& context);
Response HandleGetCareSettings(const Request& request, Context& context);
Response HandleSetCareSettings(const Request& request, Context& context);

// child_handlers.cpp
Response HandleListChildren(const Request& request, Context& context);
Response HandleCreateChild(const Request& request, Context& context);
Response HandleChildFigures(const Request& request, Context& context);
Response HandleGetChild(const Request& request, Context& context);
Response HandleUpdateChild(const Request& request, Context& context);
Response HandleArchiveChild(const Request& request, Context& context);
Response HandleRevealChildNumber(const Request& request, Context& context);
Response HandleAddFamilyMember(const Request& request, Context& context);
Response HandleUpdateFamilyMember(const Request& request, Context& context);
Response HandleRemoveFamilyMember(const Request& request, Context& context);

// user_handlers.cpp
Response HandleListUsers(const Request& request, Context& context);
Response HandleAddUser(const Request& request, Context& context);
Response HandleGetUser(const Request& request, Context& context);
Response HandleUpdateUser(const Request& request, Context& context);
Response HandleResetPassword(const Request& request, Context& context);
Response HandleUnlockUser(const Request& request, Context& context);
Response HandleResetTotp(const Request& request, Context& context);
Response HandleGrantRole(const Request& request, Context& context);
Response HandleRevokeRole(const Request& request, Context& context);

}  // namespace sw::http

// What handlers may use: the database, the effective settings and the domain services, built
// once by `serve`, so handlers never construct their own.
#pragma once

#include <chrono>

#include "config/options.h"
#include "domain/audit/audit_service.h"
#include "domain/care/care_rule_service.h"
#include "domain/care/care_service.h"
#include "domain/care/evidence_service.h"
#include "domain/care/notification_service.h"
#include "domain/care/task_service.h"
#include "domain/children/archive_settings_service.h"
#include "domain/children/child_service.h"
#include "domain/children/promotion_service.h"
#include "domain/children/transfer_service.h"
#include "domain/orgs/org_service.h"
#include "domain/pairing/pairing_service.h"
#include "domain/sessions/session_service.h"
#include "domain/users/user_service.h"
#include "http/import_jobs.h"
#include "storage/database.h"

namespace sw::http {

struct Context {
  storage::Database& database;
  const config::Settings& settings;
  domain::SessionService& sessions;
  domain::OrgService& orgs;
  domain::UserService& users;
  domain::ChildService& children;
  domain::ArchiveSettingsService& archive;
  domain::PromotionService& promotions;
  domain::TransferService& transfers;
  domain::PairingService& pairings;
  domain::CareService& care;
  domain::EvidenceService& evidence;
  domain::NotificationService& notifications;
  domain::TaskService& tasks;
  domain::CareRuleService& care_rules;
  domain::AuditService& audit;
  ImportJobs& imports;
};

}  // namespace sw::http

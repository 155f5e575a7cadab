#include <spdlog/spdlog.h>

#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/command_support.h"
#include "cli/daily_planner.h"
#include "cli/reminder_sender.h"
#include "core/version.h"
#include "http/server.h"
#include "media/image_cleaner.h"
#include "notify/curl_reminder_transport.h"
#include "storage/evidence_files.h"
#include "storage/repositories/sql_repositories.h"

namespace sw::cli {

namespace {

domain::SessionPolicy SessionPolicyFrom(const config::Settings& settings) {
  return {.idle = std::chrono::minutes(settings.session_idle_minutes),
          .absolute = std::chrono::hours(settings.session_absolute_hours),
          .max_failures = settings.login_max_failures,
          .lockout = std::chrono::minutes(settings.login_lockout_minutes),
          .max_password_age = std::chrono::days(settings.password_max_age_days),
          .totp_required_for_admins = settings.totp_required_for_admins};
}

domain::ReminderChannels ChannelsFrom(const config::Settings& settings) {
  return {.email = !settings.reminder_smtp_url.empty(), .webhook = !settings.reminder_webhook_url.empty()};
}

int RunServe(const config::Loaded& loaded) {
  const config::Settings& settings = loaded.settings;
  auto database = OpenMigratedDatabase(settings);
  if (!database.ok()) return 1;
  storage::SqlStore store(**database);
  SystemClock clock;
  domain::PasswordHasher hasher(settings.password_hashing_concurrency);
  domain::SessionService sessions(store, clock, hasher, SessionPolicyFrom(settings));
  domain::OrgService orgs(store, clock);
  domain::ChildService children(store, clock);
  domain::ArchiveSettingsService archive(store, clock);
  domain::PromotionService promotions(store, clock);
  domain::TransferService transfers(store, clock);
  domain::PairingService pairings(store, clock);
  domain::AuditService audit(store, clock);
  const domain::ReminderChannels channels = ChannelsFrom(settings);
  domain::CareService care(store, clock, channels);
  media::VipsImageCleaner image_cleaner;
  storage::DirectoryEvidenceFiles evidence_files(settings.data_dir / "evidence");
  domain::EvidenceService evidence(store, clock, image_cleaner, evidence_files);
  domain::NotificationService notifications(store, clock);
  domain::TaskService tasks(store, clock, channels);
  DailyPlanner planner(tasks);
  // Rules changed, or a class's head teacher: its periods are planned again off the request path.
  const auto replan = [&planner](const std::string& org_id) { planner.Replan(org_id); };
  domain::UserService users(store, clock, hasher, replan,
                            [&sessions](const std::string& user_id) { sessions.ForgetUser(user_id); });
  notify::CurlReminderTransport transport({.webhook_url = settings.reminder_webhook_url,
                                           .smtp_url = settings.reminder_smtp_url,
                                           .mail_from = settings.reminder_mail_from,
                                           .public_url = settings.public_url});
  domain::ReminderOutbox outbox(store, clock, transport,
                                {.first_wait = std::chrono::seconds(settings.reminder_first_retry_seconds)});
  // Messages left in the outbox by an earlier run are sent once a channel is on again.
  std::optional<ReminderSender> sender;
  if (channels.email || channels.webhook) {
    sender.emplace(outbox, std::chrono::seconds(settings.reminder_poll_seconds));
  }
  domain::CareRuleService care_rules(store, clock, replan);
  domain::RosterImportService roster_imports(store, clock);
  http::ImportJobs imports(roster_imports, clock, settings.data_dir / "imports");
  http::Context context{.database = **database, .settings = settings, .sessions = sessions, .orgs = orgs,
                        .users = users, .children = children, .archive = archive, .promotions = promotions,
                        .transfers = transfers, .pairings = pairings, .care = care,
                        .evidence = evidence, .notifications = notifications, .tasks = tasks,
                        .care_rules = care_rules, .audit = audit, .imports = imports};
  http::Server server(settings, context);
  Status status = server.Run([](const std::string& address) {
    // Scripts and tests read this line to learn the port when --listen asked for port 0.
    std::cout << "shouwang " << Version() << " listening on http://" << address << std::endl;
  });
  if (!status.ok()) {
    spdlog::error("{}", status.ToString());
    return 1;
  }
  return 0;
}
}  // namespace

void RegisterServe(CLI::App& app, Runner& chosen) {
  AddCommand(app, "serve", "run the web server (migrates the database first)")->callback([&chosen] { chosen = RunServe; });
}

}  // namespace sw::cli

// The domain's repositories over SQL, each bound to one transaction's Executor.
#pragma once

#include <functional>

#include "domain/store.h"
#include "storage/database.h"

namespace sw::storage {

class SqlOrgRepository final : public domain::OrgRepository {
 public:
  explicit SqlOrgRepository(Executor& tx) : tx_(tx) {}
  Result<std::optional<domain::Org>> FindByCode(std::string_view code) override;
  Result<std::optional<domain::Org>> FindById(std::string_view id) override;
  Result<std::optional<domain::Org>> FindByCodeInScope(std::string_view code, const domain::Scope& scope) override;
  Result<std::vector<domain::Org>> ListInScope(const domain::Scope& scope) override;
  Result<std::map<std::string, std::string>> PlaceNamesInScope(const domain::Scope& scope) override;
  Result<std::vector<domain::Org>> Roots() override;
  Status Insert(const domain::Org& org) override;
  Status Update(const domain::Org& org) override;
  Result<std::int64_t> CountActiveChildren(const std::string& org_id) override;
  Status SetPupils(const std::string& org_id, const std::string& term_key, std::int64_t pupils) override;
  Result<std::optional<int>> Pupils(const std::string& org_id, const std::string& term_key) override;
  Result<std::vector<domain::Term>> TermsOfCounty(const std::string& county_id) override;
  Status SaveTerm(const std::string& county_id, const domain::Term& term) override;

 private:
  Result<std::vector<domain::Org>> Select(const std::string& where, const Params& params);
  Result<std::optional<domain::Org>> SelectOne(const std::string& where, const Params& params);
  Executor& tx_;
};

class SqlUserRepository final : public domain::UserRepository {
 public:
  explicit SqlUserRepository(Executor& tx) : tx_(tx) {}
  Result<std::optional<domain::User>> FindByUsername(std::string_view username) override;
  Result<std::optional<domain::User>> FindById(std::string_view id) override;
  Status Insert(const domain::User& user) override;
  Status InsertMany(std::span<const domain::User> users) override;
  Status Update(domain::User& user) override;
  Status AddRole(const std::string& user_id, const domain::RoleAssignment& assignment) override;
  Status RemoveRole(const std::string& user_id, const domain::RoleAssignment& assignment) override;
  Result<std::vector<domain::User>> List(const std::optional<domain::Scope>& within) override;
  Result<std::int64_t> CountWithRole(domain::Role role) override;
  Result<std::vector<std::string>> IdsAfter(const std::string& after_id, std::int64_t limit) override;

 private:
  Result<std::optional<domain::User>> FindOne(const char* where, const std::string& value);
  Status LoadRoles(domain::User& user);
  Executor& tx_;
};

class SqlLoginThrottle final : public domain::LoginThrottle {
 public:
  explicit SqlLoginThrottle(Executor& tx) : tx_(tx) {}
  Result<domain::Throttle> Get(const std::string& username) override;
  Status Set(const std::string& username, const domain::Throttle& throttle) override;
  Status Clear(const std::string& username) override;

 private:
  Executor& tx_;
};

class SqlSessionRepository final : public domain::SessionRepository {
 public:
  explicit SqlSessionRepository(Executor& tx) : tx_(tx) {}
  Status Insert(const domain::Session& session) override;
  Result<std::optional<domain::SessionOfUser>> FindWithUser(const std::string& token_hash) override;
  Status Touch(const std::string& token_hash, const std::string& at) override;
  Status Delete(const std::string& token_hash) override;
  Status DeleteForUser(const std::string& user_id, const std::string& keep) override;
  Status DeleteExpired(const std::string& idle_before, const std::string& created_before) override;

 private:
  Executor& tx_;
};

class SqlChildRepository final : public domain::ChildRepository {
 public:
  SqlChildRepository(Executor& tx, Dialect dialect) : tx_(tx), dialect_(dialect) {}
  Result<std::optional<domain::Child>> FindInScope(const std::string& id, const domain::Scope& scope) override;
  Result<std::map<std::string, std::string>> HoldersOfIdNumbers(const std::vector<std::string>& id_numbers) override;
  Result<std::vector<domain::Child>> SameNamesAndBirths(std::span<const domain::Child> children,
                                                       const domain::Scope& scope) override;
  Status Insert(const domain::Child& child) override;
  Status InsertMany(std::span<const domain::Child> children) override;
  Status Update(domain::Child& child) override;
  Result<domain::ChildPage> List(const domain::ChildQuery& query) override;
  Result<domain::ChildFigures> Figures(const domain::ChildQuery& query, const std::vector<domain::AgeBand>& bands) override;
  Status AddHistory(const std::vector<domain::ChildChange>& changes) override;
  Result<std::vector<domain::ChildChange>> History(const std::string& child_id) override;
  Status RecordReveal(const domain::NumberReveal& reveal) override;
  Result<std::vector<domain::FamilyMember>> Family(const std::string& child_id) override;
  Status InsertFamilyMember(const domain::FamilyMember& member) override;
  Status InsertFamilyMembers(std::span<const domain::FamilyMember> members) override;
  Status UpdateFamilyMember(domain::FamilyMember& member) override;
  Status DeleteFamilyMember(const domain::FamilyMember& member) override;
  Result<std::vector<domain::Child>> Under(const std::string& org_id, const domain::ChildCursor& after,
                                           std::int64_t limit) override;
  Status SetCompleteness(const std::string& child_id, std::int64_t completeness) override;
  Result<std::optional<std::string>> PromotedInto(const std::string& org_id, std::int64_t into_year) override;
  Status RecordPromotion(const domain::Promotion& promotion) override;

 private:
  // Fills each child's extra values (those of the active fields that apply at its organisation).
  Status AddOrgCodes(std::vector<domain::Child>& children);
  Status LoadExtra(std::vector<domain::Child>& children);
  Status SaveExtra(const domain::Child& child);
  // Whether the children inserted are counted into the tallies here (InsertedChildrenCount), as
  // on SQLite (migration 26), or by the database.
  bool CountsInserts() const;
  Result<std::vector<domain::Child>> Select(const std::string& sql, const Params& params,
                                            domain::ChildDetail detail = domain::ChildDetail::kRecord);
  // The children of rows selected by SelectColumns(…, detail).
  Result<std::vector<domain::Child>> ChildrenOf(Rows& rows, domain::ChildDetail detail);
  Executor& tx_;
  Dialect dialect_;
};

class SqlTransferRepository final : public domain::TransferRepository {
 public:
  explicit SqlTransferRepository(Executor& tx) : tx_(tx) {}
  Status Insert(const domain::ChildTransfer& transfer) override;
  Result<std::optional<domain::ChildTransfer>> Find(const std::string& id) override;
  Status Update(domain::ChildTransfer& transfer) override;
  Result<std::pair<std::vector<domain::ChildTransfer>, std::int64_t>> List(const domain::TransferQuery& query) override;
  Result<bool> OrgInScope(const std::string& org_id, const domain::Scope& scope) override;

 private:
  Executor& tx_;
};

class SqlPairingRepository final : public domain::PairingRepository {
 public:
  explicit SqlPairingRepository(Executor& tx) : tx_(tx) {}
  Result<std::vector<domain::Pairing>> OfChild(const std::string& child_id) override;
  Result<std::vector<domain::Pairing>> OfChildren(const std::vector<std::string>& child_ids) override;
  Status Insert(const domain::Pairing& pairing) override;
  Status InsertMany(std::span<const domain::Pairing> pairings) override;
  Status End(const std::string& pairing_id, const std::string& ends_on) override;
  Result<std::int64_t> LoadOf(const std::string& helper_id) override;
  Result<std::vector<domain::HelperLoad>> Helpers(const std::string& org_id, const std::string& prefix,
                                                  std::int64_t limit) override;

 private:
  Executor& tx_;
};

class SqlNotificationRepository final : public domain::NotificationRepository {
 public:
  explicit SqlNotificationRepository(Executor& tx) : tx_(tx) {}
  Status Add(const std::vector<domain::Notification>& notifications, const domain::ReminderChannels& channels) override;
  Result<domain::NotificationPage> Of(const std::string& user_id, const domain::Scope& scope, bool unread_only,
                                      std::int64_t limit) override;
  Status MarkRead(const std::string& user_id, const std::vector<std::string>& ids, const std::string& at) override;

 private:
  Executor& tx_;
};

class SqlOutboxRepository final : public domain::OutboxRepository {
 public:
  explicit SqlOutboxRepository(Executor& tx) : tx_(tx) {}
  Result<std::vector<domain::OutgoingReminder>> Claim(const std::string& now, const std::string& claimed_until,
                                                      std::int64_t limit) override;
  Status Settle(const domain::OutgoingReminder& message, const std::string& sent_at, const std::string& next_attempt_at,
                const std::string& error) override;

 private:
  Executor& tx_;
};

class SqlCareRepository final : public domain::CareRepository {
 public:
  explicit SqlCareRepository(Executor& tx) : tx_(tx) {}
  Status InsertRecord(const domain::CareRecord& record) override;
  Status InsertRecords(std::span<const domain::CareRecord> records) override;
  Status UpdateRecord(domain::CareRecord& record) override;
  Result<std::optional<domain::CareRecord>> FindRecord(const std::string& child_id,
                                                       const std::string& record_id) override;
  Result<domain::RecordPage> Records(const std::string& child_id, bool with_counselling, std::int64_t offset,
                                     std::int64_t limit) override;
  Result<std::vector<domain::CareRecord>> RecordsBetween(const std::vector<std::string>& child_ids,
                                                         const std::string& from, const std::string& to) override;
  Status AddRevision(const domain::RecordRevision& revision) override;
  Result<std::vector<domain::RecordRevision>> Revisions(const std::string& record_id) override;
  Status AddCorrection(const domain::RecordCorrection& correction) override;
  Result<std::vector<domain::RecordCorrection>> Corrections(const std::string& record_id) override;
  Status InsertEvidence(const domain::Evidence& evidence) override;
  Result<std::vector<domain::Evidence>> EvidenceOf(const std::vector<std::string>& record_ids) override;
  Status RemoveEvidence(const std::string& evidence_id, const std::string& by, const std::string& at) override;
  Result<std::vector<domain::CareRule>> RulesAbove(const std::string& org_id) override;
  Status SaveRule(domain::CareRule& rule) override;
  Result<std::vector<domain::CareSettingsAt>> SettingsAbove(const std::string& org_id) override;
  Status SaveSettings(const std::string& org_id, const domain::CareSettingsAt& settings,
                      const std::string& at) override;
  Status InsertSignal(const domain::CareSignal& signal) override;
  Status InsertSignals(std::span<const domain::CareSignal> signals) override;
  Result<std::vector<domain::CareSignal>> Signals(const std::string& child_id) override;
  Result<bool> InsertTask(const domain::CareTask& task) override;
  Status InsertTasks(std::span<const domain::CareTask> tasks) override;
  Result<std::vector<domain::CareTask>> TasksOverlapping(const std::vector<std::string>& child_ids,
                                                         const std::string& from, const std::string& to) override;
  Status DropOpenTasks(const std::string& child_id, const std::string& source,
                       const std::string& source_id) override;
  Status SaveProgress(const domain::CareTask& task) override;
  Status HandOver(const std::string& child_id, const std::string& role, const std::string& from_helper,
                  const std::string& to_helper) override;
  Status HandOverAt(const std::string& org_id, const std::string& role, const std::string& to_helper) override;
  Result<domain::TaskPage> Tasks(const domain::TaskQuery& query) override;
  Result<std::vector<domain::CareTask>> OpenTasksOf(const std::vector<std::string>& helper_ids,
                                                    const std::string& due_from, const std::string& due_to) override;
  Result<std::map<std::string, domain::TaskCounts>> CountTasks(const domain::TaskQuery& query,
                                                              const std::string& by) override;
  Result<std::string> PlannedOn() override;
  Status SetPlannedOn(const std::string& day, const std::string& at) override;
  Result<std::vector<std::pair<std::string, std::string>>> HeadTeachers(
      const std::vector<std::string>& org_ids) override;

 private:
  // The records (with their authors' names) that the statement's rest — WHERE, ORDER BY — selects.
  Result<std::vector<domain::CareRecord>> SelectRecords(const std::string& rest, const Params& params);
  Result<std::vector<domain::CareTask>> SelectTasks(const std::string& rest, const Params& params);

  Executor& tx_;
};

class SqlArchiveSettingsRepository final : public domain::ArchiveSettingsRepository {
 public:
  explicit SqlArchiveSettingsRepository(Executor& tx) : tx_(tx) {}
  Result<std::vector<domain::ExtraField>> FieldsFor(const std::string& org_id) override;
  Result<bool> FieldKeyInUse(const std::string& org_id, const std::string& key) override;
  Status InsertField(const domain::ExtraField& field) override;
  Status UpdateField(domain::ExtraField& field) override;
  Result<std::optional<domain::Requirement>> RequirementFor(const std::string& org_id) override;
  Status SetRequirement(const std::string& org_id, const std::vector<std::string>& fields,
                        const std::string& at) override;
  Status ClearRequirement(const std::string& org_id) override;

 private:
  Executor& tx_;
};

class SqlAuditLog final : public domain::AuditLog {
 public:
  SqlAuditLog(Executor& tx, Dialect dialect) : tx_(tx), dialect_(dialect) {}
  Status AppendMany(std::vector<domain::AuditEntry> entries) override;
  Result<domain::ChainCheck> Verify() override;
  Result<std::vector<domain::AuditEntry>> Search(const domain::AuditQuery& query, const domain::Scope& scope) override;
  Result<std::vector<domain::AccessCount>> Report(const std::string& from, const std::string& to,
                                                  const domain::Scope& scope) override;

 private:
  Executor& tx_;
  Dialect dialect_;
};

// domain::Store over a Database: each Write or Read is one transaction.
class SqlStore final : public domain::Store {
 public:
  explicit SqlStore(Database& database) : database_(database) {}
  Status Write(const Work& work) override;
  Status Read(const Work& work) override;
  bool WritesWaiting() override { return database_.WritesWaiting(); }

 private:
  Database& database_;
};

}  // namespace sw::storage

// What the domain needs from storage, as interfaces (layers point http → domain ← storage:
// storage/sql_store.cpp implements these over SQL). A service does all its reads and writes,
// including its audit entry, inside one Store::Write, so they land together or not at all.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/access/policy.h"
#include "domain/audit/audit.h"
#include "domain/care/care_record.h"
#include "domain/care/care_rule.h"
#include "domain/care/care_task.h"
#include "domain/care/notification.h"
#include "domain/children/child.h"
#include "domain/children/extra_field.h"
#include "domain/children/family.h"
#include "domain/orgs/org.h"
#include "domain/pairing/pairing.h"
#include "domain/terms/term.h"
#include "domain/users/user.h"

namespace sw::domain {

class OrgRepository {
 public:
  virtual ~OrgRepository() = default;
  virtual Result<std::optional<Org>> FindByCode(std::string_view code) = 0;
  virtual Result<std::optional<Org>> FindById(std::string_view id) = 0;
  // Only when the node lies inside `scope`.
  virtual Result<std::optional<Org>> FindByCodeInScope(std::string_view code, const Scope& scope) = 0;
  virtual Result<std::vector<Org>> ListInScope(const Scope& scope) = 0;
  // Code → the name printouts show, for every node inside `scope`: a class's after its school's
  // ("青山镇中心小学 三年级1班"), whether or not the school lies inside. Two columns a node, not
  // the whole node: a province's 100k names are what an export of it holds in memory.
  virtual Result<std::map<std::string, std::string>> PlaceNamesInScope(const Scope& scope) = 0;
  // The tops of the tree (provinces, cities, or counties standing alone).
  virtual Result<std::vector<Org>> Roots() = 0;
  // Inserts the node and records it under every ancestor of its parent (the closure).
  virtual Status Insert(const Org& org) = 0;
  // Writes the name and the active flag.
  virtual Status Update(const Org& org) = 0;
  virtual Result<std::int64_t> CountActiveChildren(const std::string& org_id) = 0;
  virtual Status SetPupils(const std::string& org_id, const std::string& term_key, std::int64_t pupils) = 0;
  virtual Result<std::optional<int>> Pupils(const std::string& org_id, const std::string& term_key) = 0;
  virtual Result<std::vector<Term>> TermsOfCounty(const std::string& county_id) = 0;
  // Adds the county's term, or replaces the one with the same key.
  virtual Status SaveTerm(const std::string& county_id, const Term& term) = 0;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual Result<std::optional<User>> FindByUsername(std::string_view username) = 0;
  virtual Result<std::optional<User>> FindById(std::string_view id) = 0;
  virtual Status Insert(const User& user) = 0;
  // Many new users with their roles at once, the backend's fastest way (generated data).
  virtual Status InsertMany(std::span<const User> users) = 0;
  // Writes the mutable fields (password, lockout, active, totp) if `user.version` is current,
  // and bumps the version; Conflict when another write came first.
  virtual Status Update(User& user) = 0;
  virtual Status AddRole(const std::string& user_id, const RoleAssignment& assignment) = 0;
  virtual Status RemoveRole(const std::string& user_id, const RoleAssignment& assignment) = 0;
  // Every user, or (with a scope) those whose every role assignment lies inside it.
  virtual Result<std::vector<User>> List(const std::optional<Scope>& within) = 0;
  virtual Result<std::int64_t> CountWithRole(Role role) = 0;
  // Up to `limit` user ids after `after_id`, in order: for work over every user in batches.
  virtual Result<std::vector<std::string>> IdsAfter(const std::string& after_id, std::int64_t limit) = 0;
};

// What the children list is filtered by. Empty strings and nullopt match anything.
struct ChildQuery {
  Scope scope;
  std::string org_id;  // a subtree inside the scope
  std::string child_id;  // one child
  std::string gender, left_behind_type, care_arrangement, risk_level, status;
  std::optional<std::int64_t> grade;
  std::optional<bool> complete;  // completeness == 100, or below
  std::optional<bool> has_helper;       // an open pairing of any role
  std::optional<bool> has_main_helper;  // an open pairing as main helper
  std::map<std::string, std::string> extra;  // extra field key → value (canonical text)
  // Search: one of these, chosen by the service from what the user typed.
  std::string name_part;         // simplified characters anywhere in the name (小明 finds 曾小明)
  std::string latin_prefix;      // the start of the full pinyin or of the initials
  std::string digits_reversed;  // the last digits of an ID number or of a family phone, reversed
  std::int64_t offset = 0;
  std::int64_t limit = 20;
  // Keyset paging for reading a whole list in order (an export): the children after this one in
  // (name_sort, id) order. Lists for pages use offset.
  std::string after_name_sort;
  std::string after_id;
  // The total a page shows counts matches up to this many; 0 counts none (an export). Counting a
  // province's children for every page would cost more than the page (docs/performance.md).
  std::int64_t count_up_to = 1000;
  ChildDetail detail = ChildDetail::kRecord;  // what each child of the page holds

  bool operator==(const ChildQuery&) const = default;
};

// Where a walk through a subtree's children (ChildRepository::Under) stopped: the last child's
// organisation and id; empty at the start.
struct ChildCursor {
  std::string org_id;
  std::string id;

  static ChildCursor After(const Child& child) { return {child.org_id, child.id}; }
};

struct ChildPage {
  std::vector<Child> items;
  ChildDetail detail = ChildDetail::kRecord;  // what each item holds: the query's
  std::int64_t total = 0;
  bool total_capped = false;  // more than ChildQuery::count_up_to match: `total` is that bound
};

// Counts of the children a query matches, per value of each breakdown ("gender" → "male" → 12).
// An empty value counts children where the field is not filled in.
struct ChildFigures {
  std::int64_t total = 0;
  std::map<std::string, std::map<std::string, std::int64_t>> breakdowns;
};

// Age bands by birth date: a child born after `born_after` is younger than the band's bound.
struct AgeBand {
  std::string name;        // "0-5", "6-11", …
  std::string born_after;  // YYYY-MM-DD; empty for the oldest band
};

// One field's change, as history shows it.
struct ChildChange {
  std::string child_id;
  std::string at;
  std::string user_id;
  std::string field;
  std::string old_value;
  std::string new_value;
};

// A masked number shown in full, with the reason the user gave.
struct NumberReveal {
  std::string child_id;
  std::string field;
  std::string at;
  std::string user_id;
  std::string request_id;
  std::string reason;
};

// A year-end promotion, recorded so that a school year is promoted once.
struct Promotion {
  std::string org_id;
  std::int64_t into_year = 0;
  std::string at;
  std::string user_id;
  std::int64_t promoted = 0;
  std::int64_t graduated = 0;
};

class ChildRepository {
 public:
  virtual ~ChildRepository() = default;
  virtual Result<std::optional<Child>> FindInScope(const std::string& id, const Scope& scope) = 0;
  // Whichever children hold these ID numbers, in any scope (the same number is the same
  // child): ID number → the child's id, for the numbers held. A few thousand numbers at most.
  virtual Result<std::map<std::string, std::string>> HoldersOfIdNumbers(const std::vector<std::string>& id_numbers) = 0;
  // Children in scope with the same name and birth date as one of `children`, other than
  // those children themselves: probable duplicates, an import's matches. A few thousand at most.
  virtual Result<std::vector<Child>> SameNamesAndBirths(std::span<const Child> children, const Scope& scope) = 0;
  virtual Status Insert(const Child& child) = 0;
  // Many new children at once, the backend's fastest way (generated data, imports).
  virtual Status InsertMany(std::span<const Child> children) = 0;
  // Writes every field if `child.version` is current, and bumps it; Conflict otherwise.
  virtual Status Update(Child& child) = 0;
  // Ordered by the pinyin of the name.
  virtual Result<ChildPage> List(const ChildQuery& query) = 0;
  // Breakdowns by gender, grade, left-behind type, care arrangement, risk, status, archive
  // completeness and age band (youngest band first in `bands`), over what `query` matches.
  virtual Result<ChildFigures> Figures(const ChildQuery& query, const std::vector<AgeBand>& bands) = 0;
  virtual Status AddHistory(const std::vector<ChildChange>& changes) = 0;
  virtual Result<std::vector<ChildChange>> History(const std::string& child_id) = 0;
  virtual Status RecordReveal(const NumberReveal& reveal) = 0;

  virtual Result<std::vector<FamilyMember>> Family(const std::string& child_id) = 0;
  virtual Status InsertFamilyMember(const FamilyMember& member) = 0;
  virtual Status InsertFamilyMembers(std::span<const FamilyMember> members) = 0;
  // Version-checked like Update; Conflict when another write came first.
  virtual Status UpdateFamilyMember(FamilyMember& member) = 0;
  virtual Status DeleteFamilyMember(const FamilyMember& member) = 0;

  // Up to `limit` children placed in the subtree of `org_id`, whatever their status, by
  // organisation and id after `after`: for work over a whole subtree in batches (work that moves
  // children between organisations would meet them again). Each batch costs about its own size.
  virtual Result<std::vector<Child>> Under(const std::string& org_id, const ChildCursor& after,
                                           std::int64_t limit) = 0;
  // A derived figure, not an edit: the version stays.
  virtual Status SetCompleteness(const std::string& child_id, std::int64_t completeness) = 0;

  // The code of an organisation at, above or below `org_id` promoted into `into_year`, if any.
  virtual Result<std::optional<std::string>> PromotedInto(const std::string& org_id, std::int64_t into_year) = 0;
  virtual Status RecordPromotion(const Promotion& promotion) = 0;
};

// The fields an organisation's children must have filled in (at or above it: the nearest wins).
struct Requirement {
  std::string org_id;
  std::string org_code;
  std::vector<std::string> fields;
};

class ArchiveSettingsRepository {
 public:
  virtual ~ArchiveSettingsRepository() = default;
  // Extra fields defined at the organisation and above, active or not, oldest first.
  virtual Result<std::vector<ExtraField>> FieldsFor(const std::string& org_id) = 0;
  // Whether the key is defined above, at or below the organisation, where it would be ambiguous.
  virtual Result<bool> FieldKeyInUse(const std::string& org_id, const std::string& key) = 0;
  virtual Status InsertField(const ExtraField& field) = 0;
  // Version-checked; Conflict when another write came first.
  virtual Status UpdateField(ExtraField& field) = 0;
  virtual Result<std::optional<Requirement>> RequirementFor(const std::string& org_id) = 0;
  virtual Status SetRequirement(const std::string& org_id, const std::vector<std::string>& fields,
                                const std::string& at) = 0;
  virtual Status ClearRequirement(const std::string& org_id) = 0;
};

// A child's move to another school: asked by the sending school, accepted (or declined) by the
// receiving one, or withdrawn by the sender while pending.
struct ChildTransfer {
  std::string id;
  std::string child_id;
  std::string from_org_id, from_org_code;  // where the child was placed when it was asked
  std::string to_org_id, to_org_code;      // the receiving school
  std::string reason;
  std::string state = "pending";           // pending | accepted | declined | withdrawn
  std::string requested_at, requested_by;
  std::string decided_at, decided_by, note;
  std::string snapshot;  // accepted: the record as the sender left it (child_json.h), as JSON text
  std::int64_t version = 1;
  // For lists, so that a receiving school knows whom it is asked to take.
  std::string child_name, child_gender, child_birth_date, child_id_number;
};

struct TransferQuery {
  Scope scope;             // of the side asked for
  bool incoming = true;    // to a school in scope, or from an organisation in scope
  std::string state;       // empty: any
  std::int64_t offset = 0;
  std::int64_t limit = 20;
};

class TransferRepository {
 public:
  virtual ~TransferRepository() = default;
  // Conflict (transfer_pending) when the child already has a pending transfer.
  virtual Status Insert(const ChildTransfer& transfer) = 0;
  virtual Result<std::optional<ChildTransfer>> Find(const std::string& id) = 0;
  // Version-checked; Conflict (stale_version) when another decision came first.
  virtual Status Update(ChildTransfer& transfer) = 0;
  // Newest first, with the total.
  virtual Result<std::pair<std::vector<ChildTransfer>, std::int64_t>> List(const TransferQuery& query) = 0;
  // Whether `org_id` lies in `scope`.
  virtual Result<bool> OrgInScope(const std::string& org_id, const Scope& scope) = 0;
};

class PairingRepository {
 public:
  virtual ~PairingRepository() = default;
  // Every pairing of the child, open ones first, then newest first; with the helpers' names.
  virtual Result<std::vector<Pairing>> OfChild(const std::string& child_id) = 0;
  // Every pairing of these children, in the same order.
  virtual Result<std::vector<Pairing>> OfChildren(const std::vector<std::string>& child_ids) = 0;
  virtual Status Insert(const Pairing& pairing) = 0;
  virtual Status InsertMany(std::span<const Pairing> pairings) = 0;
  virtual Status End(const std::string& pairing_id, const std::string& ends_on) = 0;
  // The helper's open pairings.
  virtual Result<std::int64_t> LoadOf(const std::string& helper_id) = 0;
  // Active users with a role inside the organisation's subtree whose username or name starts
  // with `prefix` (empty: all), by username, at most `limit`.
  virtual Result<std::vector<HelperLoad>> Helpers(const std::string& org_id, const std::string& prefix,
                                                  std::int64_t limit) = 0;
};

struct RecordPage {
  std::vector<CareRecord> items;
  std::int64_t total = 0;
};

// Which tasks a list shows. One of helper_id, child_id or org_id is set; `today` decides late.
struct TaskQuery {
  std::string helper_id;  // "my to-do"
  std::string child_id;
  std::string org_id;     // everything in the subtree (the service checks the caller reaches it)
  std::string state;      // open | late | todo (open or late: not done) | done; empty: any
  std::string today;      // YYYY-MM-DD
  std::string due_from, due_to;  // inclusive; empty: unbounded
  std::int64_t offset = 0;
  std::int64_t limit = 50;
};

struct TaskPage {
  std::vector<CareTask> items;
  std::int64_t total = 0;
};

// Tasks due in a stretch of time, by what became of them: the figures of compliance.
struct TaskCounts {
  std::int64_t done = 0;
  std::int64_t late = 0;  // past due, undone
  std::int64_t open = 0;  // not yet due
};

class CareRepository {
 public:
  virtual ~CareRepository() = default;
  virtual Status InsertRecord(const CareRecord& record) = 0;
  // Many at once, the backend's fastest way (generated data).
  virtual Status InsertRecords(std::span<const CareRecord> records) = 0;
  // Version-checked like the archive's records; Conflict when another write came first.
  virtual Status UpdateRecord(CareRecord& record) = 0;
  virtual Result<std::optional<CareRecord>> FindRecord(const std::string& child_id, const std::string& record_id) = 0;
  // Newest first; counselling records only when asked for.
  virtual Result<RecordPage> Records(const std::string& child_id, bool with_counselling, std::int64_t offset,
                                     std::int64_t limit) = 0;
  // Every record of these children that happened between the two days, inclusive.
  virtual Result<std::vector<CareRecord>> RecordsBetween(const std::vector<std::string>& child_ids,
                                                         const std::string& from, const std::string& to) = 0;
  virtual Status AddRevision(const RecordRevision& revision) = 0;
  virtual Result<std::vector<RecordRevision>> Revisions(const std::string& record_id) = 0;
  virtual Status AddCorrection(const RecordCorrection& correction) = 0;
  virtual Result<std::vector<RecordCorrection>> Corrections(const std::string& record_id) = 0;
  virtual Status InsertEvidence(const Evidence& evidence) = 0;
  // The evidence kept (not removed) of these records, oldest first.
  virtual Result<std::vector<Evidence>> EvidenceOf(const std::vector<std::string>& record_ids) = 0;
  virtual Status RemoveEvidence(const std::string& evidence_id, const std::string& by, const std::string& at) = 0;

  // The rules at the organisation and above it, nearest first.
  virtual Result<std::vector<CareRule>> RulesAbove(const std::string& org_id) = 0;
  // Inserts a rule (version 0: new, stored as 1) or, version-checked, rewrites it.
  virtual Status SaveRule(CareRule& rule) = 0;

  // The organisation's own settings and those above it, nearest first.
  virtual Result<std::vector<CareSettingsAt>> SettingsAbove(const std::string& org_id) = 0;
  virtual Status SaveSettings(const std::string& org_id, const CareSettingsAt& settings, const std::string& at) = 0;

  virtual Status InsertSignal(const CareSignal& signal) = 0;
  virtual Status InsertSignals(std::span<const CareSignal> signals) = 0;
  virtual Result<std::vector<CareSignal>> Signals(const std::string& child_id) = 0;

  // False when the child already has the task of that source and period.
  virtual Result<bool> InsertTask(const CareTask& task) = 0;
  // New tasks at once (generated data). REQUIRES: none of them exists yet.
  virtual Status InsertTasks(std::span<const CareTask> tasks) = 0;
  // These children's tasks whose period overlaps the two days, inclusive, and their must-visits
  // and follow-ups begun by then.
  virtual Result<std::vector<CareTask>> TasksOverlapping(const std::vector<std::string>& child_ids,
                                                         const std::string& from, const std::string& to) = 0;
  // Removes the child's open tasks of that source (a follow-up withdrawn or moved).
  virtual Status DropOpenTasks(const std::string& child_id, const std::string& source,
                               const std::string& source_id) = 0;
  // Writes done_count, status and done_on.
  virtual Status SaveProgress(const CareTask& task) = 0;
  // Hands the child's open tasks of `role` held by `from_helper` to `to_helper` (either may be
  // empty: nobody).
  virtual Status HandOver(const std::string& child_id, const std::string& role, const std::string& from_helper,
                          const std::string& to_helper) = 0;
  // Gives every open task of `role` of the children of organisation `org_id` to `to_helper`
  // (empty: nobody).
  virtual Status HandOverAt(const std::string& org_id, const std::string& role, const std::string& to_helper) = 0;
  // Due day first, with the children's and helpers' names.
  virtual Result<TaskPage> Tasks(const TaskQuery& query) = 0;
  // The open tasks of these helpers due from `due_from` to `due_to`, inclusive (without names).
  virtual Result<std::vector<CareTask>> OpenTasksOf(const std::vector<std::string>& helper_ids,
                                                    const std::string& due_from, const std::string& due_to) = 0;
  // Counts of the tasks a query matches (its state ignored): in total under the key "" (`by`
  // empty), per direct sub-organisation of query.org_id by code ("org"), or per helper by
  // username ("helper").
  virtual Result<std::map<std::string, TaskCounts>> CountTasks(const TaskQuery& query, const std::string& by) = 0;

  // The last day the planner finished for every child ("" before the first), kept so that a
  // restart — or a second server — does not plan the same day again.
  virtual Result<std::string> PlannedOn() = 0;
  virtual Status SetPlannedOn(const std::string& day, const std::string& at) = 0;

  // The head teachers of these organisations, as (org id, user id).
  virtual Result<std::vector<std::pair<std::string, std::string>>> HeadTeachers(
      const std::vector<std::string>& org_ids) = 0;
};

// Failed logins in a row per username, kept whether or not the user exists.
struct Throttle {
  int failures = 0;
  std::string locked_until;  // FormatUtc; empty when not locked
};

class LoginThrottle {
 public:
  virtual ~LoginThrottle() = default;
  virtual Result<Throttle> Get(const std::string& username) = 0;
  virtual Status Set(const std::string& username, const Throttle& throttle) = 0;
  virtual Status Clear(const std::string& username) = 0;
};

struct Session {
  std::string token_hash;  // the token itself is never stored
  std::string user_id;
  std::string created_at;
  std::string last_seen_at;
};

// A session with the user it belongs to.
struct SessionOfUser {
  Session session;
  User user;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Status Insert(const Session& session) = 0;
  // The session and its user with their roles, read together: every signed-in request asks.
  virtual Result<std::optional<SessionOfUser>> FindWithUser(const std::string& token_hash) = 0;
  virtual Status Touch(const std::string& token_hash, const std::string& at) = 0;
  virtual Status Delete(const std::string& token_hash) = 0;
  // Ends every session of the user except `keep` (a token hash; may be empty).
  virtual Status DeleteForUser(const std::string& user_id, const std::string& keep) = 0;
  // Removes sessions idle since before `idle_before` or started before `created_before`.
  virtual Status DeleteExpired(const std::string& idle_before, const std::string& created_before) = 0;
};

struct ChainCheck {
  std::int64_t entries = 0;
  std::optional<std::int64_t> first_bad_seq;  // set when the chain is broken
};

// Filters for searching the audit log; empty strings match anything. Times are FormatUtc text,
// `from` inclusive and `to` exclusive. Newest first; `before_seq` pages backwards.
struct AuditQuery {
  std::string user_id;
  std::string object_type;
  std::string object_id;
  std::string action;
  std::string from;
  std::string to;
  std::int64_t before_seq = 0;  // 0: from the newest
  std::int64_t limit = 100;     // wide, so an absurd value is refused rather than wrapped
};

// One line of the access report: how often `action` ended in `outcome` for `org_id`.
struct AccessCount {
  std::string org_id;
  std::string action;
  std::string outcome;
  std::int64_t count = 0;
};

class AuditLog {
 public:
  virtual ~AuditLog() = default;
  // Entries made by actors inside `scope`, and those of no organisation (the command line,
  // anonymous logins), which every audit admin must see.
  virtual Result<std::vector<AuditEntry>> Search(const AuditQuery& query, const Scope& scope) = 0;
  virtual Result<std::vector<AccessCount>> Report(const std::string& from, const std::string& to,
                                                  const Scope& scope) = 0;
  // Assigns the next seq, links prev_hash and computes the hash. `entry.at` must be set.
  Status Append(AuditEntry entry) { return AppendMany({std::move(entry)}); }
  // As Append for each entry, in order, written together (an import's batch).
  virtual Status AppendMany(std::vector<AuditEntry> entries) = 0;
  virtual Result<ChainCheck> Verify() = 0;
};

class NotificationRepository {
 public:
  virtual ~NotificationRepository() = default;
  // Adds those not yet given (one per user, kind and task), and puts each one added in the
  // outbox of every channel on — e-mail only for a user who has an address.
  virtual Status Add(const std::vector<Notification>& notifications, const ReminderChannels& channels) = 0;
  // The user's newest first, at most `limit`, the child's name only where `scope` reaches it;
  // with the count of all unread.
  virtual Result<NotificationPage> Of(const std::string& user_id, const Scope& scope, bool unread_only,
                                      std::int64_t limit) = 0;
  // Marks the user's given notifications (all of them when `ids` is empty) read.
  virtual Status MarkRead(const std::string& user_id, const std::vector<std::string>& ids, const std::string& at) = 0;
};

// Reminders waiting to leave by e-mail or webhook (reminder_outbox.h).
class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;
  // At most `limit` messages due at `now`, each claimed — its attempt counted and put off until
  // `claimed_until` — so another server (or a crash mid-send) does not send it at the same time.
  virtual Result<std::vector<OutgoingReminder>> Claim(const std::string& now, const std::string& claimed_until,
                                                      std::int64_t limit) = 0;
  // Sent (`next_attempt_at` empty and `error` empty), tried again later, or given up (`error`).
  virtual Status Settle(const OutgoingReminder& message, const std::string& sent_at, const std::string& next_attempt_at,
                        const std::string& error) = 0;
};

struct Repositories {
  OrgRepository& orgs;
  UserRepository& users;
  ChildRepository& children;
  ArchiveSettingsRepository& archive;
  TransferRepository& transfers;
  PairingRepository& pairings;
  CareRepository& care;
  NotificationRepository& notifications;
  OutboxRepository& outbox;
  LoginThrottle& throttle;
  SessionRepository& sessions;
  AuditLog& audit;
};

class Store {
 public:
  virtual ~Store() = default;
  using Work = std::function<Status(Repositories&)>;
  virtual Status Write(const Work& work) = 0;
  virtual Status Read(const Work& work) = 0;
  // Whether another write waits for the one running to end its transaction (always, where the
  // database cannot tell): a long write goes on in a new transaction then.
  virtual bool WritesWaiting() = 0;
};

}  // namespace sw::domain

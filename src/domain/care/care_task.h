// Tasks (待办): what is due for a child and by whom. A task comes from a care rule (one per child,
// rule and period), from a signal (五必访: a must-visit due within days) or from a record's
// follow-up. It is done when enough matching records exist in its period; it is late when its
// due day has passed undone. Done counts are kept on the task and recounted whenever a record
// in its period changes, so lists are indexed reads, never a scan of every child.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/care/care_record.h"
#include "domain/pairing/pairing.h"

namespace sw::domain {

struct CareTask {
  std::string id;
  std::string child_id;
  std::string org_id;      // the child's organisation (follows the child while the task is open)
  std::string source;      // rule | signal | follow_up
  std::string source_id;   // the rule's, signal's or record's id
  std::string name;        // the rule's key, the signal's type; empty for a follow-up
  std::vector<std::string> kinds;  // what counts (MatchNames); empty: any record
  std::string helper_role;  // whose task: the holder of this role; empty: exactly helper_id
  std::string helper_id;    // empty while nobody holds the role
  std::string period_start;
  std::string due;          // the period's last day
  std::int64_t required = 1;
  std::int64_t done_count = 0;
  std::string status = "open";  // open | done
  std::string done_on;
  std::string created_at;
  // For answers.
  std::string child_name;
  std::string helper_username;
  std::string helper_name;
};

// open, done, or late: open past its due day (`today`, YYYY-MM-DD in China).
std::string TaskState(const CareTask& task, const std::string& today);

// The kind of record a task wants, for lists: its first kind, or "any".
std::string WantedKind(const CareTask& task);

// Who held which role for a child: its pairings (ended ones too) and the head teachers of the
// organisations its records were made at.
struct RoleHolders {
  std::vector<Pairing> pairings;
  std::vector<std::pair<std::string, std::string>> head_teachers;  // (org id, user id)

  // Whether `user_id` held `role` for the child on `day` (YYYY-MM-DD); for head_teacher, at `org_id`.
  bool Held(const std::string& user_id, const std::string& role, const std::string& day,
            const std::string& org_id) const;
  // Who held `role` on `day` — an open pairing before an ended one; for head_teacher, the head
  // teacher of `org_id`. Empty when nobody did.
  std::string HolderOn(const std::string& role, const std::string& org_id, const std::string& day) const;
};

// Whether `record` counts towards `task`: in its period (for a must-visit or a follow-up, any
// day from its start: done late is still done), of a kind it wants, and made by the task's
// helper — the holder of its role on the record's day. A follow-up nobody owns any more (its
// author left the child) is met by anyone's next record.
bool Counts(const CareRecord& record, const CareTask& task, const RoleHolders& holders);

// 五必访: the observations after which a visit is required (001 report 5).
struct CareSignal {
  std::string id;
  std::string child_id;
  std::string org_id;
  std::string type;         // SignalTypes()
  std::string note;
  std::string observed_on;  // YYYY-MM-DD
  std::string raised_by;
  std::string created_at;
};

// bad_mood, unwell, grades_dropped, late_or_left_early, quarrel.
std::span<const std::string_view> SignalTypes();

// Settings of care work per organisation, inherited down the tree: the nearest organisation
// that sets a value decides it.
struct CareSettings {
  std::int64_t max_children_per_helper = 3;  // 001 report 10: two or three children each
  std::int64_t must_visit_days = 3;          // a signal's visit is due this many days later
  std::int64_t correction_hours = 72;        // how long an author may edit a record
};

// One organisation's own values; nullopt inherits.
struct CareSettingsAt {
  std::string org_id;
  std::optional<std::int64_t> max_children_per_helper;
  std::optional<std::int64_t> must_visit_days;
  std::optional<std::int64_t> correction_hours;
};

// Applies the organisation's values, given nearest first, over the defaults.
CareSettings ResolveSettings(const std::vector<CareSettingsAt>& nearest_first);

// Each value within its bounds, naming the field.
Status ValidateSettings(const CareSettingsAt& settings);

}  // namespace sw::domain

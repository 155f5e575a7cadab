// Care records (帮扶记录): what a helper did for a child — a home visit, a talk, a call with the
// parents, a letter, … — with when, where, who took part, what was said, how the child was
// (mood, health, study: a choice and a note), and what must follow by when (DOMAIN.md §3).
// The author may edit a record for a while (the organisation's correction window); after that
// only a correction can be added beside it. Every earlier version is kept.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/care/evidence.h"

namespace sw::domain {

struct CareRecord {
  std::string id;
  std::string child_id;
  std::string org_id;       // where the child was placed when it happened
  std::string kind;         // RecordKinds()
  std::string letter_to;    // for a letter: parents | child; empty otherwise
  std::string occurred_at;  // FormatUtc
  std::string occurred_on;  // the China date of occurred_at: the day periods count it on
  std::string place, participants, content;
  std::string mood, mood_note;      // StateChoices()
  std::string health, health_note;
  std::string study, study_note;
  std::string follow_up;     // what must follow; empty when nothing
  std::string follow_up_by;  // YYYY-MM-DD when follow_up is set
  std::string author_id;
  std::string author_name;   // for answers
  std::string created_at, updated_at;
  std::int64_t version = 1;
  std::vector<Evidence> evidence;  // for answers: the photos kept, oldest first
};

// A note added after the correction window has closed; the record itself stays as it was.
struct RecordCorrection {
  std::string id;
  std::string record_id;
  std::string at;
  std::string user_id;
  std::string user_name;  // for answers
  std::string note;
};

// An earlier version of a record, kept when its author edited it.
struct RecordRevision {
  std::string record_id;
  std::int64_t version = 0;  // the version this snapshot was
  std::string at;            // when it was replaced
  std::string user_id;
  std::string snapshot;      // the record as JSON text
};

// home_visit, school_visit, talk, parent_call, guardian_talk, letter, family_call, counselling,
// tutoring, material_help, health_check, activity, meeting.
std::span<const std::string_view> RecordKinds();
// good | fair | poor: how the child seemed.
std::span<const std::string_view> StateChoices();

// Counselling notes are the most private data held (DOMAIN.md §4): counsellors alone write and
// read them.
inline bool IsCounselling(std::string_view kind) { return kind == "counselling"; }

// The names a care rule can ask for that this record answers to: its kind, and for a letter
// also "letter_to_parents" or "letter_to_child".
std::vector<std::string> MatchNames(const CareRecord& record);

// Checks the fields a person writes, naming the first bad one; trims nothing, fills in
// occurred_on from occurred_at (China time). `today` (YYYY-MM-DD, China) refuses the future.
Status ValidateRecord(CareRecord& record, const std::string& today);

}  // namespace sw::domain

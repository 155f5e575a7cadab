#include "domain/care/care_record.h"

#include <array>

#include "core/clock.h"
#include "domain/children/field_rules.h"
#include "domain/terms/term.h"

namespace sw::domain {
namespace {

using namespace std::string_view_literals;

// 家访, 校访 (the guardian comes to school), 谈心, 与父母通话, 与监护人谈话, 书信, 亲情电话,
// 心理辅导, 学业辅导, 物质帮助, 健康检查, 活动, 会议.
constexpr std::array kKinds = {"home_visit"sv,   "school_visit"sv, "talk"sv,          "parent_call"sv,
                               "guardian_talk"sv, "letter"sv,       "family_call"sv,   "counselling"sv,
                               "tutoring"sv,      "material_help"sv, "health_check"sv, "activity"sv,
                               "meeting"sv};
constexpr std::array kStates = {"good"sv, "fair"sv, "poor"sv};
constexpr std::array kLetterTo = {"parents"sv, "child"sv};

constexpr std::size_t kShortText = 200;
constexpr std::size_t kNoteText = 2000;
constexpr std::size_t kContentText = 20000;

Status CheckState(const std::string& choice, const std::string& note, const char* field, const char* note_field) {
  if (Status valid = CheckTextField(choice, field, 16, kStates); !valid.ok()) return valid;
  return CheckTextField(note, note_field, kNoteText, {});
}

Status CheckWhen(CareRecord& record, const std::string& today) {
  if (record.occurred_at.empty()) return InvalidField("occurred_at", "required");
  auto at = ParseIso8601(record.occurred_at);
  if (!at) return InvalidField("occurred_at", "invalid_time");
  record.occurred_at = FormatUtc(*at);
  record.occurred_on = FormatDate(ChinaDate(*at));
  if (record.occurred_on > today) return InvalidField("occurred_at", "date_in_future");
  return Status::Ok();
}

Status CheckFollowUp(CareRecord& record) {
  if (Status valid = CheckTextField(record.follow_up, "follow_up", kNoteText, {}); !valid.ok()) return valid;
  if (record.follow_up.empty()) {
    if (!record.follow_up_by.empty()) return InvalidField("follow_up", "required");
    return Status::Ok();
  }
  if (record.follow_up_by.empty()) return InvalidField("follow_up_by", "required");
  auto by = ParseDate(record.follow_up_by);
  if (!by) return InvalidField("follow_up_by", "invalid_time");
  record.follow_up_by = FormatDate(*by);
  if (record.follow_up_by < record.occurred_on) return InvalidField("follow_up_by", "follow_up_before_record");
  return Status::Ok();
}

}  // namespace

std::span<const std::string_view> RecordKinds() { return kKinds; }
std::span<const std::string_view> StateChoices() { return kStates; }

std::vector<std::string> MatchNames(const CareRecord& record) {
  std::vector<std::string> names{record.kind};
  if (!record.letter_to.empty()) names.push_back(record.kind + "_to_" + record.letter_to);
  return names;
}

Status ValidateRecord(CareRecord& record, const std::string& today) {
  if (record.kind.empty()) return InvalidField("kind", "required");
  if (Status kind = CheckTextField(record.kind, "kind", 32, kKinds); !kind.ok()) return kind;
  if (record.kind == "letter" && record.letter_to.empty()) return InvalidField("letter_to", "required");
  if (record.kind != "letter" && !record.letter_to.empty()) return InvalidField("letter_to", "letter_only");
  if (Status to = CheckTextField(record.letter_to, "letter_to", 16, kLetterTo); !to.ok()) return to;
  if (Status when = CheckWhen(record, today); !when.ok()) return when;
  if (Status place = CheckTextField(record.place, "place", kShortText, {}); !place.ok()) return place;
  if (Status who = CheckTextField(record.participants, "participants", kShortText, {}); !who.ok()) return who;
  if (record.content.empty()) return InvalidField("content", "required");
  if (Status content = CheckTextField(record.content, "content", kContentText, {}); !content.ok()) return content;
  if (Status mood = CheckState(record.mood, record.mood_note, "mood", "mood_note"); !mood.ok()) return mood;
  if (Status health = CheckState(record.health, record.health_note, "health", "health_note"); !health.ok()) {
    return health;
  }
  if (Status study = CheckState(record.study, record.study_note, "study", "study_note"); !study.ok()) return study;
  return CheckFollowUp(record);
}

}  // namespace sw::domain

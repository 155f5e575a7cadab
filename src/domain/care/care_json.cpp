#include "domain/care/care_json.h"

namespace sw::domain {
namespace {

nlohmann::json OrNull(const std::string& text) { return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text); }

nlohmann::json State(const std::string& choice, const std::string& note) {
  return {{"choice", OrNull(choice)}, {"note", note}};
}

}  // namespace

nlohmann::json CareRecordJson(const CareRecord& record) {
  return {{"id", record.id},
          {"child", record.child_id},
          {"kind", record.kind},
          {"letter_to", OrNull(record.letter_to)},
          {"occurred_at", record.occurred_at},
          {"occurred_on", record.occurred_on},
          {"place", record.place},
          {"participants", record.participants},
          {"content", record.content},
          {"mood", State(record.mood, record.mood_note)},
          {"health", State(record.health, record.health_note)},
          {"study", State(record.study, record.study_note)},
          {"follow_up", OrNull(record.follow_up)},
          {"follow_up_by", OrNull(record.follow_up_by)},
          {"author", {{"id", record.author_id}, {"display_name", record.author_name}}},
          {"created_at", record.created_at},
          {"updated_at", record.updated_at},
          {"version", record.version},
          {"evidence", [&] {
             nlohmann::json items = nlohmann::json::array();
             for (const Evidence& evidence : record.evidence) items.push_back(EvidenceJson(evidence));
             return items;
           }()}};
}

nlohmann::json EvidenceJson(const Evidence& evidence) {
  return {{"id", evidence.id},
          {"record", evidence.record_id},
          {"media_type", evidence.media_type},
          {"byte_size", evidence.byte_size},
          {"width", evidence.width},
          {"height", evidence.height},
          {"by", {{"id", evidence.uploaded_by}, {"display_name", evidence.uploaded_by_name}}},
          {"uploaded_at", evidence.uploaded_at}};
}

nlohmann::json CorrectionJson(const RecordCorrection& correction) {
  return {{"id", correction.id},
          {"at", correction.at},
          {"by", {{"id", correction.user_id}, {"display_name", correction.user_name}}},
          {"note", correction.note}};
}

nlohmann::json RevisionJson(const RecordRevision& revision) {
  return {{"version", revision.version},
          {"replaced_at", revision.at},
          {"record", nlohmann::json::parse(revision.snapshot, nullptr, false)}};
}

nlohmann::json SignalJson(const CareSignal& signal) {
  return {{"id", signal.id},           {"child", signal.child_id},       {"type", signal.type},
          {"note", signal.note},       {"observed_on", signal.observed_on}, {"created_at", signal.created_at}};
}

nlohmann::json TaskJson(const CareTask& task, const std::string& today) {
  nlohmann::json helper = nullptr;
  if (!task.helper_id.empty()) helper = {{"username", task.helper_username}, {"display_name", task.helper_name}};
  return {{"id", task.id},
          {"child", task.child_id},
          {"child_name", task.child_name},
          {"kind", WantedKind(task)},
          {"kinds", task.kinds},
          {"source", task.source},
          {"name", task.name},
          {"helper_role", OrNull(task.helper_role)},
          {"helper", helper},
          {"period_start", task.period_start},
          {"due", task.due},
          {"required", task.required},
          {"done_count", task.done_count},
          {"status", TaskState(task, today)},
          {"done_on", OrNull(task.done_on)}};
}

nlohmann::json RuleJson(const CareRule& rule) {
  return {{"key", rule.key},
          {"org", rule.org_code},
          {"kinds", rule.kinds},
          {"min_count", rule.min_count},
          {"period", rule.period},
          {"helper_role", rule.helper_role},
          {"active", rule.active},
          {"preset", OrNull(rule.preset)},
          {"version", rule.version},
          {"updated_at", rule.updated_at}};
}

}  // namespace sw::domain

// Care records, corrections, signals and tasks as JSON: what the API answers, and the snapshot a
// revision keeps of a record before its author edited it.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/care/care_record.h"
#include "domain/care/care_rule.h"
#include "domain/care/care_task.h"

namespace sw::domain {

nlohmann::json CareRecordJson(const CareRecord& record);
nlohmann::json EvidenceJson(const Evidence& evidence);
nlohmann::json CorrectionJson(const RecordCorrection& correction);
nlohmann::json RevisionJson(const RecordRevision& revision);
nlohmann::json SignalJson(const CareSignal& signal);
// `today` (YYYY-MM-DD, China) tells open from late.
nlohmann::json TaskJson(const CareTask& task, const std::string& today);
nlohmann::json RuleJson(const CareRule& rule);

}  // namespace sw::domain

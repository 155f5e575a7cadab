// The archive's records as JSON: what the API answers, and what a sending school keeps of a
// child it transferred (the record as it left). ID numbers and phones are masked: the full
// number is only ever the answer to a reveal.
#pragma once

#include <nlohmann/json.hpp>

#include "core/json_writer.h"
#include "domain/children/child_service.h"

namespace sw::domain {

// The child written straight to text, as lists write a page of them (ChildDetail::kSummary);
// ChildJson is the whole record as a tree, for the answers that add to it.
void WriteChildJson(const Child& child, JsonWriter& out, ChildDetail detail = ChildDetail::kRecord);
// Room for one child's summary: about 280 bytes in the generated province.
constexpr std::size_t kChildSummaryJsonBytes = 384;
nlohmann::json ChildJson(const Child& child);
nlohmann::json FamilyJson(const FamilyMember& member);
// The child with its "family" and "history".
nlohmann::json RecordJson(const ChildRecord& record);

}  // namespace sw::domain

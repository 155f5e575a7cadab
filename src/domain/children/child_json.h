// The archive's records as JSON: what the API answers, and what a sending school keeps of a
// child it transferred (the record as it left). Numbers that are masked in lists are masked
// here: the full ID number or phone is only ever the answer to a reveal.
#pragma once

#include <nlohmann/json.hpp>

#include "core/json_writer.h"
#include "domain/children/child_service.h"

namespace sw::domain {

// The child written straight to text, as lists write a page of them; ChildJson is the same
// object as a tree, for the answers that add to it.
void WriteChildJson(const Child& child, JsonWriter& out);
// Room for one child's JSON: about 800 bytes in the generated province.
constexpr std::size_t kChildJsonBytes = 1024;
nlohmann::json ChildJson(const Child& child);
nlohmann::json FamilyJson(const FamilyMember& member);
// The child with its "family" and "history".
nlohmann::json RecordJson(const ChildRecord& record);

}  // namespace sw::domain

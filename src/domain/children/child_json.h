// The archive's records as JSON: what the API answers, and what a sending school keeps of a
// child it transferred (the record as it left). Numbers that are masked in lists are masked
// here: the full ID number or phone is only ever the answer to a reveal.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/children/child_service.h"

namespace sw::domain {

nlohmann::json ChildJson(const Child& child);
nlohmann::json FamilyJson(const FamilyMember& member);
// The child with its "family" and "history".
nlohmann::json RecordJson(const ChildRecord& record);

}  // namespace sw::domain

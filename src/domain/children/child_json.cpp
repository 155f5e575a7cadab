#include "domain/children/child_json.h"

#include "core/identity_numbers.h"

namespace sw::domain {
namespace {

nlohmann::json OptionalJson(const auto& value) { return value ? nlohmann::json(*value) : nlohmann::json(nullptr); }

}  // namespace

nlohmann::json ChildJson(const Child& child) {
  nlohmann::json json = {{"id", child.id}, {"org", child.org_code}, {"version", child.version},
                         {"completeness", child.completeness}, {"created_at", child.created_at},
                         {"updated_at", child.updated_at}};
  for (const auto& field : ChildTextFields()) json[field.name] = child.*field.member;
  json["id_number"] = MaskIdNumber(child.id_number);
  json["grade"] = OptionalJson(child.grade);
  json["boarding"] = OptionalJson(child.boarding);
  json["extra"] = child.extra;
  return json;
}

nlohmann::json FamilyJson(const FamilyMember& member) {
  nlohmann::json json = {{"id", member.id}, {"version", member.version}};
  for (const auto& field : FamilyTextFields()) json[field.name] = member.*field.member;
  json["phone"] = MaskPhone(member.phone);
  json["employer_phone"] = MaskPhone(member.employer_phone);
  json["age"] = OptionalJson(member.age);
  json["months_away"] = OptionalJson(member.months_away);
  return json;
}

nlohmann::json RecordJson(const ChildRecord& record) {
  nlohmann::json json = ChildJson(record.child);
  nlohmann::json history = nlohmann::json::array();
  for (const auto& change : record.history) {
    history.push_back({{"at", change.at}, {"user_id", change.user_id}, {"field", change.field},
                       {"old", change.old_value}, {"new", change.new_value}});
  }
  json["history"] = history;
  nlohmann::json family = nlohmann::json::array();
  for (const auto& member : record.family) family.push_back(FamilyJson(member));
  json["family"] = family;
  return json;
}

}  // namespace sw::domain

#include "domain/children/child_json.h"

#include "core/identity_numbers.h"

namespace sw::domain {
namespace {

nlohmann::json OptionalJson(const auto& value) { return value ? nlohmann::json(*value) : nlohmann::json(nullptr); }

}  // namespace

void WriteChildJson(const Child& child, JsonWriter& out, ChildDetail detail) {
  const bool record = detail == ChildDetail::kRecord;
  out.BeginObject();
  out.Key("id").String(child.id).Key("org").String(child.org_code).Key("version").Int(child.version);
  out.Key("completeness").Int(child.completeness);
  if (record) out.Key("created_at").String(child.created_at).Key("updated_at").String(child.updated_at);
  for (const auto& field : ChildTextFields()) {
    if (!Holds(detail, field)) continue;
    out.Key(field.name);
    // Masked in every answer: the full number is only ever the answer to a reveal.
    if (field.member == &Child::id_number) {
      out.String(MaskIdNumber(child.id_number));
    } else {
      out.String(child.*field.member);
    }
  }
  out.Key("grade").Optional(child.grade);
  if (record) out.Key("boarding").Optional(child.boarding).Key("extra").Object(child.extra);
  out.EndObject();
}

nlohmann::json ChildJson(const Child& child) {
  JsonWriter out;
  WriteChildJson(child, out);
  return nlohmann::json::parse(out.Take());
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

#include "domain/children/child_history.h"

#include <set>

namespace sw::domain {

std::vector<ChildChange> ChildDifferences(const Child& before, const Child& after, const std::string& at,
                                          const std::string& user_id) {
  std::vector<ChildChange> changes;
  auto add = [&](const std::string& field, const std::string& old_value, const std::string& new_value) {
    if (old_value != new_value) changes.push_back({after.id, at, user_id, field, old_value, new_value});
  };
  for (const ChildTextField& field : ChildTextFields()) {
    add(field.name, HistoryValue(before, field), HistoryValue(after, field));
  }
  auto number = [](const std::optional<std::int64_t>& value) { return value ? std::to_string(*value) : ""; };
  auto flag = [](const std::optional<bool>& value) { return value ? (*value ? "true" : "false") : ""; };
  add("grade", number(before.grade), number(after.grade));
  add("boarding", flag(before.boarding), flag(after.boarding));
  add("org", before.org_code, after.org_code);
  std::set<std::string> keys;
  for (const Child* child : {&before, &after}) {
    for (const auto& [key, value] : child->extra) keys.insert(key);
  }
  auto extra = [](const Child& child, const std::string& key) {
    auto value = child.extra.find(key);
    return value == child.extra.end() ? std::string() : value->second;
  };
  for (const std::string& key : keys) add("extra." + key, extra(before, key), extra(after, key));
  return changes;
}

}  // namespace sw::domain

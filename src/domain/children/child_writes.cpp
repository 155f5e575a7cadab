#include "domain/children/child_writes.h"

#include "core/identity_numbers.h"
#include "core/random.h"
#include "domain/children/archive_settings_service.h"
#include "domain/children/child_history.h"

namespace sw::domain {
namespace {

void DropEmptyExtraValues(Child& child) {
  std::erase_if(child.extra, [](const auto& entry) { return entry.second.empty(); });
}

Status RefuseDuplicateIdNumber(Repositories& repos, const Child& child) {
  if (child.id_number.empty()) return Status::Ok();
  auto holder = repos.children.IdOfIdNumber(child.id_number);
  if (!holder.ok()) return holder.status();
  if (*holder && **holder != child.id) return Status::Conflict(**holder).WithReason("duplicate_id_number");
  return Status::Ok();
}

}  // namespace

Status InsertChild(Repositories& repos, Child& child, const std::string& now, const Actor& actor) {
  child.id = RandomHexId();
  child.version = 1;
  child.created_at = child.updated_at = now;
  if (Status ruled = ApplyArchiveRules(repos, child, nullptr); !ruled.ok()) return ruled;
  DropEmptyExtraValues(child);
  if (Status unique = RefuseDuplicateIdNumber(repos, child); !unique.ok()) return unique;
  if (Status inserted = repos.children.Insert(child); !inserted.ok()) return inserted;
  return repos.audit.Append({.at = now, .actor = actor, .action = "child.create", .object_type = "child",
                             .object_id = child.id});
}

Status SaveChild(Repositories& repos, const Child& before, Child& after, const std::string& now, const Actor& actor,
                 const char* action) {
  after.updated_at = now;
  if (Status ruled = ApplyArchiveRules(repos, after, &before); !ruled.ok()) return ruled;
  if (before.id_number != after.id_number) {
    if (Status unique = RefuseDuplicateIdNumber(repos, after); !unique.ok()) return unique;
  }
  if (Status updated = repos.children.Update(after); !updated.ok()) return updated;
  if (Status kept = repos.children.AddHistory(ChildDifferences(before, after, now, actor.user_id)); !kept.ok()) return kept;
  DropEmptyExtraValues(after);
  return repos.audit.Append({.at = now, .actor = actor, .action = action, .object_type = "child",
                             .object_id = after.id});
}

std::vector<ChildChange> FamilyDifferences(const FamilyMember& before, const FamilyMember& after) {
  std::vector<ChildChange> changes;
  auto add = [&](const std::string& field, const std::string& old_value, const std::string& new_value) {
    if (old_value != new_value) changes.push_back({"", "", "", after.relation + "." + field, old_value, new_value});
  };
  for (const FamilyTextField& field : FamilyTextFields()) {
    const bool phone = field.member == &FamilyMember::phone || field.member == &FamilyMember::employer_phone;
    auto shown = [&](const FamilyMember& member) {
      return phone ? MaskPhone(member.*field.member) : member.*field.member;
    };
    add(field.name, shown(before), shown(after));
  }
  auto number = [](const std::optional<std::int64_t>& value) { return value ? std::to_string(*value) : ""; };
  add("age", number(before.age), number(after.age));
  add("months_away", number(before.months_away), number(after.months_away));
  return changes;
}

Result<std::vector<ChildChange>> InsertFamilyMemberOf(Repositories& repos, const std::string& child_id,
                                                      FamilyMember& member, const std::string& now) {
  member.id = RandomHexId();
  member.child_id = child_id;
  member.version = 1;
  member.created_at = member.updated_at = now;
  if (Status added = repos.children.InsertFamilyMember(member); !added.ok()) return added;
  return FamilyDifferences(FamilyMember{.relation = member.relation}, member);
}

Status KeepHistory(Repositories& repos, std::vector<ChildChange> changes, const std::string& child_id,
                   const std::string& now, const Actor& actor) {
  for (ChildChange& change : changes) {
    change.child_id = child_id;
    change.at = now;
    change.user_id = actor.user_id;
  }
  return repos.children.AddHistory(changes);
}

}  // namespace sw::domain

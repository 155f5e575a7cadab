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
  auto holders = repos.children.HoldersOfIdNumbers({child.id_number});
  if (!holders.ok()) return holders.status();
  const auto holder = holders->find(child.id_number);
  if (holder != holders->end() && holder->second != child.id) {
    return Status::Conflict(holder->second).WithReason("duplicate_id_number");
  }
  return Status::Ok();
}

AuditEntry Created(const Child& child, const std::string& now, const Actor& actor) {
  return {.at = now, .actor = actor, .action = "child.create", .object_type = "child", .object_id = child.id};
}

}  // namespace

Status InsertChild(Repositories& repos, Child& child, const std::string& now, const Actor& actor) {
  auto rules = LoadArchiveRules(repos, child.org_id);
  if (!rules.ok()) return rules.status();
  if (Status ready = PrepareNewChild(*rules, child, now); !ready.ok()) return ready;
  if (Status unique = RefuseDuplicateIdNumber(repos, child); !unique.ok()) return unique;
  if (Status inserted = repos.children.Insert(child); !inserted.ok()) return inserted;
  return repos.audit.Append(Created(child, now, actor));
}

Status PrepareNewChild(const ArchiveRules& rules, Child& child, const std::string& now) {
  child.id = NewId();
  child.version = 1;
  child.created_at = child.updated_at = now;
  if (Status ruled = ApplyArchiveRules(rules, child, nullptr); !ruled.ok()) return ruled;
  DropEmptyExtraValues(child);
  return Status::Ok();
}

Status InsertNewChildren(Repositories& repos, std::span<const Child> children, std::span<const FamilyMember> family,
                         const std::string& now, const Actor& actor) {
  if (children.empty()) return Status::Ok();  // a batch of archived children only: nothing to send
  if (Status inserted = repos.children.InsertMany(children); !inserted.ok()) return inserted;
  if (Status added = repos.children.InsertFamilyMembers(family); !added.ok()) return added;
  std::vector<AuditEntry> created;
  created.reserve(children.size());
  for (const Child& child : children) created.push_back(Created(child, now, actor));
  return repos.audit.AppendMany(std::move(created));
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

Result<std::vector<ChildChange>> InsertFamilyMemberOf(Repositories& repos, const Child& child, FamilyMember& member,
                                                      const std::string& now) {
  PrepareFamilyMember(member, child, now);
  if (Status added = repos.children.InsertFamilyMember(member); !added.ok()) return added;
  return FamilyDifferences(FamilyMember{.relation = member.relation}, member);
}

void PrepareFamilyMember(FamilyMember& member, const Child& child, const std::string& now) {
  member.id = NewId();
  member.child_id = child.id;
  member.county_id = child.county_id;
  member.version = 1;
  member.created_at = member.updated_at = now;
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

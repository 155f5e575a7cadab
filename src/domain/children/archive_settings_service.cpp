#include "domain/children/archive_settings_service.h"

#include <algorithm>
#include <map>

#include "core/random.h"
#include "domain/access/in_scope.h"

namespace sw::domain {
namespace {

constexpr std::int64_t kRecomputeBatch = 500;

bool Applies(const std::string& name, const ArchiveRules& rules) {
  constexpr std::string_view kExtra = "extra.";
  return !name.starts_with(kExtra) || FindExtraField(rules, std::string_view(name).substr(kExtra.size()));
}

// Every child below `org_id` gets the completeness of the rules at its own organisation.
Status RecomputeCompleteness(Repositories& repos, const std::string& org_id) {
  std::map<std::string, ArchiveRules> rules_at;
  ChildCursor after;
  for (;;) {
    auto batch = repos.children.Under(org_id, after, kRecomputeBatch);
    if (!batch.ok()) return batch.status();
    for (const Child& child : *batch) {
      auto rules = rules_at.find(child.org_id);
      if (rules == rules_at.end()) {
        auto loaded = LoadArchiveRules(repos, child.org_id);
        if (!loaded.ok()) return loaded.status();
        rules = rules_at.emplace(child.org_id, std::move(loaded).value()).first;
      }
      const int completeness = Completeness(child, rules->second.required);
      if (completeness == child.completeness) continue;
      if (Status set = repos.children.SetCompleteness(child.id, completeness); !set.ok()) return set;
    }
    if (static_cast<std::int64_t>(batch->size()) < kRecomputeBatch) return Status::Ok();
    after = ChildCursor::After(batch->back());
  }
}

ExtraField* DefinedAt(std::vector<ExtraField>& fields, const Org& org, const std::string& key) {
  for (ExtraField& field : fields) {
    if (field.org_id == org.id && field.key == key) return &field;
  }
  return nullptr;
}

}  // namespace

Status ApplyArchiveRules(Repositories& repos, Child& child, const Child* before) {
  auto rules = LoadArchiveRules(repos, child.org_id);
  if (!rules.ok()) return rules.status();
  return ApplyArchiveRules(*rules, child, before);
}

Status ApplyArchiveRules(const ArchiveRules& rules, Child& child, const Child* before) {
  if (before && before->org_id != child.org_id) {
    std::erase_if(child.extra, [&](const auto& entry) {
      auto old = before->extra.find(entry.first);
      return old != before->extra.end() && old->second == entry.second && !FindExtraField(rules, entry.first);
    });
  }
  if (Status valid = ValidateExtraValues(child, rules); !valid.ok()) return valid;
  child.completeness = Completeness(child, rules.required);
  return Status::Ok();
}

Result<ArchiveRules> LoadArchiveRules(Repositories& repos, const std::string& org_id) {
  auto fields = repos.archive.FieldsFor(org_id);
  if (!fields.ok()) return fields.status();
  auto requirement = repos.archive.RequirementFor(org_id);
  if (!requirement.ok()) return requirement.status();
  ArchiveRules rules;
  std::copy_if(fields->begin(), fields->end(), std::back_inserter(rules.fields),
               [](const ExtraField& field) { return field.active; });
  const std::vector<std::string>& names = *requirement ? (*requirement)->fields : DefaultRequiredChildFields();
  std::copy_if(names.begin(), names.end(), std::back_inserter(rules.required),
               [&](const std::string& name) { return Applies(name, rules); });
  if (*requirement) rules.required_set_at = (*requirement)->org_code;
  return rules;
}

Result<ArchiveSettings> ArchiveSettingsService::SettingsAt(Repositories& repos, const Org& org) {
  auto fields = repos.archive.FieldsFor(org.id);
  if (!fields.ok()) return fields.status();
  auto rules = LoadArchiveRules(repos, org.id);
  if (!rules.ok()) return rules.status();
  return ArchiveSettings{org, std::move(fields).value(), std::move(rules).value()};
}

Result<ArchiveSettings> ArchiveSettingsService::Get(const std::string& org_code, const User& caller,
                                                    const Actor& actor) {
  std::optional<ArchiveSettings> settings;
  Status status = OnOrgInScope(store_, clock_, actor, org_code, ScopeFor(caller, Action::kReadOrgs), Access::kRead,
                               [&](const Org& org, Repositories& repos) -> Status {
                                 auto found = SettingsAt(repos, org);
                                 if (found.ok()) settings = std::move(found).value();
                                 return found.status();
                               });
  if (!status.ok()) return status;
  return *settings;
}

Status ArchiveSettingsService::Manage(const std::string& org_code, const User& caller, const Actor& actor,
                                      const char* action,
                                      const std::function<Status(const Org&, Repositories&)>& work) {
  return ChangeOrgInScope(store_, clock_, actor, org_code, ScopeFor(caller, Action::kManageArchive), action, work);
}

Result<ExtraField> ArchiveSettingsService::AddField(const std::string& org_code, ExtraField field, const User& caller,
                                                    const Actor& actor) {
  if (Status valid = ValidateExtraField(field); !valid.ok()) return valid;
  Status status = Manage(org_code, caller, actor, "archive.field_add", [&](const Org& org, Repositories& repos) {
    auto in_use = repos.archive.FieldKeyInUse(org.id, field.key);
    if (!in_use.ok()) return in_use.status();
    if (*in_use) return Status::Conflict("key " + field.key).WithReason("field_key_in_use");
    field.id = NewId();
    field.org_id = org.id;
    field.org_code = org.code;
    field.active = true;
    field.version = 1;
    field.created_at = field.updated_at = FormatUtc(clock_.Now());
    return repos.archive.InsertField(field);
  });
  if (!status.ok()) return status;
  return field;
}

Result<ExtraField> ArchiveSettingsService::UpdateField(const std::string& org_code, const std::string& key,
                                                       const ExtraFieldEdit& edit, const User& caller,
                                                       const Actor& actor) {
  ExtraField saved;
  Status status = Manage(org_code, caller, actor, "archive.field_update", [&](const Org& org, Repositories& repos) {
    auto fields = repos.archive.FieldsFor(org.id);
    if (!fields.ok()) return fields.status();
    ExtraField* field = DefinedAt(*fields, org, key);
    if (!field) return Status::InvalidArgument("key", "not defined here").WithReason("unknown_field");
    if (edit.version != field->version) return Status::Conflict("stale").WithReason("stale_version");
    ExtraField next = *field;
    if (edit.label) next.label = *edit.label;
    if (edit.choices) next.choices = *edit.choices;
    if (edit.active) next.active = *edit.active;
    if (Status valid = ValidateExtraField(next); !valid.ok()) return valid;
    if (Status kept = CheckChoicesKept(*field, next); !kept.ok()) return kept;
    next.updated_at = FormatUtc(clock_.Now());
    if (Status updated = repos.archive.UpdateField(next); !updated.ok()) return updated;
    saved = next;
    // A field leaving or joining the form changes what "complete" means where it is required.
    return next.active == field->active ? Status::Ok() : RecomputeCompleteness(repos, org.id);
  });
  if (!status.ok()) return status;
  return saved;
}

Result<ArchiveSettings> ArchiveSettingsService::ChangeRequirement(
    const std::string& org_code, const User& caller, const Actor& actor, const char* action,
    const std::function<Status(const Org&, Repositories&)>& change) {
  std::optional<ArchiveSettings> settings;
  Status status = Manage(org_code, caller, actor, action, [&](const Org& org, Repositories& repos) {
    if (Status changed = change(org, repos); !changed.ok()) return changed;
    if (Status recomputed = RecomputeCompleteness(repos, org.id); !recomputed.ok()) return recomputed;
    auto now = SettingsAt(repos, org);
    if (now.ok()) settings = std::move(now).value();
    return now.status();
  });
  if (!status.ok()) return status;
  return *settings;
}

Result<ArchiveSettings> ArchiveSettingsService::SetRequired(const std::string& org_code,
                                                            const std::vector<std::string>& names, const User& caller,
                                                            const Actor& actor) {
  return ChangeRequirement(org_code, caller, actor, "archive.required_set", [&](const Org& org, Repositories& repos) {
    auto rules = LoadArchiveRules(repos, org.id);
    if (!rules.ok()) return rules.status();
    if (Status known = CheckRequiredNames(names, *rules); !known.ok()) return known;
    return repos.archive.SetRequirement(org.id, names, FormatUtc(clock_.Now()));
  });
}

Result<ArchiveSettings> ArchiveSettingsService::ClearRequired(const std::string& org_code, const User& caller,
                                                              const Actor& actor) {
  return ChangeRequirement(org_code, caller, actor, "archive.required_clear",
                           [](const Org& org, Repositories& repos) { return repos.archive.ClearRequirement(org.id); });
}

}  // namespace sw::domain

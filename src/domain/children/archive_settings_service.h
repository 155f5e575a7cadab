// Archive settings per organisation: the extra fields a county or school adds, and the fields
// its children's archives must hold to count as complete. Changes need kManageArchive over the
// organisation and are audited; a change that moves the bar recomputes the completeness of every
// child below, in the same transaction, so the archive rate (建档率) is never out of step.
#pragma once

#include "core/clock.h"
#include "domain/access/policy.h"
#include "domain/store.h"

namespace sw::domain {

// What applies at `org_id`: its active extra fields, and the nearest requirement at or above it
// (the default one otherwise), without names of fields that have since been deactivated.
Result<ArchiveRules> LoadArchiveRules(Repositories& repos, const std::string& org_id);

// Checks the child's extra values against the rules at its organisation and sets its
// completeness. After a move (`before` at another organisation), values of fields that do not
// apply at the new place stay in storage but leave the record.
Status ApplyArchiveRules(Repositories& repos, Child& child, const Child* before);
// The same with the rules at the child's organisation already loaded (an import loads them
// once for the many children of a class).
Status ApplyArchiveRules(const ArchiveRules& rules, Child& child, const Child* before);

struct ArchiveSettings {
  Org org;
  std::vector<ExtraField> fields;  // defined here and above, inactive ones too
  ArchiveRules rules;
};

// A change to an extra field: each property when present.
struct ExtraFieldEdit {
  std::int64_t version = 0;
  std::optional<std::string> label;
  std::optional<std::vector<std::string>> choices;  // may grow, never lose a choice
  std::optional<bool> active;
};

class ArchiveSettingsService {
 public:
  ArchiveSettingsService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // For anyone who sees the organisation (forms need the fields).
  Result<ArchiveSettings> Get(const std::string& org_code, const User& caller, const Actor& actor);
  // "archive.field_add"; Conflict (field_key_in_use) when the key is defined above, at or below.
  Result<ExtraField> AddField(const std::string& org_code, ExtraField field, const User& caller, const Actor& actor);
  // "archive.field_update"; only at the organisation that defined the field.
  Result<ExtraField> UpdateField(const std::string& org_code, const std::string& key, const ExtraFieldEdit& edit,
                                 const User& caller, const Actor& actor);
  // "archive.required_set": the organisation's own list, which its subtree inherits.
  Result<ArchiveSettings> SetRequired(const std::string& org_code, const std::vector<std::string>& names,
                                      const User& caller, const Actor& actor);
  // "archive.required_clear": back to what the organisation above requires.
  Result<ArchiveSettings> ClearRequired(const std::string& org_code, const User& caller, const Actor& actor);

 private:
  // Runs `work` on the organisation if the caller may manage its archive settings, then audits
  // `action`; a refusal is audited as access_denied.
  Status Manage(const std::string& org_code, const User& caller, const Actor& actor, const char* action,
                const std::function<Status(const Org&, Repositories&)>& work);
  Result<ArchiveSettings> SettingsAt(Repositories& repos, const Org& org);
  // Runs `change` on the organisation's requirement, recomputes completeness below it and
  // answers the settings as they are now.
  Result<ArchiveSettings> ChangeRequirement(const std::string& org_code, const User& caller, const Actor& actor,
                                            const char* action,
                                            const std::function<Status(const Org&, Repositories&)>& change);

  Store& store_;
  const Clock& clock_;
};

}  // namespace sw::domain

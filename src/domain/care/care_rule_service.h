// Care rules and care settings of an organisation: read by anyone who sees the organisation,
// changed by who may manage care there (a school for itself, a county for its schools). A change
// holds from the next planning of its subtree, which `planned` is told to run at once.
#pragma once

#include <functional>

#include "core/clock.h"
#include "domain/access/policy.h"
#include "domain/store.h"

namespace sw::domain {

struct RulesAt {
  std::vector<CareRule> in_force;  // what holds here, wherever it was set
  std::vector<CareRule> own;       // set at this organisation, active or not
};

struct SettingsAt {
  CareSettings in_force;
  CareSettingsAt own;
};

class CareRuleService {
 public:
  // `replan` is called with an organisation's id after its rules change.
  using Replan = std::function<void(const std::string& org_id)>;
  CareRuleService(Store& store, const Clock& clock, Replan replan)
      : store_(store), clock_(clock), replan_(std::move(replan)) {}

  Result<RulesAt> Rules(const std::string& org_code, const User& caller, const Actor& actor);
  // Adds the rule with its key here, or rewrites this organisation's own one (its version must
  // be current). "care.rule.set".
  Result<CareRule> SaveRule(const std::string& org_code, CareRule rule, const User& caller, const Actor& actor);
  // Saves each rule of the preset here, as it is. "care.rule.set".
  Result<std::vector<CareRule>> AdoptPreset(const std::string& org_code, const std::string& preset,
                                            const User& caller, const Actor& actor);

  Result<SettingsAt> Settings(const std::string& org_code, const User& caller, const Actor& actor);
  // Replaces this organisation's own values ("care.settings.set").
  Result<SettingsAt> SaveSettings(const std::string& org_code, const CareSettingsAt& own, const User& caller,
                                  const Actor& actor);

 private:
  Status Manage(const std::string& org_code, const User& caller, const Actor& actor, const char* action,
                const std::function<Status(const Org&, Repositories&)>& work);
  // Saves `rule` at `org` over any own rule of the same key.
  Status Save(Repositories& repos, const Org& org, CareRule& rule, bool check_version);

  Store& store_;
  const Clock& clock_;
  Replan replan_;
};

}  // namespace sw::domain

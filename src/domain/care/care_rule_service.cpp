#include "domain/care/care_rule_service.h"

#include "core/random.h"
#include "domain/access/in_scope.h"
#include "domain/children/field_rules.h"

namespace sw::domain {
namespace {

std::vector<CareRule> OwnRules(const std::vector<CareRule>& above, const Org& org) {
  std::vector<CareRule> own;
  for (const CareRule& rule : above) {
    if (rule.org_id == org.id) own.push_back(rule);
  }
  return own;
}

Result<SettingsAt> LoadSettings(Repositories& repos, const Org& org) {
  auto above = repos.care.SettingsAbove(org.id);
  if (!above.ok()) return above.status();
  SettingsAt settings{.in_force = ResolveSettings(*above), .own = {.org_id = org.id}};
  if (!above->empty() && above->front().org_id == org.id) settings.own = above->front();
  return settings;
}

}  // namespace

Status CareRuleService::Manage(const std::string& org_code, const User& caller, const Actor& actor, const char* action,
                               const std::function<Status(const Org&, Repositories&)>& work) {
  return ChangeOrgInScope(store_, clock_, actor, org_code, ScopeFor(caller, Action::kManageCare), action, work);
}

Status CareRuleService::Save(Repositories& repos, const Org& org, CareRule& rule, bool check_version) {
  auto above = repos.care.RulesAbove(org.id);
  if (!above.ok()) return above.status();
  rule.org_id = org.id;
  rule.org_code = org.code;
  rule.updated_at = FormatUtc(clock_.Now());
  const std::int64_t asked_version = rule.version;
  rule.id = NewId();
  rule.version = 0;  // a new rule
  for (const CareRule& own : OwnRules(*above, org)) {
    if (own.key != rule.key) continue;
    if (check_version && asked_version != own.version) return Status::Conflict("rule changed").WithReason("stale_version");
    rule.id = own.id;
    rule.version = own.version;
  }
  return repos.care.SaveRule(rule);
}

Result<RulesAt> CareRuleService::Rules(const std::string& org_code, const User& caller, const Actor& actor) {
  RulesAt rules;
  Status status = OnOrgInScope(store_, clock_, actor, org_code, ScopeFor(caller, Action::kReadOrgs), Access::kRead,
                               [&](const Org& org, Repositories& repos) -> Status {
                                 auto above = repos.care.RulesAbove(org.id);
                                 if (!above.ok()) return above.status();
                                 rules.in_force = EffectiveRules(*above);
                                 rules.own = OwnRules(*above, org);
                                 return Status::Ok();
                               });
  if (!status.ok()) return status;
  return rules;
}

Result<CareRule> CareRuleService::SaveRule(const std::string& org_code, CareRule rule, const User& caller,
                                           const Actor& actor) {
  if (Status valid = ValidateRule(rule); !valid.ok()) return valid;
  rule.preset.clear();
  std::string org_id;
  Status status = Manage(org_code, caller, actor, "care.rule.set", [&](const Org& org, Repositories& repos) {
    org_id = org.id;
    return Save(repos, org, rule, true);
  });
  if (!status.ok()) return status;
  replan_(org_id);
  return rule;
}

Result<std::vector<CareRule>> CareRuleService::AdoptPreset(const std::string& org_code, const std::string& preset,
                                                           const User& caller, const Actor& actor) {
  const RulePreset* found = FindPreset(preset);
  if (!found) return InvalidField("preset", "invalid_choice");
  std::vector<CareRule> saved = found->rules;
  std::string org_id;
  Status status = Manage(org_code, caller, actor, "care.rule.set", [&](const Org& org, Repositories& repos) -> Status {
    org_id = org.id;
    for (CareRule& rule : saved) {
      if (Status done = Save(repos, org, rule, false); !done.ok()) return done;
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  replan_(org_id);
  return saved;
}

Result<SettingsAt> CareRuleService::Settings(const std::string& org_code, const User& caller, const Actor& actor) {
  SettingsAt settings;
  Status status = OnOrgInScope(store_, clock_, actor, org_code, ScopeFor(caller, Action::kReadOrgs), Access::kRead,
                               [&](const Org& org, Repositories& repos) -> Status {
                                 auto loaded = LoadSettings(repos, org);
                                 if (loaded.ok()) settings = std::move(loaded).value();
                                 return loaded.status();
                               });
  if (!status.ok()) return status;
  return settings;
}

Result<SettingsAt> CareRuleService::SaveSettings(const std::string& org_code, const CareSettingsAt& own,
                                                 const User& caller, const Actor& actor) {
  if (Status valid = ValidateSettings(own); !valid.ok()) return valid;
  SettingsAt settings;
  Status status = Manage(org_code, caller, actor, "care.settings.set", [&](const Org& org, Repositories& repos) -> Status {
    if (Status saved = repos.care.SaveSettings(org.id, own, FormatUtc(clock_.Now())); !saved.ok()) return saved;
    auto loaded = LoadSettings(repos, org);
    if (loaded.ok()) settings = std::move(loaded).value();
    return loaded.status();
  });
  if (!status.ok()) return status;
  return settings;
}

}  // namespace sw::domain

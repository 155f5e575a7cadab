#include "domain/children/child_service.h"

#include "core/random.h"
#include "domain/access/denial.h"
#include "text/chinese.h"

namespace sw::domain {
namespace {

bool Refusable(const Status& status) {
  return status.code() == StatusCode::kNotFound || status.code() == StatusCode::kPermissionDenied ||
         status.reason() == "unknown_org";
}

// One history row per field whose value differs.
std::vector<ChildChange> Differences(const Child& before, const Child& after, const std::string& at,
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
  return changes;
}

Status DuplicateIdNumber(Repositories& repos, const Child& child) {
  if (child.id_number.empty()) return Status::Ok();
  auto holder = repos.children.IdOfIdNumber(child.id_number);
  if (!holder.ok()) return holder.status();
  if (*holder && **holder != child.id) return Status::Conflict(**holder).WithReason("duplicate_id_number");
  return Status::Ok();
}

}  // namespace

Status ChildService::Refused(Status status, const std::string& id, const Actor& actor) {
  if (!Refusable(status)) return status;
  return Deny(store_, clock_, actor, "child", id, std::move(status));
}

Result<Org> ChildService::PlaceFor(Repositories& repos, const std::string& org_code, const Scope& scope) {
  auto org = repos.orgs.FindByCodeInScope(org_code, scope);
  if (!org.ok()) return org.status();
  if (!*org) return Status::InvalidArgument("org", "unknown or out of reach").WithReason("unknown_org");
  if ((*org)->kind != OrgKind::kSchool && (*org)->kind != OrgKind::kClass) {
    return Status::InvalidArgument("org", "a school or class").WithReason("child_org_kind");
  }
  if (!(*org)->active) return Status::InvalidArgument("org", "inactive").WithReason("parent_inactive");
  return **org;
}

Result<CreatedChild> ChildService::Create(const Child& request, const std::string& org_code, const User& caller,
                                          const Actor& actor) {
  const Scope scope = ScopeFor(caller, Action::kWriteChildren);
  if (scope.empty()) return Refused(Status::PermissionDenied("forbidden"), "", actor);
  CreatedChild created{.child = request, .probable_duplicates = {}};
  Child& child = created.child;
  if (Status valid = ValidateChild(child, Today()); !valid.ok()) return valid;
  const std::string now = FormatUtc(clock_.Now());
  child.id = RandomHexId();
  child.version = 1;
  child.created_at = child.updated_at = now;
  child.completeness = Completeness(child, DefaultRequiredChildFields());
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto place = PlaceFor(repos, org_code, scope);
    if (!place.ok()) return place.status();
    child.org_id = place->id;
    child.org_code = place->code;
    child.county_id = place->county_id;
    if (Status unique = DuplicateIdNumber(repos, child); !unique.ok()) return unique;
    if (Status inserted = repos.children.Insert(child); !inserted.ok()) return inserted;
    auto similar = repos.children.SameNameAndBirth(child, ScopeFor(caller, Action::kReadChildren));
    if (!similar.ok()) return similar.status();
    created.probable_duplicates = std::move(similar).value();
    return repos.audit.Append({.at = now, .actor = actor, .action = "child.create", .object_type = "child",
                               .object_id = child.id});
  });
  if (!status.ok()) return Refused(status, "", actor);
  return created;
}

Result<ChildRecord> ChildService::Get(const std::string& id, const User& caller, const Actor& actor) {
  const Scope scope = ScopeFor(caller, Action::kReadChildren);
  if (scope.empty()) return Refused(Status::PermissionDenied("forbidden"), id, actor);
  std::optional<ChildRecord> record;
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto child = repos.children.FindInScope(id, scope);
    if (!child.ok() || !*child) return child.status();
    auto history = repos.children.History(id);
    if (!history.ok()) return history.status();
    record = ChildRecord{**child, std::move(history).value()};
    return repos.audit.Append({.at = FormatUtc(clock_.Now()), .actor = actor, .action = "child.read",
                               .object_type = "child", .object_id = id});
  });
  if (!status.ok()) return status;
  if (!record) return Refused(Status::NotFound("no child " + id + " in scope"), id, actor);
  return *record;
}

Result<ChildPage> ChildService::List(ChildQuery query, const User& caller, const Actor& actor) {
  query.scope = ScopeFor(caller, Action::kReadChildren);
  if (query.scope.empty()) return Refused(Status::PermissionDenied("forbidden"), "", actor);
  ChildPage page;
  Status status = store_.Read([&](Repositories& repos) -> Status {
    auto listed = repos.children.List(query);
    if (listed.ok()) page = std::move(listed).value();
    return listed.status();
  });
  if (!status.ok()) return status;
  return page;
}

Result<Child> ChildService::Change(const std::string& id, const User& caller, const Actor& actor, const char* action,
                                   const std::function<Status(Child&, Repositories&)>& change) {
  const Scope scope = ScopeFor(caller, Action::kWriteChildren);
  if (scope.empty()) return Refused(Status::PermissionDenied("forbidden"), id, actor);
  Child saved;
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto found = repos.children.FindInScope(id, scope);
    if (!found.ok()) return found.status();
    if (!*found) return Status::NotFound("no child " + id + " in reach");
    const Child before = **found;
    Child after = before;
    if (Status changed = change(after, repos); !changed.ok()) return changed;
    const std::string now = FormatUtc(clock_.Now());
    after.updated_at = now;
    after.completeness = Completeness(after, DefaultRequiredChildFields());
    if (Status updated = repos.children.Update(after); !updated.ok()) return updated;
    if (Status kept = repos.children.AddHistory(Differences(before, after, now, actor.user_id)); !kept.ok()) return kept;
    saved = after;
    return repos.audit.Append({.at = now, .actor = actor, .action = action, .object_type = "child", .object_id = id});
  });
  if (!status.ok()) return Refused(status, id, actor);
  return saved;
}

Result<Child> ChildService::Update(const std::string& id, ChildEdit edit, const User& caller, const Actor& actor) {
  const Scope scope = ScopeFor(caller, Action::kWriteChildren);
  return Change(id, caller, actor, "child.update", [&](Child& child, Repositories& repos) -> Status {
    if (edit.version != child.version) return Status::Conflict("stale").WithReason("stale_version");
    Child next = child;
    if (Status applied = edit.apply(next); !applied.ok()) return applied;
    if (Status valid = ValidateChild(next, Today()); !valid.ok()) return valid;
    if (edit.org_code && *edit.org_code != child.org_code) {
      auto place = PlaceFor(repos, *edit.org_code, scope);
      if (!place.ok()) return place.status();
      next.org_id = place->id;
      next.org_code = place->code;
    }
    if (Status unique = DuplicateIdNumber(repos, next); !unique.ok()) return unique;
    child = next;
    return Status::Ok();
  });
}

Result<Child> ChildService::Archive(const std::string& id, const std::string& reason, const User& caller,
                                    const Actor& actor) {
  const std::string today = FormatDate(Today());
  return Change(id, caller, actor, "child.archive", [&](Child& child, Repositories&) -> Status {
    if (reason.empty()) return Status::InvalidArgument("status_reason", "required").WithReason("required");
    child.status = "archived";
    child.status_reason = reason;
    child.status_date = today;
    return ValidateChild(child, Today());
  });
}

Result<std::string> ChildService::Reveal(const std::string& id, const std::string& field, const std::string& reason,
                                         const User& caller, const Actor& actor) {
  if (field != "id_number") return Status::InvalidArgument("field", "id_number").WithReason("invalid_choice");
  const std::string trimmed = text::NormaliseInput(reason);
  if (trimmed.size() < 2) return Status::InvalidArgument("reason", "required").WithReason("required");
  if (trimmed.size() > 1500) return Status::InvalidArgument("reason", "too long").WithReason("too_long");
  const Scope scope = ScopeFor(caller, Action::kReadChildren);
  if (scope.empty()) return Refused(Status::PermissionDenied("forbidden"), id, actor);
  std::string value;
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto child = repos.children.FindInScope(id, scope);
    if (!child.ok()) return child.status();
    if (!*child) return Status::NotFound("no child " + id + " in scope");
    value = (*child)->id_number;
    const std::string now = FormatUtc(clock_.Now());
    Status kept = repos.children.RecordReveal({id, field, now, actor.user_id, actor.request_id, trimmed});
    if (!kept.ok()) return kept;
    return repos.audit.Append({.at = now, .actor = actor, .action = "child.reveal_id_number", .object_type = "child",
                               .object_id = id});
  });
  if (!status.ok()) return Refused(status, id, actor);
  return value;
}

}  // namespace sw::domain

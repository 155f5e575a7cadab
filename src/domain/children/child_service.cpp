#include "domain/children/child_service.h"

#include "domain/access/denial.h"
#include "domain/children/child_writes.h"
#include "text/chinese.h"

namespace sw::domain {
namespace {

bool Refusable(const Status& status) {
  return status.code() == StatusCode::kNotFound || status.code() == StatusCode::kPermissionDenied ||
         status.reason() == "unknown_org";
}

FamilyMember* FindMember(std::vector<FamilyMember>& family, const std::string& member_id) {
  for (FamilyMember& member : family) {
    if (member.id == member_id) return &member;
  }
  return nullptr;
}

Result<std::string> FamilyPhone(Repositories& repos, const std::string& child_id, const std::string& member_id,
                                const std::string& field) {
  auto family = repos.children.Family(child_id);
  if (!family.ok()) return family.status();
  FamilyMember* member = FindMember(*family, member_id);
  if (!member) return Status::InvalidArgument("member", "no such family member").WithReason("unknown_member");
  return field == "phone" ? member->phone : member->employer_phone;
}

// A reason for showing numbers in full: 2 to 1500 bytes once trimmed.
Result<std::string> RevealReason(const std::string& reason) {
  std::string trimmed = text::NormaliseInput(reason);
  if (trimmed.size() < 2) return Status::InvalidArgument("reason", "required").WithReason("required");
  if (trimmed.size() > 1500) return Status::InvalidArgument("reason", "too long").WithReason("too_long");
  return trimmed;
}

// The reason given for numbers in full, checked; "" when they stay masked.
Result<std::string> UnmaskingReason(const std::string& given) {
  return given.empty() ? Result<std::string>(std::string()) : RevealReason(given);
}

// A child shown with its numbers in full: the reason kept as a reveal of `field`, beside the
// audit row `action`.
Status KeepUnmasked(Repositories& repos, const std::string& child_id, const char* field, const char* action,
                    const std::string& reason, const std::string& now, const Actor& actor) {
  Status kept = repos.children.RecordReveal({child_id, field, now, actor.user_id, actor.request_id, reason});
  if (!kept.ok()) return kept;
  return repos.audit.Append({.at = now, .actor = actor, .action = action, .object_type = "child", .object_id = child_id});
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
  if (Status valid = ValidateChild(child, clock_.Today()); !valid.ok()) return valid;
  const std::string now = FormatUtc(clock_.Now());
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto place = PlaceFor(repos, org_code, scope);
    if (!place.ok()) return place.status();
    child.org_id = place->id;
    child.org_code = place->code;
    child.county_id = place->county_id;
    if (Status inserted = InsertChild(repos, child, now, actor); !inserted.ok()) return inserted;
    auto similar = repos.children.SameNamesAndBirths({&child, 1}, ScopeFor(caller, Action::kReadChildren));
    if (!similar.ok()) return similar.status();
    created.probable_duplicates = std::move(similar).value();
    return Status::Ok();
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
    auto family = repos.children.Family(id);
    if (!family.ok()) return family.status();
    auto history = repos.children.History(id);
    if (!history.ok()) return history.status();
    record = ChildRecord{**child, std::move(family).value(), std::move(history).value()};
    return repos.audit.Append({.at = FormatUtc(clock_.Now()), .actor = actor, .action = "child.read",
                               .object_type = "child", .object_id = id});
  });
  if (!status.ok()) return status;
  if (!record) return Refused(Status::NotFound("no child " + id + " in scope"), id, actor);
  return *record;
}

Result<ChildPage> ChildService::List(ChildQuery query, const User& caller, const Actor& actor) {
  query.scope = ScopeFor(caller, Action::kReadChildren);
  query.detail = ChildDetail::kSummary;  // the whole record is Get's, which audits the read
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

Result<ChildFigures> ChildService::Figures(ChildQuery query, const User& caller, const Actor& actor) {
  query.scope = ScopeFor(caller, Action::kReadChildren);
  if (query.scope.empty()) return Refused(Status::PermissionDenied("forbidden"), "", actor);
  const auto today = clock_.Today();
  // Dates compare as text, so 29 February of a common year still bounds the band correctly.
  auto born_after = [&](int years) {
    return FormatDate(std::chrono::year_month_day{today.year() - std::chrono::years(years), today.month(), today.day()});
  };
  const std::vector<AgeBand> bands = {{"0-5", born_after(6)}, {"6-11", born_after(12)}, {"12-14", born_after(15)},
                                      {"15-17", ""}};
  ChildFigures figures;
  Status status = store_.Read([&](Repositories& repos) -> Status {
    auto counted = repos.children.Figures(query, bands);
    if (counted.ok()) figures = std::move(counted).value();
    return counted.status();
  });
  if (!status.ok()) return status;
  return figures;
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
    if (Status kept = SaveChild(repos, before, after, now, actor, action); !kept.ok()) return kept;
    saved = after;
    return Status::Ok();
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
    if (Status valid = ValidateChild(next, clock_.Today()); !valid.ok()) return valid;
    if (edit.org_code && *edit.org_code != child.org_code) {
      auto place = PlaceFor(repos, *edit.org_code, scope);
      if (!place.ok()) return place.status();
      next.org_id = place->id;
      next.org_code = place->code;
    }
    child = next;
    return Status::Ok();
  });
}

Result<Child> ChildService::Archive(const std::string& id, const std::string& reason, const User& caller,
                                    const Actor& actor) {
  const std::string today = FormatDate(clock_.Today());
  return Change(id, caller, actor, "child.archive", [&](Child& child, Repositories&) -> Status {
    if (reason.empty()) return Status::InvalidArgument("status_reason", "required").WithReason("required");
    child.status = "archived";
    child.status_reason = reason;
    child.status_date = today;
    return ValidateChild(child, clock_.Today());
  });
}

Result<std::string> ChildService::Reveal(const std::string& id, const std::string& field, const std::string& member_id,
                                         const std::string& reason, const User& caller, const Actor& actor) {
  const bool family_phone = field == "phone" || field == "employer_phone";
  if (field != "id_number" && !family_phone) {
    return Status::InvalidArgument("field", "id_number, phone or employer_phone").WithReason("invalid_choice");
  }
  auto trimmed = RevealReason(reason);
  if (!trimmed.ok()) return trimmed.status();
  const Scope scope = ScopeFor(caller, Action::kReadChildren);
  if (scope.empty()) return Refused(Status::PermissionDenied("forbidden"), id, actor);
  std::string value;
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto child = repos.children.FindInScope(id, scope);
    if (!child.ok()) return child.status();
    if (!*child) return Status::NotFound("no child " + id + " in scope");
    auto number = family_phone ? FamilyPhone(repos, id, member_id, field) : Result<std::string>((*child)->id_number);
    if (!number.ok()) return number.status();
    value = *number;
    const std::string now = FormatUtc(clock_.Now());
    Status kept = repos.children.RecordReveal({id, field, now, actor.user_id, actor.request_id, *trimmed});
    if (!kept.ok()) return kept;
    return repos.audit.Append({.at = now, .actor = actor, .action = "child.reveal_" + field, .object_type = "child",
                               .object_id = id});
  });
  if (!status.ok()) return Refused(status, id, actor);
  return value;
}

Result<std::vector<ChildRecord>> ChildService::ForPrint(ChildQuery query, const std::string& unmasked_reason,
                                                        const User& caller, const Actor& actor) {
  const bool unmasked = !unmasked_reason.empty();
  auto reason = UnmaskingReason(unmasked_reason);
  if (!reason.ok()) return reason.status();
  query.scope = ScopeFor(caller, Action::kReadChildren);
  if (query.scope.empty()) return Refused(Status::PermissionDenied("forbidden"), "", actor);
  query.offset = 0;
  query.limit = kMaxPrinted;
  std::vector<ChildRecord> records;
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto page = repos.children.List(query);
    if (!page.ok()) return page.status();
    if (page->total > kMaxPrinted) return Status::InvalidArgument("org", "too many").WithReason("print_too_large");
    const std::string now = FormatUtc(clock_.Now());
    for (Child& child : page->items) {
      auto family = repos.children.Family(child.id);
      if (!family.ok()) return family.status();
      Status audited = unmasked ? KeepUnmasked(repos, child.id, "contact_card", "child.print_unmasked", *reason, now, actor)
                                : repos.audit.Append({.at = now, .actor = actor, .action = "child.print",
                                                      .object_type = "child", .object_id = child.id});
      if (!audited.ok()) return audited;
      records.push_back({std::move(child), std::move(family).value(), {}});
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return records;
}

Status ChildService::Export(ChildQuery query, const std::string& unmasked_reason, const User& caller,
                            const Actor& actor, const std::function<Status(const Child&)>& visit) {
  const bool unmasked = !unmasked_reason.empty();
  auto reason = UnmaskingReason(unmasked_reason);
  if (!reason.ok()) return reason.status();
  query.scope = ScopeFor(caller, Action::kReadChildren);
  if (query.scope.empty()) return Refused(Status::PermissionDenied("forbidden"), "", actor);
  query.offset = 0;
  query.limit = kExportPage;
  query.count_up_to = 0;
  Status audited = store_.Write([&](Repositories& repos) {
    return repos.audit.Append({.at = FormatUtc(clock_.Now()), .actor = actor, .action = "children.export",
                               .object_type = "org", .object_id = query.org_id});
  });
  if (!audited.ok()) return audited;
  for (;;) {
    ChildPage page;
    auto read_page = [&](Repositories& repos) -> Status {
      auto listed = repos.children.List(query);
      if (!listed.ok()) return listed.status();
      page = std::move(listed).value();
      if (!unmasked) return Status::Ok();
      const std::string now = FormatUtc(clock_.Now());
      for (const Child& child : page.items) {
        Status kept = KeepUnmasked(repos, child.id, "export", "child.export_unmasked", *reason, now, actor);
        if (!kept.ok()) return kept;
      }
      return Status::Ok();
    };
    if (Status read = unmasked ? store_.Write(read_page) : store_.Read(read_page); !read.ok()) return read;
    for (const Child& child : page.items) {
      if (Status visited = visit(child); !visited.ok()) return visited;
    }
    if (static_cast<std::int64_t>(page.items.size()) < kExportPage) return Status::Ok();
    query.after_name_sort = SearchKeysOf(page.items.back()).name_sort;
    query.after_id = page.items.back().id;
  }
}

Status ChildService::ChangeFamily(
    const std::string& child_id, const User& caller, const Actor& actor, const char* action,
    const std::function<Result<std::vector<ChildChange>>(const Child&, std::vector<FamilyMember>&, Repositories&,
                                                         const std::string&)>& work) {
  const Scope scope = ScopeFor(caller, Action::kWriteChildren);
  if (scope.empty()) return Refused(Status::PermissionDenied("forbidden"), child_id, actor);
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto child = repos.children.FindInScope(child_id, scope);
    if (!child.ok()) return child.status();
    if (!*child) return Status::NotFound("no child " + child_id + " in reach");
    auto family = repos.children.Family(child_id);
    if (!family.ok()) return family.status();
    const std::string now = FormatUtc(clock_.Now());
    auto changes = work(**child, *family, repos, now);
    if (!changes.ok()) return changes.status();
    if (Status kept = KeepHistory(repos, std::move(changes).value(), child_id, now, actor); !kept.ok()) return kept;
    return repos.audit.Append({.at = now, .actor = actor, .action = action, .object_type = "child",
                               .object_id = child_id});
  });
  return Refused(status, child_id, actor);
}

Result<FamilyMember> ChildService::AddFamilyMember(const std::string& child_id, FamilyMember member,
                                                   const User& caller, const Actor& actor) {
  if (Status valid = ValidateFamilyMember(member); !valid.ok()) return valid;
  Status status = ChangeFamily(child_id, caller, actor, "child.family_add",
                               [&](const Child& child, std::vector<FamilyMember>&, Repositories& repos,
                                   const std::string& now) -> Result<std::vector<ChildChange>> {
                                 return InsertFamilyMemberOf(repos, child, member, now);
                               });
  if (!status.ok()) return status;
  return member;
}

Result<FamilyMember> ChildService::UpdateFamilyMember(const std::string& child_id, const std::string& member_id,
                                                      const FamilyEdit& edit, const User& caller, const Actor& actor) {
  FamilyMember saved;
  Status status = ChangeFamily(child_id, caller, actor, "child.family_update",
                               [&](const Child&, std::vector<FamilyMember>& family, Repositories& repos,
                                   const std::string& now) -> Result<std::vector<ChildChange>> {
                                 FamilyMember* current = FindMember(family, member_id);
                                 if (!current) return Status::NotFound("no such family member");
                                 if (edit.version != current->version) {
                                   return Status::Conflict("stale").WithReason("stale_version");
                                 }
                                 FamilyMember next = *current;
                                 if (Status applied = edit.apply(next); !applied.ok()) return applied;
                                 if (Status valid = ValidateFamilyMember(next); !valid.ok()) return valid;
                                 next.updated_at = now;
                                 if (Status updated = repos.children.UpdateFamilyMember(next); !updated.ok()) return updated;
                                 saved = next;
                                 return FamilyDifferences(*current, next);
                               });
  if (!status.ok()) return status;
  return saved;
}

Status ChildService::RemoveFamilyMember(const std::string& child_id, const std::string& member_id, const User& caller,
                                        const Actor& actor) {
  return ChangeFamily(child_id, caller, actor, "child.family_remove",
                      [&](const Child&, std::vector<FamilyMember>& family, Repositories& repos, const std::string&)
                          -> Result<std::vector<ChildChange>> {
                        FamilyMember* current = FindMember(family, member_id);
                        if (!current) return Status::NotFound("no such family member");
                        if (Status removed = repos.children.DeleteFamilyMember(*current); !removed.ok()) return removed;
                        return FamilyDifferences(*current, FamilyMember{.relation = current->relation});
                      });
}

}  // namespace sw::domain

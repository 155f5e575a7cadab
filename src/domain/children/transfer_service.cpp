#include "domain/children/transfer_service.h"

#include "core/random.h"
#include "domain/access/denial.h"
#include "domain/children/archive_settings_service.h"
#include "domain/children/child_history.h"
#include "domain/children/child_json.h"
#include "domain/orgs/org_service.h"
#include "domain/terms/term.h"
#include "text/chinese.h"

namespace sw::domain {
namespace {

constexpr std::size_t kMaxReasonBytes = 1500;  // about 500 Chinese characters

Result<std::string> CheckedText(const std::string& text, const char* field) {
  std::string trimmed = text::NormaliseInput(text);
  if (trimmed.size() < 2) return Status::InvalidArgument(field, "required").WithReason("required");
  if (trimmed.size() > kMaxReasonBytes) return Status::InvalidArgument(field, "too long").WithReason("too_long");
  return trimmed;
}

// The receiving school's place for the child: the school itself or one of its classes.
Result<Org> PlaceAt(Repositories& repos, const ChildTransfer& transfer, const std::string& place_code,
                    const Scope& scope) {
  auto place = repos.orgs.FindByCodeInScope(place_code.empty() ? transfer.to_org_code : place_code, scope);
  if (!place.ok()) return place.status();
  const bool fits = *place && ((*place)->id == transfer.to_org_id ||
                               ((*place)->kind == OrgKind::kClass && (*place)->parent_id == transfer.to_org_id));
  if (!fits || !(*place)->active) return Status::InvalidArgument("org", "the school or one of its classes").WithReason("unknown_org");
  return **place;
}

// What the sending school keeps: the record, its family and history as they are now, marked
// as transferred out.
Result<std::string> SnapshotOf(Repositories& repos, const Child& child, const ChildTransfer& transfer,
                               const std::string& today) {
  auto family = repos.children.Family(child.id);
  if (!family.ok()) return family.status();
  auto history = repos.children.History(child.id);
  if (!history.ok()) return history.status();
  ChildRecord record{child, std::move(family).value(), std::move(history).value()};
  record.child.status = "transferred_out";
  record.child.status_reason = transfer.reason;
  record.child.status_date = today;
  nlohmann::json json = RecordJson(record);
  json["transferred_to"] = transfer.to_org_code;
  return json.dump();
}

}  // namespace

Status TransferService::Refused(Status status, const std::string& object_id, const Actor& actor) {
  const bool refusal = status.code() == StatusCode::kNotFound || status.code() == StatusCode::kPermissionDenied;
  return refusal ? Deny(store_, clock_, actor, "child", object_id, std::move(status)) : status;
}

Result<ChildTransfer> TransferService::Request(const std::string& child_id, const std::string& to_code,
                                               const std::string& reason, const User& caller, const Actor& actor) {
  auto why = CheckedText(reason, "reason");
  if (!why.ok()) return why.status();
  const Scope scope = ScopeFor(caller, Action::kWriteChildren);
  if (scope.empty()) return Refused(Status::PermissionDenied("forbidden"), child_id, actor);
  ChildTransfer transfer;
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto child = repos.children.FindInScope(child_id, scope);
    if (!child.ok()) return child.status();
    if (!*child) return Status::NotFound("no child " + child_id + " in reach");
    if (!StillAtSchool(**child)) return Status::InvalidArgument("status", "not at school").WithReason("not_at_school");
    auto to = repos.orgs.FindByCode(to_code);
    if (!to.ok()) return to.status();
    if (!*to || (*to)->kind != OrgKind::kSchool || !(*to)->active) {
      return Status::InvalidArgument("to", "an active school").WithReason("transfer_target");
    }
    auto school = SchoolOf(repos, (*child)->org_id);
    if (!school.ok()) return school.status();
    if (school->id == (*to)->id) return Status::InvalidArgument("to", "the same school").WithReason("transfer_target");
    const std::string now = FormatUtc(clock_.Now());
    transfer = ChildTransfer{.id = NewId(), .child_id = child_id, .from_org_id = (*child)->org_id,
                             .from_org_code = (*child)->org_code, .to_org_id = (*to)->id, .to_org_code = (*to)->code,
                             .reason = *why, .requested_at = now, .requested_by = actor.user_id,
                             .child_name = (*child)->name, .child_gender = (*child)->gender,
                             .child_birth_date = (*child)->birth_date, .child_id_number = (*child)->id_number};
    if (Status inserted = repos.transfers.Insert(transfer); !inserted.ok()) return inserted;
    return repos.audit.Append({.at = now, .actor = actor, .action = "child.transfer_request", .object_type = "child",
                               .object_id = child_id});
  });
  if (!status.ok()) return Refused(status, child_id, actor);
  return transfer;
}

Result<ChildTransfer> TransferService::Decide(
    const std::string& id, const User& caller, const Actor& actor, bool sender, const char* audit_action,
    const std::function<Status(ChildTransfer&, Repositories&, const Scope&)>& decide) {
  const Scope scope = ScopeFor(caller, Action::kWriteChildren);
  if (scope.empty()) return Refused(Status::PermissionDenied("forbidden"), id, actor);
  ChildTransfer transfer;
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto found = repos.transfers.Find(id);
    if (!found.ok()) return found.status();
    if (!*found) return Status::NotFound("no transfer " + id);
    transfer = **found;
    auto reaches = repos.transfers.OrgInScope(sender ? transfer.from_org_id : transfer.to_org_id, scope);
    if (!reaches.ok()) return reaches.status();
    if (!*reaches) return Status::NotFound("transfer " + id + " out of reach");
    if (transfer.state != "pending") return Status::Conflict(transfer.state).WithReason("transfer_closed");
    const std::string now = FormatUtc(clock_.Now());
    transfer.decided_at = now;
    transfer.decided_by = actor.user_id;
    if (Status decided = decide(transfer, repos, scope); !decided.ok()) return decided;
    if (Status updated = repos.transfers.Update(transfer); !updated.ok()) return updated;
    return repos.audit.Append({.at = now, .actor = actor, .action = audit_action, .object_type = "child",
                               .object_id = transfer.child_id});
  });
  if (!status.ok()) return Refused(status, id, actor);
  return transfer;
}

Result<ChildTransfer> TransferService::Accept(const std::string& id, const std::string& place_code, const User& caller,
                                              const Actor& actor) {
  const std::string today = FormatDate(clock_.Today());
  auto accepted = Decide(id, caller, actor, false, "child.transfer_accept",
                [&](ChildTransfer& transfer, Repositories& repos, const Scope& scope) -> Status {
                  auto place = PlaceAt(repos, transfer, place_code, scope);
                  if (!place.ok()) return place.status();
                  auto from_school = SchoolOf(repos, transfer.from_org_id);
                  if (!from_school.ok()) return from_school.status();
                  auto child = repos.children.FindInScope(transfer.child_id, Scope{{from_school->id}, ""});
                  if (!child.ok()) return child.status();
                  if (!*child || !StillAtSchool(**child)) {
                    return Status::InvalidArgument("status", "no longer at the sending school").WithReason("not_at_school");
                  }
                  auto snapshot = SnapshotOf(repos, **child, transfer, today);
                  if (!snapshot.ok()) return snapshot.status();
                  transfer.snapshot = *snapshot;
                  transfer.state = "accepted";
                  const Child before = **child;
                  Child moved = before;
                  moved.org_id = place->id;
                  moved.org_code = place->code;
                  moved.county_id = place->county_id;
                  moved.updated_at = transfer.decided_at;
                  if (Status ruled = ApplyArchiveRules(repos, moved, &before); !ruled.ok()) return ruled;
                  if (Status updated = repos.children.Update(moved); !updated.ok()) return updated;
                  return repos.children.AddHistory(ChildDifferences(before, moved, transfer.decided_at, actor.user_id));
                });
  if (accepted.ok()) accepted->snapshot.clear();  // the sender's copy is for the sender
  return accepted;
}

Result<ChildTransfer> TransferService::Decline(const std::string& id, const std::string& note, const User& caller,
                                               const Actor& actor) {
  auto why = CheckedText(note, "note");
  if (!why.ok()) return why.status();
  return Decide(id, caller, actor, false, "child.transfer_decline", [&](ChildTransfer& transfer, Repositories&, const Scope&) {
    transfer.state = "declined";
    transfer.note = *why;
    return Status::Ok();
  });
}

Result<ChildTransfer> TransferService::Withdraw(const std::string& id, const User& caller, const Actor& actor) {
  return Decide(id, caller, actor, true, "child.transfer_withdraw", [](ChildTransfer& transfer, Repositories&, const Scope&) {
    transfer.state = "withdrawn";
    return Status::Ok();
  });
}

Result<TransferPage> TransferService::List(TransferQuery query, const User& caller, const Actor& actor) {
  query.scope = ScopeFor(caller, Action::kReadChildren);
  if (query.scope.empty()) return Refused(Status::PermissionDenied("forbidden"), "", actor);
  TransferPage page;
  Status status = store_.Read([&](Repositories& repos) -> Status {
    auto listed = repos.transfers.List(query);
    if (!listed.ok()) return listed.status();
    page.items = std::move(listed->first);
    page.total = listed->second;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  for (ChildTransfer& transfer : page.items) transfer.snapshot.clear();
  return page;
}

Result<ChildTransfer> TransferService::Get(const std::string& id, const User& caller, const Actor& actor) {
  const Scope scope = ScopeFor(caller, Action::kReadChildren);
  if (scope.empty()) return Refused(Status::PermissionDenied("forbidden"), id, actor);
  std::optional<ChildTransfer> transfer;
  Status status = store_.Write([&](Repositories& repos) -> Status {
    auto found = repos.transfers.Find(id);
    if (!found.ok() || !*found) return found.status();
    auto sending = repos.transfers.OrgInScope((*found)->from_org_id, scope);
    if (!sending.ok()) return sending.status();
    auto receiving = repos.transfers.OrgInScope((*found)->to_org_id, scope);
    if (!receiving.ok()) return receiving.status();
    if (!*sending && !*receiving) return Status::Ok();
    transfer = **found;
    if (!*sending) transfer->snapshot.clear();
    return repos.audit.Append({.at = FormatUtc(clock_.Now()), .actor = actor, .action = "child.transfer_read",
                               .object_type = "child", .object_id = transfer->child_id});
  });
  if (!status.ok()) return status;
  if (!transfer) return Refused(Status::NotFound("no transfer " + id + " in scope"), id, actor);
  return *transfer;
}

}  // namespace sw::domain

#include "domain/care/care_service.h"

#include "core/random.h"
#include "domain/care/care_access.h"
#include "domain/care/care_json.h"
#include "domain/care/care_planner.h"
#include "domain/care/notification_service.h"
#include "domain/children/field_rules.h"
#include "text/chinese.h"

namespace sw::domain {
namespace {

// What a person wrote, trimmed; choices and dates are checked as they are.
void TrimWritten(CareRecord& record) {
  for (std::string* text : {&record.place, &record.participants, &record.content, &record.mood_note,
                            &record.health_note, &record.study_note, &record.follow_up}) {
    *text = text::TrimProse(*text);
  }
}

// `draft` as the new text of `record`: what a person writes, with the record's identity kept.
CareRecord Rewritten(const CareRecord& record, CareRecord draft, const std::string& now) {
  draft.id = record.id;
  draft.child_id = record.child_id;
  draft.org_id = record.org_id;
  draft.author_id = record.author_id;
  draft.author_name = record.author_name;
  draft.created_at = record.created_at;
  draft.version = record.version;
  draft.updated_at = now;
  return draft;
}

// The follow-up a record asks for: a task for its author, met by their next record of the child.
Status OweFollowUp(Repositories& repos, const CareRecord& record, const std::string& now) {
  if (Status dropped = repos.care.DropOpenTasks(record.child_id, "follow_up", record.id); !dropped.ok()) {
    return dropped;
  }
  if (record.follow_up.empty()) return Status::Ok();
  CareTask task{.id = NewId(), .child_id = record.child_id, .org_id = record.org_id, .source = "follow_up",
                .source_id = record.id, .helper_id = record.author_id, .period_start = record.occurred_on,
                .due = record.follow_up_by, .created_at = now};
  return repos.care.InsertTask(task).status();
}

// Each record with the evidence kept for it.
Status WithEvidence(Repositories& repos, std::vector<CareRecord*> records) {
  std::vector<std::string> ids;
  for (const CareRecord* record : records) ids.push_back(record->id);
  auto evidence = repos.care.EvidenceOf(ids);
  if (!evidence.ok()) return evidence.status();
  for (Evidence& photo : *evidence) {
    for (CareRecord* record : records) {
      if (record->id == photo.record_id) record->evidence.push_back(std::move(photo));
    }
  }
  return Status::Ok();
}

}  // namespace

std::string CareService::Today() const { return FormatDate(clock_.Today()); }

Status CareService::Audit(Repositories& repos, const Actor& actor, const char* action, const std::string& child_id) {
  return repos.audit.Append({.at = FormatUtc(clock_.Now()), .actor = actor, .action = action, .object_type = "child",
                             .object_id = child_id});
}

Status CareService::Recording(const std::string& child_id, const std::string& kind, const User& caller,
                              const Actor& actor, const std::function<Status(const Child&, Repositories&)>& work) {
  return RecordingCare(store_, clock_, child_id, kind, caller, actor, work);
}

Status CareService::Reading(const std::string& child_id, const User& caller, const Actor& actor,
                            const std::function<Status(const Child&, bool, Repositories&)>& work) {
  return ReadingCare(store_, clock_, child_id, caller, actor, work);
}

Result<CareRecord> CareService::Add(const std::string& child_id, CareRecord draft, const User& caller,
                                    const Actor& actor) {
  TrimWritten(draft);
  if (Status valid = ValidateRecord(draft, Today()); !valid.ok()) return valid;
  CareRecord record;
  Status status = Recording(child_id, draft.kind, caller, actor, [&](const Child& child, Repositories& repos) -> Status {
    const std::string now = FormatUtc(clock_.Now());
    record = draft;
    record.id = NewId();
    record.child_id = child.id;
    record.org_id = child.org_id;
    record.author_id = caller.id;
    record.author_name = caller.display_name;
    record.created_at = record.updated_at = now;
    record.version = 1;
    if (Status inserted = repos.care.InsertRecord(record); !inserted.ok()) return inserted;
    if (Status owed = OweFollowUp(repos, record, now); !owed.ok()) return owed;
    if (Status planned = PlanChild(repos, child, record.occurred_on, now); !planned.ok()) return planned;
    return Audit(repos, actor, "care.record.add", child.id);
  });
  if (!status.ok()) return status;
  return record;
}

Result<CareRecord> CareService::Edit(const std::string& child_id, const std::string& record_id, CareRecord draft,
                                     const User& caller, const Actor& actor) {
  TrimWritten(draft);
  if (Status valid = ValidateRecord(draft, Today()); !valid.ok()) return valid;
  CareRecord record;
  Status status = Recording(child_id, draft.kind, caller, actor, [&](const Child& child, Repositories& repos) -> Status {
    auto found = repos.care.FindRecord(child.id, record_id);
    if (!found.ok()) return found.status();
    if (!*found) return InvalidField("record", "unknown_record");
    const CareRecord before = **found;
    auto settings = SettingsAt(repos, child.org_id);
    if (!settings.ok()) return settings.status();
    if (Status may = MayRewrite(before, caller, *settings, clock_.Now()); !may.ok()) return may;
    if (IsCounselling(before.kind) != IsCounselling(draft.kind)) return InvalidField("kind", "counselling_kind_fixed");
    if (draft.version != before.version) return Status::Conflict("record changed").WithReason("stale_version");
    const std::string now = FormatUtc(clock_.Now());
    Status kept = repos.care.AddRevision({.record_id = before.id, .version = before.version, .at = now,
                                          .user_id = caller.id, .snapshot = CareRecordJson(before).dump()});
    if (!kept.ok()) return kept;
    record = Rewritten(before, draft, now);
    if (Status updated = repos.care.UpdateRecord(record); !updated.ok()) return updated;
    if (Status kept_evidence = WithEvidence(repos, {&record}); !kept_evidence.ok()) return kept_evidence;
    if (Status owed = OweFollowUp(repos, record, now); !owed.ok()) return owed;
    if (Status planned = PlanChild(repos, child, record.occurred_on, now); !planned.ok()) return planned;
    if (before.occurred_on != record.occurred_on) {
      // The day it left: its tasks there lose the record.
      if (Status recounted = Recount(repos, child, before.occurred_on, before.occurred_on); !recounted.ok()) {
        return recounted;
      }
    }
    return Audit(repos, actor, "care.record.edit", child.id);
  });
  if (!status.ok()) return status;
  return record;
}

Result<RecordCorrection> CareService::Correct(const std::string& child_id, const std::string& record_id,
                                              const std::string& note, const User& caller, const Actor& actor) {
  RecordCorrection correction{.id = NewId(), .record_id = record_id, .at = FormatUtc(clock_.Now()),
                              .user_id = caller.id, .user_name = caller.display_name, .note = text::TrimProse(note)};
  if (correction.note.empty()) return InvalidField("note", "required");
  if (correction.note.size() > 5000) return InvalidField("note", "too_long");
  const Scope changes_child = ScopeFor(caller, Action::kWriteChildren);
  Status status = Reading(child_id, caller, actor, [&](const Child& child, bool counselling, Repositories& repos) -> Status {
    auto found = repos.care.FindRecord(child.id, record_id);
    if (!found.ok()) return found.status();
    if (!*found || (IsCounselling((*found)->kind) && !counselling)) return InvalidField("record", "unknown_record");
    if ((*found)->author_id != caller.id) {
      auto reached = changes_child.empty() ? Result<std::optional<Child>>(std::nullopt)
                                           : repos.children.FindInScope(child.id, changes_child);
      if (!reached.ok()) return reached.status();
      if (!*reached) return Status::PermissionDenied("not the author").WithReason("not_author");
    }
    if (Status added = repos.care.AddCorrection(correction); !added.ok()) return added;
    return Audit(repos, actor, "care.record.correct", child.id);
  });
  if (!status.ok()) return status;
  return correction;
}

Result<RecordPage> CareService::Records(const std::string& child_id, std::int64_t offset, std::int64_t limit,
                                        const User& caller, const Actor& actor) {
  RecordPage page;
  Status status = Reading(child_id, caller, actor, [&](const Child& child, bool counselling, Repositories& repos) -> Status {
    auto found = repos.care.Records(child.id, counselling, offset, limit);
    if (!found.ok()) return found.status();
    page = std::move(found).value();
    std::vector<CareRecord*> listed;
    for (CareRecord& record : page.items) listed.push_back(&record);
    if (Status evidence = WithEvidence(repos, listed); !evidence.ok()) return evidence;
    return Audit(repos, actor, "care.records.read", child.id);
  });
  if (!status.ok()) return status;
  return page;
}

Result<RecordDetail> CareService::Record(const std::string& child_id, const std::string& record_id,
                                         const User& caller, const Actor& actor) {
  RecordDetail detail;
  Status status = Reading(child_id, caller, actor, [&](const Child& child, bool counselling, Repositories& repos) -> Status {
    auto found = repos.care.FindRecord(child.id, record_id);
    if (!found.ok()) return found.status();
    if (!*found || (IsCounselling((*found)->kind) && !counselling)) return Status::NotFound("no such record");
    detail.record = **found;
    if (Status evidence = WithEvidence(repos, {&detail.record}); !evidence.ok()) return evidence;
    auto revisions = repos.care.Revisions(record_id);
    if (!revisions.ok()) return revisions.status();
    detail.revisions = std::move(revisions).value();
    auto corrections = repos.care.Corrections(record_id);
    if (!corrections.ok()) return corrections.status();
    detail.corrections = std::move(corrections).value();
    auto settings = SettingsAt(repos, child.org_id);
    if (!settings.ok()) return settings.status();
    detail.editable_until = FormatUtc(EditableUntil(detail.record, *settings));
    return Audit(repos, actor, "care.record.read", child.id);
  });
  if (!status.ok()) return status;
  return detail;
}

Result<std::pair<CareSignal, CareTask>> CareService::RaiseSignal(const std::string& child_id, CareSignal draft,
                                                                 const User& caller, const Actor& actor) {
  const std::string today = Today();
  draft.note = text::TrimProse(draft.note);
  if (draft.type.empty()) return InvalidField("type", "required");
  if (Status type = CheckTextField(draft.type, "type", 32, SignalTypes()); !type.ok()) return type;
  if (Status note = CheckTextField(draft.note, "note", 5000, {}); !note.ok()) return note;
  if (draft.observed_on.empty()) draft.observed_on = today;
  const auto observed = ParseDate(draft.observed_on);
  if (!observed) return InvalidField("observed_on", "invalid_time");
  draft.observed_on = FormatDate(*observed);
  if (draft.observed_on > today) return InvalidField("observed_on", "date_in_future");
  CareTask task;
  Status status = Recording(child_id, "", caller, actor, [&](const Child& child, Repositories& repos) -> Status {
    const std::string now = FormatUtc(clock_.Now());
    draft.id = NewId();
    draft.child_id = child.id;
    draft.org_id = child.org_id;
    draft.raised_by = caller.id;
    draft.created_at = now;
    if (Status inserted = repos.care.InsertSignal(draft); !inserted.ok()) return inserted;
    auto settings = SettingsAt(repos, child.org_id);
    if (!settings.ok()) return settings.status();
    auto holders = LoadHolders(repos, child);
    if (!holders.ok()) return holders.status();
    task = MustVisitTask(child, draft, settings->must_visit_days, *holders, today, now);
    if (Status owed = repos.care.InsertTask(task).status(); !owed.ok()) return owed;
    // A visit already made that day counts.
    if (Status recounted = Recount(repos, child, draft.observed_on, draft.observed_on); !recounted.ok()) {
      return recounted;
    }
    // The task as it stands now, with its names, for the answer.
    auto stored = repos.care.Tasks({.child_id = child.id, .today = today, .due_from = task.due, .due_to = task.due,
                                    .limit = 100});
    if (!stored.ok()) return stored.status();
    for (const CareTask& listed : stored->items) {
      if (listed.id == task.id) task = listed;
    }
    auto head_teachers = repos.care.HeadTeachers({child.org_id});
    if (!head_teachers.ok()) return head_teachers.status();
    std::vector<std::string> teachers;
    for (const auto& [org_id, user_id] : *head_teachers) teachers.push_back(user_id);
    if (Status told = repos.notifications.Add(RemindersOfSignal(draft, task, teachers, caller.id), channels_); !told.ok()) {
      return told;
    }
    return Audit(repos, actor, "care.signal", child.id);
  });
  if (!status.ok()) return status;
  return std::make_pair(draft, task);
}

Result<std::vector<CareSignal>> CareService::Signals(const std::string& child_id, const User& caller,
                                                     const Actor& actor) {
  std::vector<CareSignal> signals;
  Status status = Reading(child_id, caller, actor, [&](const Child& child, bool, Repositories& repos) -> Status {
    auto found = repos.care.Signals(child.id);
    if (!found.ok()) return found.status();
    signals = std::move(found).value();
    return Audit(repos, actor, "care.signals.read", child.id);
  });
  if (!status.ok()) return status;
  return signals;
}

}  // namespace sw::domain

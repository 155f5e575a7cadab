#include "domain/care/evidence_service.h"

#include <algorithm>

#include "core/random.h"
#include "domain/care/care_access.h"
#include "domain/children/field_rules.h"

namespace sw::domain {
namespace {

const Evidence* FindEvidence(const std::vector<Evidence>& evidence, const std::string& id) {
  auto found = std::find_if(evidence.begin(), evidence.end(), [&](const Evidence& one) { return one.id == id; });
  return found == evidence.end() ? nullptr : &*found;
}

}  // namespace

Status EvidenceService::Audit(Repositories& repos, const Actor& actor, const char* action,
                              const std::string& child_id) {
  return repos.audit.Append({.at = FormatUtc(clock_.Now()), .actor = actor, .action = action, .object_type = "child",
                             .object_id = child_id});
}

Result<EvidenceService::Found> EvidenceService::FindRecord(Repositories& repos, const Child& child,
                                                           const std::string& record_id, bool sees_counselling,
                                                           const User& caller) {
  auto record = repos.care.FindRecord(child.id, record_id);
  if (!record.ok()) return record.status();
  const bool hidden = *record && IsCounselling((*record)->kind) && !sees_counselling && (*record)->author_id != caller.id;
  if (!*record || hidden) return Status::NotFound("no such record");
  auto evidence = repos.care.EvidenceOf({record_id});
  if (!evidence.ok()) return evidence.status();
  return Found{**record, std::move(evidence).value()};
}

Result<Evidence> EvidenceService::Add(const std::string& child_id, const std::string& record_id,
                                      std::string_view upload, const User& caller, const Actor& actor) {
  if (upload.empty()) return InvalidField("file", "required");
  // Decoding is the slow part: done before the transaction, so no other write waits on it.
  auto clean = cleaner_.Clean(upload);
  if (!clean.ok()) return clean.status();
  Evidence evidence{.id = NewId(), .record_id = record_id, .child_id = child_id,
                    .media_type = clean->media_type, .byte_size = static_cast<std::int64_t>(clean->bytes.size()),
                    .width = clean->width, .height = clean->height, .uploaded_by = caller.id,
                    .uploaded_by_name = caller.display_name, .uploaded_at = FormatUtc(clock_.Now())};
  // Only the author adds evidence, so they see their record even when it is counselling.
  Status status = RecordingCare(store_, clock_, child_id, "", caller, actor, [&](const Child& child,
                                                                                Repositories& repos) -> Status {
    auto found = FindRecord(repos, child, record_id, false, caller);
    if (!found.ok()) return found.status();
    auto settings = SettingsAt(repos, child.org_id);
    if (!settings.ok()) return settings.status();
    if (Status may = MayRewrite(found->record, caller, *settings, clock_.Now()); !may.ok()) return may;
    if (found->evidence.size() >= kPerRecord) {
      return Status::Conflict(std::to_string(kPerRecord)).WithReason("too_much_evidence");
    }
    if (Status inserted = repos.care.InsertEvidence(evidence); !inserted.ok()) return inserted;
    if (Status stored = files_.Put(evidence.id, *clean); !stored.ok()) return stored;
    return Audit(repos, actor, "care.evidence.add", child.id);
  });
  if (!status.ok()) {
    (void)files_.Remove(evidence.id);  // the row was not kept: neither are the files
    return status;
  }
  return evidence;
}

Result<std::string> EvidenceService::Image(const std::string& child_id, const std::string& record_id,
                                           const std::string& evidence_id, bool thumbnail, const User& caller,
                                           const Actor& actor) {
  std::string bytes;
  Status status = ReadingCare(store_, clock_, child_id, caller, actor, [&](const Child& child, bool counselling,
                                                                          Repositories& repos) -> Status {
    auto found = FindRecord(repos, child, record_id, counselling, caller);
    if (!found.ok()) return found.status();
    if (!FindEvidence(found->evidence, evidence_id)) return Status::NotFound("no such evidence");
    auto read = files_.Read(evidence_id, thumbnail);
    if (!read.ok()) return read.status();
    bytes = std::move(read).value();
    return Audit(repos, actor, "care.evidence.read", child.id);
  });
  if (!status.ok()) return status;
  return bytes;
}

Status EvidenceService::Remove(const std::string& child_id, const std::string& record_id,
                               const std::string& evidence_id, const User& caller, const Actor& actor) {
  Status status = RecordingCare(store_, clock_, child_id, "", caller, actor, [&](const Child& child,
                                                                                Repositories& repos) -> Status {
    auto found = FindRecord(repos, child, record_id, false, caller);
    if (!found.ok()) return found.status();
    if (!FindEvidence(found->evidence, evidence_id)) return Status::NotFound("no such evidence");
    auto settings = SettingsAt(repos, child.org_id);
    if (!settings.ok()) return settings.status();
    if (Status may = MayRewrite(found->record, caller, *settings, clock_.Now()); !may.ok()) return may;
    if (Status removed = repos.care.RemoveEvidence(evidence_id, caller.id, FormatUtc(clock_.Now())); !removed.ok()) {
      return removed;
    }
    return Audit(repos, actor, "care.evidence.remove", child.id);
  });
  if (!status.ok()) return status;
  // After the commit: a failure here leaves a file nobody can reach, never a row without a file.
  return files_.Remove(evidence_id);
}

}  // namespace sw::domain

// Care records and signals for one child: written by who may record care for the child (a
// helper for the children paired with them), read by who may read the child; counselling only
// by counsellors. Each write lands with its audit row and keeps the child's tasks counted.
#pragma once

#include "core/clock.h"
#include "domain/access/policy.h"
#include "domain/store.h"

namespace sw::domain {

struct RecordDetail {
  CareRecord record;
  std::vector<RecordRevision> revisions;     // oldest first
  std::vector<RecordCorrection> corrections;  // oldest first
  std::string editable_until;                 // FormatUtc: the end of the correction window
};

class CareService {
 public:
  // `channels`: where the reminders it gives are also sent (reminder_outbox.h).
  CareService(Store& store, const Clock& clock, ReminderChannels channels = {})
      : store_(store), clock_(clock), channels_(channels) {}

  // "care.record.add". A follow-up asked for becomes a task for the author, due on its day.
  Result<CareRecord> Add(const std::string& child_id, CareRecord draft, const User& caller, const Actor& actor);
  // The author, inside the correction window, replaces the record's fields ("care.record.edit");
  // the version it had is kept. Conflict correction_window_closed after it, stale_version when
  // `draft.version` is not current; PermissionDenied not_author for anyone else.
  Result<CareRecord> Edit(const std::string& child_id, const std::string& record_id, CareRecord draft,
                          const User& caller, const Actor& actor);
  // A note beside the record, by its author or by who may change the child ("care.record.correct").
  Result<RecordCorrection> Correct(const std::string& child_id, const std::string& record_id, const std::string& note,
                                   const User& caller, const Actor& actor);
  // Newest first ("care.records.read").
  Result<RecordPage> Records(const std::string& child_id, std::int64_t offset, std::int64_t limit, const User& caller,
                             const Actor& actor);
  // One record with its revisions and corrections ("care.record.read").
  Result<RecordDetail> Record(const std::string& child_id, const std::string& record_id, const User& caller,
                              const Actor& actor);
  // 五必访: the observation, and a must-visit for the main helper due within the organisation's
  // must_visit_days ("care.signal"). `observed_on` empty: today.
  Result<std::pair<CareSignal, CareTask>> RaiseSignal(const std::string& child_id, CareSignal draft,
                                                      const User& caller, const Actor& actor);
  // The child's signals, newest first ("care.signals.read").
  Result<std::vector<CareSignal>> Signals(const std::string& child_id, const User& caller, const Actor& actor);

 private:
  // Work on the child when the caller may record care for it; for counselling, when the caller
  // also reaches the child as a counsellor.
  Status Recording(const std::string& child_id, const std::string& kind, const User& caller, const Actor& actor,
                   const std::function<Status(const Child&, Repositories&)>& work);
  Status Reading(const std::string& child_id, const User& caller, const Actor& actor,
                 const std::function<Status(const Child&, bool counselling, Repositories&)>& work);
  Status Audit(Repositories& repos, const Actor& actor, const char* action, const std::string& child_id);
  std::string Today() const;

  Store& store_;
  const Clock& clock_;
  ReminderChannels channels_;
};

}  // namespace sw::domain

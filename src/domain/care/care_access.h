// Who reaches a child's care, shared by the services of records and of their evidence: writing
// care needs the scope of kRecordCare (of kReadCounselling for counselling), reading it the scope
// of kReadChildren, and counselling is seen only by who also reaches the child as a counsellor.
#pragma once

#include <functional>

#include "core/clock.h"
#include "domain/access/policy.h"
#include "domain/store.h"

namespace sw::domain {

// Runs `work` in a write transaction when the caller may record care of `kind` for the child;
// refusals are audited (in_scope.h).
Status RecordingCare(Store& store, const Clock& clock, const std::string& child_id, const std::string& kind,
                     const User& caller, const Actor& actor,
                     const std::function<Status(const Child&, Repositories&)>& work);

// Runs `work` in a write transaction (reading care writes its audit row) when the caller may
// read the child; `counselling` says whether they may see its counselling records.
Status ReadingCare(Store& store, const Clock& clock, const std::string& child_id, const User& caller,
                   const Actor& actor,
                   const std::function<Status(const Child&, bool counselling, Repositories&)>& work);

// The care settings in force at the organisation.
Result<CareSettings> SettingsAt(Repositories& repos, const std::string& org_id);

// The end of the record's correction window.
TimePoint EditableUntil(const CareRecord& record, const CareSettings& settings);

// Only the author rewrites a record (PermissionDenied not_author), and only inside the window
// (Conflict correction_window_closed).
Status MayRewrite(const CareRecord& record, const User& caller, const CareSettings& settings, TimePoint now);

}  // namespace sw::domain

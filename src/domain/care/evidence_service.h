// Photos and scans of a care record. The record's author adds and removes them while the record
// may still be edited; whoever may read the record sees them (counselling: counsellors only).
// Every read of a photo is audited like a read of the record.
#pragma once

#include "core/clock.h"
#include "domain/access/policy.h"
#include "domain/care/evidence.h"
#include "domain/store.h"

namespace sw::domain {

class EvidenceService {
 public:
  EvidenceService(Store& store, const Clock& clock, const ImageCleaner& cleaner, EvidenceFiles& files)
      : store_(store), clock_(clock), cleaner_(cleaner), files_(files) {}

  // Cleans the upload (image_cleaner.h) and keeps it beside the record ("care.evidence.add").
  // InvalidArgument("file", …) for what is not a photo; Conflict too_much_evidence past
  // kPerRecord; the record's rules of rewriting (care_access.h: MayRewrite).
  Result<Evidence> Add(const std::string& child_id, const std::string& record_id, std::string_view upload,
                       const User& caller, const Actor& actor);
  // The image, or its thumbnail ("care.evidence.read"); NotFound for a removed one.
  Result<std::string> Image(const std::string& child_id, const std::string& record_id,
                            const std::string& evidence_id, bool thumbnail, const User& caller, const Actor& actor);
  // Keeps who removed it and when, deletes the files ("care.evidence.remove").
  Status Remove(const std::string& child_id, const std::string& record_id, const std::string& evidence_id,
                const User& caller, const Actor& actor);

  static constexpr std::size_t kPerRecord = 9;

 private:
  // The record and its kept evidence, when the record is the child's and the caller sees it
  // (counselling: who sees the child's counselling, or wrote the record).
  struct Found {
    CareRecord record;
    std::vector<Evidence> evidence;
  };
  Result<Found> FindRecord(Repositories& repos, const Child& child, const std::string& record_id,
                           bool sees_counselling, const User& caller);
  Status Audit(Repositories& repos, const Actor& actor, const char* action, const std::string& child_id);

  Store& store_;
  const Clock& clock_;
  const ImageCleaner& cleaner_;
  EvidenceFiles& files_;
};

}  // namespace sw::domain

// The child archive: create, read, list, change and archive, each inside the caller's scope
// (kReadChildren to read, kWriteChildren to change) and audited in the same transaction. A
// child outside the scope is answered as unknown, with an access_denied audit row.
#pragma once

#include <functional>

#include "core/clock.h"
#include "domain/access/policy.h"
#include "domain/store.h"

namespace sw::domain {

// A change to a record: the version it was made on, and what to change (applied to the
// current record; the result is validated as a whole).
struct ChildEdit {
  std::int64_t version = 0;
  std::function<Status(Child&)> apply;
  std::optional<std::string> org_code;  // a move to another school or class in reach
};

struct CreatedChild {
  Child child;
  std::vector<Child> probable_duplicates;  // same name and birth date, in the caller's scope
};

struct ChildRecord {
  Child child;
  std::vector<FamilyMember> family;
  std::vector<ChildChange> history;
};

// A change to a parent's or guardian's record, like ChildEdit.
struct FamilyEdit {
  std::int64_t version = 0;
  std::function<Status(FamilyMember&)> apply;
};

class ChildService {
 public:
  ChildService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Validates and stores a new record under `org_code` (a school or class in the caller's
  // write scope). Conflict with reason duplicate_id_number when the ID number is already
  // archived; the status's detail is then that child's id, for the answer to point at.
  Result<CreatedChild> Create(const Child& child, const std::string& org_code, const User& caller,
                              const Actor& actor);
  // The record with its history ("child.read" is audited).
  Result<ChildRecord> Get(const std::string& id, const User& caller, const Actor& actor);
  // The page of children the caller may read, as summaries (ChildDetail); `query.scope` is set
  // here. Roles that read no child data (the admins) are refused with PermissionDenied, and
  // audited.
  Result<ChildPage> List(ChildQuery query, const User& caller, const Actor& actor);
  // Counts of the children the query matches, for an official's home page; age bands 0–5, 6–11,
  // 12–14 and 15–17 years by today's date.
  Result<ChildFigures> Figures(ChildQuery query, const User& caller, const Actor& actor);
  // Conflict with reason stale_version when the record changed after `edit.version`.
  Result<Child> Update(const std::string& id, ChildEdit edit, const User& caller, const Actor& actor);
  // A masked number in full — the child's "id_number", or the "phone" or "employer_phone" of
  // the family member `member_id` — for a reason of 2 to 500 characters that is kept with the
  // audit row ("child.reveal_<field>"). Anyone who may read the child may reveal it.
  Result<std::string> Reveal(const std::string& id, const std::string& field, const std::string& member_id,
                             const std::string& reason, const User& caller, const Actor& actor);

  // Records with their family (no history) to print contact cards or a class register, in list
  // order; more than kMaxPrinted children is InvalidArgument("org", print_too_large). Each child
  // printed is audited ("child.print"); with an `unmasked_reason` — phones in full — as
  // "child.print_unmasked", the reason kept in number_reveals like a reveal's.
  static constexpr std::int64_t kMaxPrinted = 1000;
  Result<std::vector<ChildRecord>> ForPrint(ChildQuery query, const std::string& unmasked_reason, const User& caller,
                                            const Actor& actor);

  // Every child the query matches, in list order, read kExportPage at a time and handed to
  // `visit`: an export of any size in the memory of a page. Audited once as "children.export"
  // (the organisation filtered on, or none); with an `unmasked_reason` — ID numbers in full —
  // each child as "child.export_unmasked", its reason kept in number_reveals, before the page
  // leaves.
  static constexpr std::int64_t kExportPage = 1000;
  Status Export(ChildQuery query, const std::string& unmasked_reason, const User& caller, const Actor& actor,
                const std::function<Status(const Child&)>& visit);

  // Parents and guardians, changed by those who may change the child ("child.family_add",
  // "child.family_update", "child.family_remove"); each change is kept in the child's history
  // under "<relation>.<field>".
  Result<FamilyMember> AddFamilyMember(const std::string& child_id, FamilyMember member, const User& caller,
                                       const Actor& actor);
  Result<FamilyMember> UpdateFamilyMember(const std::string& child_id, const std::string& member_id,
                                          const FamilyEdit& edit, const User& caller, const Actor& actor);
  Status RemoveFamilyMember(const std::string& child_id, const std::string& member_id, const User& caller,
                            const Actor& actor);
  // Archiving is the only deletion: the record stays, with status "archived".
  Result<Child> Archive(const std::string& id, const std::string& reason, const User& caller, const Actor& actor);

 private:
  Result<Org> PlaceFor(Repositories& repos, const std::string& org_code, const Scope& scope);
  // Loads the child in the caller's write scope, applies `change`, records history, saves and
  // audits `action`; refusals are audited as access_denied.
  Result<Child> Change(const std::string& id, const User& caller, const Actor& actor, const char* action,
                       const std::function<Status(Child&, Repositories&)>& change);
  Status Refused(Status status, const std::string& id, const Actor& actor);
  // Runs `work` on the child's family if the child is in the caller's write scope, then audits
  // `action`; `work` gets the child, the current time, and returns the history rows to keep.
  Status ChangeFamily(const std::string& child_id, const User& caller, const Actor& actor, const char* action,
                      const std::function<Result<std::vector<ChildChange>>(
                          const Child&, std::vector<FamilyMember>&, Repositories&, const std::string&)>& work);

  Store& store_;
  const Clock& clock_;
};

}  // namespace sw::domain

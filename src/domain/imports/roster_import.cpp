#include "domain/imports/roster_import.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "domain/access/denial.h"
#include "domain/children/archive_settings_service.h"
#include "domain/children/child_history.h"
#include "domain/children/child_writes.h"
#include "domain/imports/class_names.h"
#include "domain/imports/name_ordered_rows.h"
#include "domain/orgs/org_service.h"
#include "text/chinese.h"

namespace sw::domain {

// Where the rows go: the school, its classes, and the class every row goes to when the import
// was given one.
struct ImportPlace {
  Org school;
  std::optional<Org> fixed_class;
  std::vector<Org> classes;
};

namespace {

// A header is looked for among the first rows only: a sheet without one is not a roster.
constexpr std::size_t kHeaderSearchRows = 30;

Status InvalidImport(const std::string& field, const char* reason) {
  return Status::InvalidArgument(field, reason).WithReason(reason);
}

void AddProblem(std::vector<RowProblem>& listed, std::int64_t& counted, RowProblem problem) {
  ++counted;
  if (listed.size() < ImportReport::kMaxListed) listed.push_back(std::move(problem));
}

Result<ImportPlace> FindPlace(Repositories& repos, const std::string& org_code, const Authority& authority) {
  auto org = authority.IsOperator() ? repos.orgs.FindByCode(org_code)
                                    : repos.orgs.FindByCodeInScope(org_code, *authority.scope);
  if (!org.ok()) return org.status();
  if (!*org) return InvalidImport("org", "unknown_org");
  if ((*org)->kind != OrgKind::kSchool && (*org)->kind != OrgKind::kClass) return InvalidImport("org", "child_org_kind");
  if (!(*org)->active) return InvalidImport("org", "parent_inactive");
  ImportPlace place;
  auto school = SchoolOf(repos, (*org)->id);
  if (!school.ok()) return school.status();
  place.school = *school;
  if ((*org)->kind == OrgKind::kClass) place.fixed_class = **org;
  auto under = repos.orgs.ListInScope(Scope{.root_org_ids = {place.school.id}, .paired_with_user_id = {}});
  if (!under.ok()) return under.status();
  for (Org& each : *under) {
    if (each.kind == OrgKind::kClass && each.active) place.classes.push_back(std::move(each));
  }
  return place;
}

// The file's class names matched with the school's classes, each name once.
class ClassMatcher {
 public:
  explicit ClassMatcher(const std::vector<Org>& classes) : classes_(classes) {}

  // Counts a row of the class `written` names, planning a new class when the school has none such.
  void Count(const std::string& written) {
    std::lock_guard lock(mutex_);
    const auto [known, added] = by_written_.try_emplace(written, matched_.size());
    if (added) {
      const Org* org = Find(written);
      orgs_.push_back(org);
      matched_.push_back({.written = written, .code = org ? org->code : "",
                          .name = org ? org->name : NewClassName(written), .exists = org != nullptr, .rows = 0});
    }
    ++matched_[known->second].rows;
  }
  // The existing class `written` names (counted before); nullptr for one still to create.
  const Org* OrgOf(const std::string& written) const {
    std::lock_guard lock(mutex_);
    return orgs_[by_written_.at(written)];
  }
  // Once no batch is in flight.
  std::vector<ImportClass>& matched() { return matched_; }

 private:
  static std::string NewClassName(const std::string& written) {
    const auto place = ParseClassName(written);
    return place ? ClassNameOf(*place) : written;
  }

  const Org* Find(const std::string& written) const {
    const auto place = ParseClassName(written);
    const std::string comparable = ComparableClassName(written);
    for (const Org& org : classes_) {
      const auto org_place = ParseClassName(org.name);
      if ((place && org_place && *place == *org_place) || ComparableClassName(org.name) == comparable) return &org;
    }
    return nullptr;
  }

  const std::vector<Org>& classes_;
  // The rows are read on one thread while a batch is weighed on another (BatchesInTurn).
  mutable std::mutex mutex_;
  std::map<std::string, std::size_t> by_written_;
  std::vector<const Org*> orgs_;
  std::vector<ImportClass> matched_;
};

// Codes for the classes to create: <school>-<grade>-<number> as the demo's, or <school>-c<n>
// for a name without a grade, made unique against the tree.
Status PlanClassCodes(Repositories& repos, const Org& school, std::vector<ImportClass>& classes) {
  std::set<std::string> planned;
  const std::string stem = school.code.substr(0, 24) + "-";
  std::int64_t unnamed = 0;
  for (ImportClass& each : classes) {
    if (each.exists) continue;
    const auto place = ParseClassName(each.name);
    const std::string base = place ? stem + std::to_string(place->grade) + "-" + std::to_string(place->number)
                                   : stem + "c" + std::to_string(++unnamed);
    for (int attempt = 1; each.code.empty(); ++attempt) {
      const std::string code = attempt == 1 ? base : base + "-" + std::to_string(attempt);
      auto taken = repos.orgs.FindByCode(code);
      if (!taken.ok()) return taken.status();
      if (!*taken && planned.insert(code).second) each.code = code;
    }
  }
  return Status::Ok();
}

// The column as the file heads it of a field a problem names ("id_number", "father.phone").
std::string ColumnFor(const ImportReport& report, const std::string& field) {
  for (const ImportColumn& column : report.columns) {
    if (column.target == field) return column.header;
  }
  return FieldLabel(field);
}

// What a batch's weighing found: its rows' outcomes and the refusals that belong to a row.
struct Tally {
  std::int64_t created = 0, updated = 0, unchanged = 0;
  std::vector<RowProblem> errors;  // their column given when added to the report
  std::vector<std::string> name_keys;  // each row's child's name_sort, when the rows are kept
};

// Weighs the batches on a thread of its own while the next are read: on two cores, the reading
// of rows (a third of an import's instructions) overlaps the database's work. One thread for the
// pass, so what it keeps per thread (the pinyin read) serves every batch. The batches are weighed
// in the order read, one weighing at a time, and the reading runs a batch ahead, so that a
// weighing that writes may take the batch read meanwhile into its transaction (Next). A batch is
// taken only while the import is to go on (`going`), and none after a weighing failed: when the
// reading stops, the batch being weighed is finished and the one sent after it dropped. Only the
// reading's thread adds the tallies to the report, when it next sends or waits.
class BatchesInTurn {
 public:
  // The batch sent after those the weighing took, once it is read; nullptr when the reading has
  // ended without another or the import is to stop.
  using Next = std::function<const std::vector<RosterEntry>*()>;
  // Weighs `first` and each batch it takes with `next`: one tally for them all.
  using Weigh = std::function<Result<Tally>(const std::vector<RosterEntry>& first, const Next& next)>;
  using Add = std::function<void(Tally&, std::int64_t rows_read)>;
  using Going = std::function<Status()>;

  BatchesInTurn(Weigh weigh, Add add, Going going)
      : weigh_(std::move(weigh)), add_(std::move(add)), going_(std::move(going)),
        thread_([this] { WeighEachSent(); }) {}
  ~BatchesInTurn() {
    {
      std::lock_guard lock(mutex_);
      ending_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  BatchesInTurn(const BatchesInTurn&) = delete;
  BatchesInTurn& operator=(const BatchesInTurn&) = delete;

  // Once the batch sent before is taken, with the tallies of the weighings done meanwhile added
  // as they come: the failure, if one failed.
  Status WaitForRoom() {
    std::unique_lock lock(mutex_);
    return AddUntil(lock, [this] { return !sent_; });
  }

  // Sends `batch` with the rows read up to its end, after WaitForRoom. `batch` is left empty:
  // a batch weighed before, its room kept, when there is one.
  void Send(std::vector<RosterEntry>& batch, std::int64_t rows_read) {
    {
      std::lock_guard lock(mutex_);
      sent_.emplace(Sent{.rows = std::move(batch), .rows_read = rows_read});
      batch.clear();
      if (!emptied_.empty()) {
        batch = std::move(emptied_.back());
        emptied_.pop_back();
      }
    }
    changed_.notify_all();
  }

  // Once every batch sent is weighed (none is sent after), with their tallies added.
  Status Wait() {
    std::unique_lock lock(mutex_);
    read_all_ = true;
    changed_.notify_all();
    return AddUntil(lock, [this] { return !sent_ && !weighing_; });
  }

 private:
  struct Sent {
    std::vector<RosterEntry> rows;
    std::int64_t rows_read = 0;
  };
  struct Done {
    Result<Tally> tally;
    std::int64_t rows_read = 0;
  };

  // Adds each tally as its weighing ends until `until` holds; a failure ends it (every failure
  // comes as a tally).
  Status AddUntil(std::unique_lock<std::mutex>& lock, const std::function<bool()>& until) {
    while (true) {
      changed_.wait(lock, [&] { return !done_.empty() || until(); });
      for (; !done_.empty(); done_.pop_front()) {
        Done& done = done_.front();
        if (!done.tally.ok()) return done.tally.status();
        add_(*done.tally, done.rows_read);
      }
      if (until()) return Status::Ok();
    }
  }

  // The batch sent, into `taken` (a deque: the batches handed to the weighing stay where they
  // are), when the import is to go on.
  Status Take(std::deque<Sent>& taken) {
    if (Status going = going_(); !going.ok()) return going;
    taken.push_back(std::move(*sent_));
    sent_.reset();
    changed_.notify_all();
    return Status::Ok();
  }

  void WeighEachSent() {
    std::unique_lock lock(mutex_);
    while (true) {
      changed_.wait(lock, [this] { return (sent_ && !failed_) || ending_; });
      if (ending_) return;
      std::deque<Sent> taken;
      if (Status going = Take(taken); !going.ok()) {  // the reading learns it when it next waits
        failed_ = true;
        done_.push_back({.tally = going, .rows_read = 0});
        changed_.notify_all();
        return;
      }
      weighing_ = true;
      lock.unlock();
      const Next next = [&]() -> const std::vector<RosterEntry>* {
        std::unique_lock held(mutex_);
        changed_.wait(held, [this] { return sent_ || read_all_ || ending_; });
        if (!sent_ || ending_ || !Take(taken).ok()) return nullptr;
        return &taken.back().rows;
      };
      Done done{.tally = weigh_(taken.front().rows, next), .rows_read = taken.back().rows_read};
      for (Sent& weighed : taken) weighed.rows.clear();
      lock.lock();
      for (Sent& weighed : taken) emptied_.push_back(std::move(weighed.rows));
      failed_ = !done.tally.ok();
      done_.push_back(std::move(done));
      weighing_ = false;
      changed_.notify_all();
    }
  }

  Weigh weigh_;
  Add add_;
  Going going_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<Sent> sent_;  // read, not yet taken
  bool weighing_ = false;
  bool failed_ = false;    // a weighing failed: nothing more is taken
  bool read_all_ = false;  // no batch is sent after sent_
  bool ending_ = false;
  std::deque<Done> done_;  // in the order weighed, until added
  // Batches weighed and emptied, for the reading to fill again. A batch's room is some 5 MB:
  // made afresh for each batch, each of its pages was a page fault, costly in a virtual machine
  // (with WritingRoom, a 100k import's 154k–160k faults became 100k–126k; docs/performance.md).
  std::vector<std::vector<RosterEntry>> emptied_;
  std::thread thread_;     // last: started once the rest is made
};

// One reading of the sheet: the header found and mapped, each child's row made into an entry,
// the entries handed on in batches. Problems, duplicates and classes go into the report; the
// rows to write into `keep`, when given (a check before a commit).
class RosterPass {
 public:
  RosterPass(const ImportRequest& request, const ImportPlace& place, std::chrono::year_month_day today,
             ImportReport& report, NameOrderedRows* keep)
      : request_(request), place_(place), today_(today),
        batch_rows_(request.batch_rows > 0 ? request.batch_rows : RosterImportService::kBatchRows),
        classes_(place.classes), report_(report), keep_(keep) {}

  const ClassMatcher& classes() const { return classes_; }

  // Reads the sheet, each batch weighed by `weigh` and its tally added by `add` in turn.
  Status Run(const BatchesInTurn::Weigh& weigh, const BatchesInTurn::Add& add) {
    BatchesInTurn batches(weigh, add, [this] { return KeepGoing(); });
    batch_.reserve(static_cast<std::size_t>(batch_rows_));
    std::int64_t seen = 0;
    Status read = request_.sheet([&](const SheetRow& row) -> Status {
      if (Status going = KeepGoing(); !going.ok()) return going;
      if (!rows_) return LookForHeader(row, ++seen);
      if (IsFooter(row) || !HasMappedText(row)) return Status::Ok();
      Take(row);
      if (static_cast<std::int64_t>(batch_.size()) < batch_rows_) return Status::Ok();
      return SendBatch(batches);
    });
    if (!read.ok()) return read;
    if (!rows_) return InvalidImport("file", "roster_without_header");
    if (Status sent = batch_.empty() ? Status::Ok() : SendBatch(batches); !sent.ok()) return sent;
    if (Status finished = batches.Wait(); !finished.ok()) return finished;
    // A batch's refusals come in when the next batch is sent, after that batch's problems.
    std::stable_sort(report_.errors.begin(), report_.errors.end(),
                     [](const RowProblem& left, const RowProblem& right) { return left.row < right.row; });
    report_.classes = classes_.matched();
    return Status::Ok();
  }

 private:
  Status KeepGoing() const { return request_.keep_going ? request_.keep_going() : Status::Ok(); }

  // Sends the batch read once the one sent before is taken, unless the import is to stop by
  // then: a server stopping waits for the batch being weighed at most.
  Status SendBatch(BatchesInTurn& batches) {
    if (Status room = batches.WaitForRoom(); !room.ok()) return room;
    if (Status going = KeepGoing(); !going.ok()) return going;
    batches.Send(batch_, report_.rows);
    // Room for the next batch at once: grown a row at a time, its entries were moved twice each
    // (a tenth of the reading thread's instructions).
    batch_.reserve(static_cast<std::size_t>(batch_rows_));
    return Status::Ok();
  }

  Status LookForHeader(const SheetRow& row, std::int64_t seen) {
    auto header = FindHeader({row});
    if (!header) {
      return seen < static_cast<std::int64_t>(kHeaderSearchRows) ? Status::Ok()
                                                                  : InvalidImport("file", "roster_without_header");
    }
    std::map<std::size_t, std::string> written;
    report_.header_row = row.number;
    report_.columns.clear();
    for (std::size_t column = 0; column < row.cells.size(); ++column) {
      const std::string text = text::TrimProse(row.cells[column].text);
      if (text.empty() && !request_.mapping.contains(column)) continue;
      written[column] = text;
      report_.columns.push_back({.column = column, .header = text, .target = ""});
    }
    if (Status corrected = Correct(*header); !corrected.ok()) return corrected;
    rows_.emplace(*header, std::move(written), today_);
    if (keep_) keep_->KeepHeader(row);
    return Status::Ok();
  }

  // The user's corrections applied to the mapping found.
  Status Correct(RosterHeader& header) {
    const auto targets = RosterTargets();
    for (const auto& [column, target] : request_.mapping) {
      if (!target.empty() && std::find(targets.begin(), targets.end(), target) == targets.end()) {
        return InvalidImport("mapping", "invalid_choice");
      }
      if (target.empty()) header.columns.erase(column); else header.columns[column] = target;
    }
    std::set<std::string> used;
    for (const auto& [column, target] : header.columns) {
      if (!used.insert(target).second) return InvalidImport("mapping", "duplicate_field");
    }
    if (!used.contains("name")) return InvalidImport("mapping", "required");
    for (ImportColumn& column : report_.columns) {
      const auto mapped = header.columns.find(column.column);
      column.target = mapped == header.columns.end() ? "" : mapped->second;
    }
    mapped_ = header.columns;
    class_column_.reset();
    for (const auto& [column, target] : mapped_) {
      if (target == "class") class_column_ = column;
    }
    return Status::Ok();
  }

  bool HasMappedText(const SheetRow& row) const {
    for (const auto& [column, target] : mapped_) {
      if (column < row.cells.size() && !text::TrimProse(row.cells[column].text).empty()) return true;
    }
    return false;
  }

  void Take(const SheetRow& row) {
    ++report_.rows;
    std::vector<RowProblem> problems, warnings;
    auto entry = rows_->Read(row, problems, warnings);
    for (RowProblem& problem : problems) AddProblem(report_.errors, report_.error_rows, std::move(problem));
    for (RowProblem& warning : warnings) AddProblem(report_.warnings, report_.warning_rows, std::move(warning));
    if (!entry) return;
    const bool carried = CarryClassDown(*entry);
    const std::string key = entry->child.id_number.empty()
                                ? text::NormaliseInput(entry->child.name) + "|" + entry->child.birth_date
                                : entry->child.id_number;
    const auto [first, added] = first_row_of_.try_emplace(key, row.number);
    if (!added) {
      report_.duplicates.push_back({row.number, first->second});
      return;
    }
    if (!place_.fixed_class && !entry->class_name.empty()) classes_.Count(entry->class_name);
    if (keep_) Keep(row, *entry, carried);
    batch_.push_back(std::move(*entry));
  }

  // A class merged down its children reads only in its first row when the format keeps no
  // merges (.xls through FreeXL): an empty class takes the one above, with a warning. True
  // when it did.
  bool CarryClassDown(RosterEntry& entry) {
    if (!request_.carry_class_down || place_.fixed_class) return false;
    if (!entry.class_name.empty()) {
      class_above_ = entry.class_name;
      return false;
    }
    if (class_above_.empty()) return false;
    entry.class_name = class_above_;
    AddProblem(report_.warnings, report_.warning_rows,
               {entry.row, ColumnFor(report_, "class"), InvalidImport("class", "class_carried_down")});
    return true;
  }

  // The row for the commit, which reads it in another order: a class carried down is written
  // into it. Its name comes with its batch's tally.
  void Keep(const SheetRow& row, const RosterEntry& entry, bool carried) {
    if (!carried || !class_column_) return keep_->Keep(row);
    SheetRow with_class = row;
    if (with_class.cells.size() <= *class_column_) with_class.cells.resize(*class_column_ + 1);
    with_class.cells[*class_column_].text = entry.class_name;
    keep_->Keep(with_class);
  }

  const ImportRequest& request_;
  const ImportPlace& place_;
  std::chrono::year_month_day today_;
  const std::int64_t batch_rows_;
  std::string class_above_;
  ClassMatcher classes_;
  ImportReport& report_;
  std::optional<RosterRows> rows_;
  std::map<std::size_t, std::string> mapped_;
  std::optional<std::size_t> class_column_;  // mapped_'s "class", found once
  std::unordered_map<std::string, std::int64_t> first_row_of_;
  std::vector<RosterEntry> batch_;
  NameOrderedRows* keep_;
};


// A refusal that belongs to a row (shown at its column), not a failure of the import.
bool RowLevel(const Status& status) {
  return status.code() == StatusCode::kInvalidArgument || status.reason() == "duplicate_id_number";
}

enum class RowOutcome { kCreated, kUpdated, kUnchanged };

// The fields the row gives (non-empty) over the record's; the status is not a roster's.
void MergeChild(Child& into, const Child& given) {
  for (const ChildTextField& field : ChildTextFields()) {
    const std::string& value = given.*field.member;
    if (!value.empty() && std::string_view(field.name).rfind("status", 0) != 0) into.*field.member = value;
  }
  if (given.grade) into.grade = given.grade;
  if (given.boarding) into.boarding = given.boarding;
}

void MergeMember(FamilyMember& into, const FamilyMember& given) {
  for (const FamilyTextField& field : FamilyTextFields()) {
    if (!(given.*field.member).empty()) into.*field.member = given.*field.member;
  }
}

// The same parent (by relation) or the guardian (the first) in the archived family.
FamilyMember* SameMember(std::vector<FamilyMember>& family, const FamilyMember& given) {
  for (FamilyMember& member : family) {
    if (member.kind == given.kind && (given.kind == "guardian" || member.relation == given.relation)) return &member;
  }
  return nullptr;
}

// What the archive holds of a batch's children, looked up for the whole batch at once.
struct ArchiveMatches {
  std::map<std::string, std::string> holders;   // ID number → the child holding it
  std::multimap<std::string, Child> same_name;  // NameAndBirth → children of the school
};

std::string NameAndBirth(const Child& child) { return SimplifiedNameOf(child) + "\n" + child.birth_date; }

// What a pass's transactions fill, kept from one to the next with its room: made afresh for each
// transaction, the room (some 30 MB for four batches) was each time new pages, each a page fault
// (see BatchesInTurn::emptied_).
struct WritingRoom {
  std::vector<Child> given;  // a batch's children as the lookups read them
  std::vector<Child> new_children;
  std::vector<FamilyMember> new_family;
};

// Weighs each entry of a transaction's batches against the archive — what it would create or
// change — and, when writing, does it: an archived child's changes at once, the transaction's
// new children together at its end (Finish). Everything of a row is checked before anything of
// it is written, so a refused row writes nothing. Like the check, which writes nothing, a row
// is not matched with a new child of an earlier row of its transaction. (The check drops a row
// repeating an earlier one's ID number, or its name and birth date without one; so only a row
// with an ID number could match a new child without one, of the same name and birth date, which
// the name order sets beside it. Should a transaction end between the two, as each batch's does
// on PostgreSQL, the second row updates the child the first created.)
class EntryWriter {
 public:
  EntryWriter(Repositories& repos, const ImportPlace& place, const ClassMatcher& classes,
              std::chrono::year_month_day today, std::string now, const Actor& actor, bool write, WritingRoom& room)
      : repos_(repos), place_(place), school_{.root_org_ids = {place.school.id}, .paired_with_user_id = {}},
        classes_(classes), today_(today), now_(std::move(now)), actor_(actor), write_(write), room_(room) {
    room_.new_children.clear();
    room_.new_family.clear();
  }

  // Looks up what the archive holds of the batch's children: two queries for the batch. They
  // are given only the fields the queries read (copying whole children was 3% of an import).
  Status LookUp(const std::vector<RosterEntry>& batch) {
    std::vector<Child>& given = room_.given;
    given.resize(batch.size());
    for (std::size_t at = 0; at < batch.size(); ++at) {
      given[at].name = batch[at].child.name;
      given[at].id_number = batch[at].child.id_number;
      given[at].birth_date = batch[at].child.birth_date;
    }
    auto matches = Matches(given);
    if (!matches.ok()) return matches.status();
    matches_ = std::move(matches).value();
    // Room for the batch made at once: a child's record moved to a larger vector was 2% of the
    // writing thread's instructions.
    if (write_) {
      std::size_t family = 0;
      for (const RosterEntry& entry : batch) family += entry.family.size();
      ReserveMore(room_.new_children, batch.size());
      ReserveMore(room_.new_family, family);
    }
    return Status::Ok();
  }

  Result<RowOutcome> Apply(const RosterEntry& entry) {
    auto existing = Existing(entry.child);
    if (!existing.ok()) return existing.status();
    if (!*existing && !write_) return RowOutcome::kCreated;
    const Org* org = PlaceOf(entry, existing->has_value());
    Child given = entry.child;
    if (!given.grade) given.grade = GradeOf(entry, org);
    if (!*existing) return Create(std::move(given), org, entry.family);
    const bool to_new_class = !org && !place_.fixed_class && !entry.class_name.empty();
    return Update(**existing, given, org, to_new_class, entry.family);
  }

  // Stores the transaction's new children: one bulk insert, and one sum of their counts, for
  // all its batches.
  Status Finish() { return InsertNewChildren(repos_, room_.new_children, room_.new_family, now_, actor_); }

 private:
  // Room for `more` items beyond those held. A transaction's batches come one at a time: the
  // first makes room for as many in each batch the transaction may take (untouched, the room
  // costs no memory), and a later one at least doubles it.
  template <typename Item>
  static void ReserveMore(std::vector<Item>& items, std::size_t more) {
    if (items.empty()) items.reserve(more * static_cast<std::size_t>(RosterImportService::kTransactionBatches));
    if (items.size() + more > items.capacity()) items.reserve(std::max(items.size() + more, 2 * items.capacity()));
  }

  Result<ArchiveMatches> Matches(std::span<const Child> given) {
    std::vector<std::string> id_numbers;
    for (const Child& child : given) {
      if (!child.id_number.empty()) id_numbers.push_back(child.id_number);
    }
    ArchiveMatches matches;
    auto holders = repos_.children.HoldersOfIdNumbers(id_numbers);
    if (!holders.ok()) return holders.status();
    matches.holders = std::move(holders).value();
    auto same = repos_.children.SameNamesAndBirths(given, school_);
    if (!same.ok()) return same.status();
    for (Child& child : *same) matches.same_name.emplace(NameAndBirth(child), std::move(child));
    return matches;
  }

  // The archived child the row is: the holder of its ID number, or else the one child of the
  // school with its name and birth date and no other ID number. A child already changed by an
  // earlier row of the transaction is looked up again, as that row left it.
  Result<std::optional<Child>> Existing(const Child& given) {
    auto found = Match(given, matches_);
    if (!found.ok() || !*found || !changed_.contains((*found)->id)) return found;
    auto again = Matches({&given, 1});
    if (!again.ok()) return again.status();
    return Match(given, *again);
  }

  Result<std::optional<Child>> Match(const Child& given, const ArchiveMatches& matches) {
    if (!given.id_number.empty()) {
      if (const auto holder = matches.holders.find(given.id_number); holder != matches.holders.end()) {
        auto found = repos_.children.FindInScope(holder->second, school_);
        if (!found.ok()) return found.status();
        if (!*found) return InvalidImport("id_number", "archived_elsewhere");
        return *found;
      }
    }
    std::optional<Child> same;
    const auto [first, last] = matches.same_name.equal_range(NameAndBirth(given));
    for (auto candidate = first; candidate != last; ++candidate) {
      if (!candidate->second.id_number.empty()) continue;
      if (same) return InvalidImport("name", "ambiguous_child");
      same = candidate->second;
    }
    return same;
  }

  // The class (or school) the child goes to; nullptr to stay where an archived child is, or
  // — only while checking — for a class still to be created.
  const Org* PlaceOf(const RosterEntry& entry, bool archived) const {
    if (place_.fixed_class) return &*place_.fixed_class;
    if (!entry.class_name.empty()) return classes_.OrgOf(entry.class_name);
    return archived ? nullptr : &place_.school;
  }

  // An existing class's grade is read from its name once a transaction: for each row, it was 1.4% of
  // the writing thread's instructions.
  std::optional<std::int64_t> GradeOf(const RosterEntry& entry, const Org* org) {
    if (!org) return GradeIn(entry.class_name);
    const auto [known, added] = grade_of_.try_emplace(org);
    if (added) known->second = GradeIn(org->name);
    return known->second;
  }

  static std::optional<std::int64_t> GradeIn(std::string_view class_name) {
    const auto place = ParseClassName(class_name);
    if (!place) return std::nullopt;
    return place->grade;
  }

  void PlaceAt(Child& child, const Org* org) const {
    const Org& at = org ? *org : place_.school;
    child.org_id = at.id;
    child.org_code = at.code;
    child.county_id = place_.school.county_id;
  }

  // Only when writing: the row's child and family are copied straight into the transaction's.
  Result<RowOutcome> Create(Child child, const Org* org, const std::vector<FamilyMember>& family) {
    PlaceAt(child, org);
    auto rules = RulesAt(child.org_id);
    if (!rules.ok()) return rules.status();
    if (Status ready = PrepareNewChild(**rules, child, now_); !ready.ok()) return ready;
    for (const FamilyMember& member : family) PrepareFamilyMember(room_.new_family.emplace_back(member), child, now_);
    room_.new_children.push_back(std::move(child));
    return RowOutcome::kCreated;
  }

  // The archive's rules at an organisation, loaded once a transaction.
  Result<const ArchiveRules*> RulesAt(const std::string& org_id) {
    auto kept = rules_at_.find(org_id);
    if (kept == rules_at_.end()) {
      auto loaded = LoadArchiveRules(repos_, org_id);
      if (!loaded.ok()) return loaded.status();
      kept = rules_at_.emplace(org_id, std::move(loaded).value()).first;
    }
    return &kept->second;
  }

  // `to_new_class`: while checking, the child moves to a class still to be created.
  Result<RowOutcome> Update(const Child& before, const Child& given, const Org* org, bool to_new_class,
                         const std::vector<FamilyMember>& family) {
    Child after = before;
    MergeChild(after, given);
    if (org) PlaceAt(after, org);
    if (Status valid = ValidateChild(after, today_); !valid.ok()) return valid;
    auto archived = repos_.children.Family(before.id);
    if (!archived.ok()) return archived.status();
    std::vector<FamilyMember> added, changed;
    std::vector<ChildChange> family_history;
    for (const FamilyMember& member : family) {
      FamilyMember* same = SameMember(*archived, member);
      if (!same) {
        added.push_back(member);
        continue;
      }
      FamilyMember merged = *same;
      MergeMember(merged, member);
      if (Status valid = ValidateFamilyMember(merged); !valid.ok()) return valid;
      auto differences = FamilyDifferences(*same, merged);
      if (differences.empty()) continue;
      family_history.insert(family_history.end(), differences.begin(), differences.end());
      changed.push_back(std::move(merged));
    }
    const auto child_history = ChildDifferences(before, after, now_, actor_.user_id);
    if (child_history.empty() && added.empty() && changed.empty() && !to_new_class) return RowOutcome::kUnchanged;
    if (!write_) return RowOutcome::kUpdated;
    return Write(before, after, !child_history.empty(), added, changed, family_history);
  }

  Result<RowOutcome> Write(const Child& before, Child& after, bool child_changed, std::vector<FamilyMember>& added,
                        std::vector<FamilyMember>& changed, std::vector<ChildChange>& history) {
    changed_.insert(before.id);
    if (child_changed) {
      if (Status saved = SaveChild(repos_, before, after, now_, actor_, "child.update"); !saved.ok()) return saved;
    }
    for (FamilyMember& member : added) {
      auto kept = InsertFamilyMemberOf(repos_, after, member, now_);
      if (!kept.ok()) return kept.status();
      history.insert(history.end(), kept->begin(), kept->end());
    }
    for (FamilyMember& member : changed) {
      member.updated_at = now_;
      if (Status updated = repos_.children.UpdateFamilyMember(member); !updated.ok()) return updated;
    }
    if (Status kept = KeepHistory(repos_, std::move(history), before.id, now_, actor_); !kept.ok()) return kept;
    if (child_changed) return RowOutcome::kUpdated;
    Status audited = repos_.audit.Append({.at = now_, .actor = actor_, .action = "child.family_update",
                                          .object_type = "child", .object_id = before.id});
    if (!audited.ok()) return audited;
    return RowOutcome::kUpdated;
  }

  Repositories& repos_;
  const ImportPlace& place_;
  const Scope school_;
  const ClassMatcher& classes_;
  std::chrono::year_month_day today_;
  std::string now_;
  const Actor& actor_;
  bool write_;
  ArchiveMatches matches_;
  std::set<std::string> changed_;  // archived children this transaction changed
  std::map<std::string, ArchiveRules> rules_at_;
  std::map<const Org*, std::optional<std::int64_t>> grade_of_;  // of the place's organisations
  WritingRoom& room_;  // the transaction's new children and families
};

}  // namespace

Result<ImportReport> RosterImportService::Run(const ImportRequest& request, const Authority& authority,
                                              const Actor& actor) {
  if (authority.Lacks()) return Deny(store_, clock_, actor, "org", request.org_code, Status::PermissionDenied("forbidden"));
  auto place = Place(request.org_code, authority);
  if (!place.ok()) return place.status();
  ImportReport report;
  NameOrderedRows to_write;
  if (Status checked = Pass(request, *place, report, false, actor, request.commit ? &to_write : nullptr);
      !checked.ok()) {
    return checked;
  }
  Status planned = store_.Read([&](Repositories& repos) { return PlanClassCodes(repos, place->school, report.classes); });
  if (!planned.ok()) return planned;
  if (report.error_rows > 0 || !request.commit) return report;

  OrgService orgs(store_, clock_);
  for (const ImportClass& missing : report.classes) {
    if (missing.exists) continue;
    auto added = orgs.Add({.code = missing.code, .name = missing.name, .kind = OrgKind::kClass,
                           .parent_code = place->school.code, .pupils = std::nullopt},
                          authority, actor);
    if (!added.ok()) return added.status();
  }
  place = Place(request.org_code, authority);  // with the classes just added
  if (!place.ok()) return place.status();
  ImportReport written;
  written.rows = 0;
  // The rows the check accepted, in name order, their classes carried down already; the
  // progress counts them (a duplicate is not written).
  ImportRequest in_name_order = request;
  in_name_order.sheet = to_write.InNameOrder();
  in_name_order.carry_class_down = false;
  if (Status committed = Pass(in_name_order, *place, written, true, actor, nullptr, to_write.size());
      !committed.ok()) {
    return committed;
  }
  report.created = written.created;
  report.updated = written.updated;
  report.unchanged = written.unchanged;
  for (RowProblem& problem : written.errors) AddProblem(report.errors, report.error_rows, std::move(problem));
  report.committed = true;
  return report;
}

Status RosterImportService::Allows(const std::string& org_code, const Authority& authority, const Actor& actor) {
  if (authority.Lacks()) return Deny(store_, clock_, actor, "org", org_code, Status::PermissionDenied("forbidden"));
  return Place(org_code, authority).status();
}

Result<ImportPlace> RosterImportService::Place(const std::string& org_code, const Authority& authority) {
  std::optional<ImportPlace> place;
  Status status = store_.Read([&](Repositories& repos) -> Status {
    auto found = FindPlace(repos, org_code, authority);
    if (found.ok()) place = std::move(found).value();
    return found.status();
  });
  if (!status.ok()) return status;
  return std::move(*place);
}

Status RosterImportService::Pass(const ImportRequest& request, const ImportPlace& place, ImportReport& report,
                                 bool write, const Actor& actor, NameOrderedRows* keep, std::int64_t rows_total) {
  const auto today = clock_.Today();
  RosterPass pass(request, place, today, report, keep);
  WritingRoom room;  // used by the weighing thread alone
  // Weighs one batch into `tally`: its row-level refusals counted there, any other failure returned.
  const auto weigh_batch = [&](EntryWriter& writer, const std::vector<RosterEntry>& batch, Tally& tally) -> Status {
    if (Status looked = writer.LookUp(batch); !looked.ok()) return looked;
    for (const RosterEntry& entry : batch) {
      auto outcome = writer.Apply(entry);
      if (!outcome.ok() && !RowLevel(outcome.status())) return outcome.status();
      if (!outcome.ok()) {
        tally.errors.push_back({.row = entry.row, .column = "", .status = outcome.status()});
      } else {
        ++(*outcome == RowOutcome::kCreated   ? tally.created
           : *outcome == RowOutcome::kUpdated ? tally.updated
                                              : tally.unchanged);
      }
    }
    return Status::Ok();
  };
  const auto weigh = [&](const std::vector<RosterEntry>& first, const BatchesInTurn::Next& next) -> Result<Tally> {
    std::vector<const std::vector<RosterEntry>*> batches{&first};
    // A writing transaction takes in the batches read meanwhile while no other write waits for
    // it, kTransactionBatches at most (see there).
    const auto takes_another = [&] {
      if (!write || std::ssize(batches) >= kTransactionBatches || store_.WritesWaiting()) return false;
      const std::vector<RosterEntry>* read = next();
      if (read) batches.push_back(read);
      return read != nullptr;
    };
    Tally tally;
    auto weigh_in = [&](Repositories& repos) -> Status {
      tally = Tally{};  // a transaction retried after a busy database starts over, with the batches it took
      EntryWriter writer(repos, place, pass.classes(), today, FormatUtc(clock_.Now()), actor, write, room);
      for (std::size_t at = 0; at < batches.size() || takes_another(); ++at) {
        if (Status weighed = weigh_batch(writer, *batches[at], tally); !weighed.ok()) return weighed;
      }
      return write ? writer.Finish() : Status::Ok();
    };
    if (Status done = write ? store_.Write(weigh_in) : store_.Read(weigh_in); !done.ok()) return done;
    if (keep) {
      for (const auto* batch : batches) {
        for (const RosterEntry& entry : *batch) tally.name_keys.push_back(SearchKeysOf(entry.child).name_sort);
      }
    }
    return tally;
  };
  const auto add = [&](Tally& tally, std::int64_t rows_read) {
    report.created += tally.created;
    report.updated += tally.updated;
    report.unchanged += tally.unchanged;
    for (RowProblem& problem : tally.errors) {
      problem.column = ColumnFor(report, problem.status.field());
      AddProblem(report.errors, report.error_rows, std::move(problem));
    }
    if (keep) keep->NameInTurn(tally.name_keys);
    if (request.progress) request.progress({.committing = write, .rows_done = rows_read, .rows_total = rows_total});
  };
  return pass.Run(weigh, add);
}

}  // namespace sw::domain

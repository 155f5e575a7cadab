// Bringing a school's roster into the archive (issue 7): the file's rows made into children
// (roster_rows.h), their classes found among the school's (class_names.h), each child matched
// with the archive — by ID number, else by name and birth date within the school — so that
// the same file imported twice changes nothing.
//
// A run reads the file once. The check reads every row and says what would happen (created,
// updated, unchanged; every problem at its row and column; duplicates within the file). A
// commit goes on only when no row has an error: it adds the missing classes, then writes the
// rows the check kept, in the children's name order (name_ordered_rows.h), in batches of
// kBatchRows, a transaction taking one batch or, while no other write waits, a few
// (kTransactionBatches) — a crash leaves whole batches, and running the import again completes
// it, the rows already written being unchanged.
#pragma once

#include <functional>
#include <map>

#include "core/clock.h"
#include "domain/access/policy.h"
#include "domain/imports/roster_rows.h"
#include "domain/store.h"

namespace sw::domain {

struct ImportColumn {
  std::size_t column = 0;  // A = 0
  std::string header;      // as written
  std::string target;      // what it fills (RosterTargets()); empty when nothing
};

struct ImportClass {
  std::string written;  // as the file first writes it
  std::string code;     // the class it is, or the code it will be created with
  std::string name;
  bool exists = false;
  std::int64_t rows = 0;
};

struct DuplicateRow {
  std::int64_t row = 0;
  std::int64_t same_as_row = 0;
};

struct ImportReport {
  std::int64_t header_row = 0;
  std::vector<ImportColumn> columns;  // the header's cells, in order
  std::int64_t rows = 0;              // the children's rows: not the header, footers or empty rows
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::int64_t error_rows = 0;       // rows with an error, all counted …
  std::vector<RowProblem> errors;    // … the first kMaxListed listed
  std::int64_t warning_rows = 0;
  std::vector<RowProblem> warnings;
  std::vector<DuplicateRow> duplicates;  // a later row of a child already in the file: not imported
  std::vector<ImportClass> classes;      // as the rows name them; those not existing are created on commit
  bool committed = false;

  static constexpr std::size_t kMaxListed = 1000;
};

struct ImportProgress {
  bool committing = false;     // false while checking
  std::int64_t rows_done = 0;
  // Committing: the rows to write (a duplicate is not); 0 while checking, the file unread.
  std::int64_t rows_total = 0;
};

struct ImportRequest {
  SheetSource sheet;
  std::string org_code;  // a school (classes matched under it) or a class (every row placed in it)
  // The user's corrections, column → target ("" for none); the other columns keep what was found.
  std::map<std::size_t, std::string> mapping;
  bool commit = false;
  std::function<void(const ImportProgress&)> progress;  // after each batch checked, each transaction committed
  // The sheet's format keeps no merged cells (.xls): an empty class is the one above it.
  bool carry_class_down = false;
  // Rows a batch holds: RosterImportService::kBatchRows but in tests of the batches.
  std::int64_t batch_rows = 0;
  // Asked before each row the check or the commit reads and before each batch is sent or
  // weighed, when given, from the reading thread and the weighing one: an error ends the import
  // there, the batch being weighed finished and those read after it unwritten (Unavailable when
  // the server is stopping).
  std::function<Status()> keep_going;
};

struct ImportPlace;  // the school and its classes, roster_import.cpp
class NameOrderedRows;

class RosterImportService {
 public:
  // A batch holds SQLite's writer for 0.6–0.8 s on 2 cores. Each commit rewrites most pages of
  // the children's indexes, so fewer, larger batches write less: 100k rows took 18.6–21.4 s in
  // batches of 2,000, 14.2–16.1 s in 5,000 and 14.3–15.5 s in 10,000, whose rows held 180 MB
  // against 127 MB (docs/performance.md).
  static constexpr std::int64_t kBatchRows = 5000;
  // So a transaction goes on with the batches read meanwhile, up to this many, while no other
  // write waits for the writer (Store::WritesWaiting): alone, an import commits a quarter as
  // often, and a write that arrives waits for one batch at most, as before.
  static constexpr std::int64_t kTransactionBatches = 4;

  RosterImportService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Needs kWriteChildren over the organisation (the operator needs none). InvalidArgument for
  // an unknown organisation (field "org"), a file without a header (field "file", reason
  // roster_without_header) or a mapping that names an unknown target or one twice.
  Result<ImportReport> Run(const ImportRequest& request, const Authority& authority, const Actor& actor);
  // Whether rows may be imported into the organisation: Run's refusals of it, without reading.
  Status Allows(const std::string& org_code, const Authority& authority, const Actor& actor);

 private:
  Result<ImportPlace> Place(const std::string& org_code, const Authority& authority);
  // One reading of the sheet into `report`: weighing each batch in a read, or writing it in a
  // transaction of its own. The rows to write go into `keep` when given.
  Status Pass(const ImportRequest& request, const ImportPlace& place, ImportReport& report, bool write,
              const Actor& actor, NameOrderedRows* keep, std::int64_t rows_total = 0);

  Store& store_;
  const Clock& clock_;
};

}  // namespace sw::domain

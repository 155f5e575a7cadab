// Roster imports started from the web app, each a job of its own (domain/imports/roster_import.h
// does the work): the uploaded file is kept under <data_dir>/imports while its owner checks it,
// corrects the mapping and commits; the page polls the job for its progress and report.
//
// Jobs live in this server's memory, their files on its disk: behind several servers, a user's
// requests must reach the same one (README). A job and its file are dropped a day after they
// began, once committed, and at the next start; a server stopping ends a running job between
// rows, leaving whole batches that the same import completes when run again.
#pragma once

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>

#include "domain/imports/roster_import.h"

namespace sw::http {

enum class ImportState { kChecking, kChecked, kCommitting, kCommitted, kFailed };
const char* ImportStateName(ImportState state);

struct ImportJob {
  std::string id;
  std::string user_id;  // only its owner sees it
  std::string org_code;
  std::string file_name;
  ImportState state = ImportState::kChecking;
  std::map<std::size_t, std::string> mapping;  // the corrections it was last run with
  bool carry_class_down = false;               // an .xls: merged classes read in their first row only
  domain::ImportProgress progress;
  std::optional<domain::ImportReport> report;
  Status failure;  // when kFailed
  TimePoint started;
};

class ImportJobs {
 public:
  ImportJobs(domain::RosterImportService& imports, const Clock& clock, std::filesystem::path directory);
  ~ImportJobs();  // stops running jobs between rows and waits for them
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

  // Keeps the uploaded file and begins checking it into `org_code`. InvalidArgument for a file
  // that is no spreadsheet (field "file") or a place out of the caller's reach (field "org").
  Result<ImportJob> Start(const std::string& bytes, const std::string& file_name, const std::string& org_code,
                          const domain::User& caller, const domain::Actor& actor);
  // Checks again with the user's corrected mapping, or commits. Conflict import_running while
  // the job runs, import_done once it committed.
  Result<ImportJob> Check(const std::string& id, std::map<std::size_t, std::string> mapping,
                          const domain::User& caller, const domain::Actor& actor);
  Result<ImportJob> Commit(const std::string& id, std::map<std::size_t, std::string> mapping,
                           const domain::User& caller, const domain::Actor& actor);
  // NotFound for a job that is not the caller's.
  Result<ImportJob> Get(const std::string& id, const domain::User& caller);

 private:
  Result<ImportJob> Rerun(const std::string& id, std::map<std::size_t, std::string> mapping, bool commit,
                          const domain::User& caller, const domain::Actor& actor);
  void Launch(ImportJob& job, bool commit, const domain::User& caller, const domain::Actor& actor);
  void Run(const std::string& id, domain::ImportRequest request, domain::Authority authority, domain::Actor actor);
  std::filesystem::path FileOf(const std::string& id) const { return directory_ / id; }
  void DropOld();  // under mutex_

  domain::RosterImportService& imports_;
  const Clock& clock_;
  std::filesystem::path directory_;
  std::mutex mutex_;
  std::map<std::string, ImportJob> jobs_;
  int running_ = 0;  // jobs whose thread has not ended
  std::condition_variable all_ended_;
  std::atomic<bool> stopping_{false};
};

}  // namespace sw::http

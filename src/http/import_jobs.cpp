#include "http/import_jobs.h"

#include <spdlog/spdlog.h>

#include <fstream>
#include <thread>

#include "core/random.h"
#include "office/sheet.h"

namespace sw::http {
namespace {

constexpr auto kKeptFor = std::chrono::hours(24);

bool Running(ImportState state) { return state == ImportState::kChecking || state == ImportState::kCommitting; }

// Keeps the upload whole or not at all: written beside, then renamed.
Status KeepFile(const std::filesystem::path& path, const std::string& bytes) {
  const std::filesystem::path partial = std::filesystem::path(path).concat(".part");
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) return Status::Internal("cannot write " + partial.string());
  }
  std::error_code error;
  std::filesystem::rename(partial, path, error);
  if (error) return Status::Internal("cannot keep " + path.string() + ": " + error.message());
  return Status::Ok();
}

}  // namespace

const char* ImportStateName(ImportState state) {
  switch (state) {
    case ImportState::kChecking: return "checking";
    case ImportState::kChecked: return "checked";
    case ImportState::kCommitting: return "committing";
    case ImportState::kCommitted: return "committed";
    case ImportState::kFailed: return "failed";
  }
  return "failed";
}

ImportJobs::ImportJobs(domain::RosterImportService& imports, const Clock& clock, std::filesystem::path directory)
    : imports_(imports), clock_(clock), directory_(std::move(directory)) {
  // Files of an earlier run belong to jobs no longer known.
  std::error_code error;
  std::filesystem::remove_all(directory_, error);
  std::filesystem::create_directories(directory_, error);
}

ImportJobs::~ImportJobs() {
  stopping_ = true;
  std::unique_lock lock(mutex_);
  all_ended_.wait(lock, [this] { return running_ == 0; });
}

Result<ImportJob> ImportJobs::Start(const std::string& bytes, const std::string& file_name,
                                    const std::string& org_code, const domain::User& caller,
                                    const domain::Actor& actor) {
  const auto authority = domain::Authority::Of(caller, domain::Action::kWriteChildren);
  if (Status allowed = imports_.Allows(org_code, authority, actor); !allowed.ok()) return allowed;
  ImportJob job{.id = NewId(), .user_id = caller.id, .org_code = org_code, .file_name = file_name,
                .state = ImportState::kChecking, .mapping = {}, .progress = {}, .report = std::nullopt,
                .failure = Status::Ok(), .started = clock_.Now()};
  if (Status kept = KeepFile(FileOf(job.id), bytes); !kept.ok()) return kept;
  auto format = office::SniffSheet(FileOf(job.id));
  if (!format.ok()) {
    std::filesystem::remove(FileOf(job.id));
    return format.status();
  }
  job.carry_class_down = *format == office::SheetFormat::kXls;
  std::lock_guard lock(mutex_);
  DropOld();
  ImportJob& added = jobs_[job.id] = std::move(job);
  Launch(added, false, caller, actor);
  return added;
}

Result<ImportJob> ImportJobs::Check(const std::string& id, std::map<std::size_t, std::string> mapping,
                                    const domain::User& caller, const domain::Actor& actor) {
  return Rerun(id, std::move(mapping), false, caller, actor);
}

Result<ImportJob> ImportJobs::Commit(const std::string& id, std::map<std::size_t, std::string> mapping,
                                     const domain::User& caller, const domain::Actor& actor) {
  return Rerun(id, std::move(mapping), true, caller, actor);
}

Result<ImportJob> ImportJobs::Rerun(const std::string& id, std::map<std::size_t, std::string> mapping, bool commit,
                                    const domain::User& caller, const domain::Actor& actor) {
  std::lock_guard lock(mutex_);
  const auto found = jobs_.find(id);
  if (found == jobs_.end() || found->second.user_id != caller.id) return Status::NotFound("no import " + id);
  ImportJob& job = found->second;
  if (Running(job.state)) return Status::Conflict("running").WithReason("import_running");
  if (job.state == ImportState::kCommitted) return Status::Conflict("committed").WithReason("import_done");
  job.mapping = std::move(mapping);
  job.state = commit ? ImportState::kCommitting : ImportState::kChecking;
  job.progress = {};
  job.failure = Status::Ok();
  Launch(job, commit, caller, actor);
  return job;
}

Result<ImportJob> ImportJobs::Get(const std::string& id, const domain::User& caller) {
  std::lock_guard lock(mutex_);
  const auto found = jobs_.find(id);
  if (found == jobs_.end() || found->second.user_id != caller.id) return Status::NotFound("no import " + id);
  return found->second;
}

void ImportJobs::Launch(ImportJob& job, bool commit, const domain::User& caller, const domain::Actor& actor) {
  const std::filesystem::path file = FileOf(job.id);
  const std::string id = job.id;
  domain::ImportRequest request{
      .sheet = [file](const domain::RowVisitor& visit) { return office::ReadSheet(file, visit); },
      .org_code = job.org_code,
      .mapping = job.mapping,
      .commit = commit,
      .progress =
          [this, id](const domain::ImportProgress& progress) {
            std::lock_guard lock(mutex_);
            jobs_.at(id).progress = progress;
          },
      .carry_class_down = job.carry_class_down,
      .batch_rows = 0,
      .keep_going = [this] { return stopping_ ? Status::Unavailable("the server is stopping") : Status::Ok(); }};
  ++running_;
  std::thread(&ImportJobs::Run, this, id, std::move(request),
              domain::Authority::Of(caller, domain::Action::kWriteChildren), actor)
      .detach();
}

void ImportJobs::Run(const std::string& id, domain::ImportRequest request, domain::Authority authority,
                     domain::Actor actor) {
  auto report = imports_.Run(request, authority, actor);
  std::lock_guard lock(mutex_);
  ImportJob& job = jobs_.at(id);
  if (!report.ok()) {
    job.state = ImportState::kFailed;
    job.failure = report.status();
    if (report.status().code() == StatusCode::kInternal) spdlog::error("import {}: {}", id, report.status().ToString());
  } else {
    job.report = std::move(report).value();
    job.state = job.report->committed ? ImportState::kCommitted : ImportState::kChecked;
    if (job.report->committed) {
      std::error_code error;
      std::filesystem::remove(FileOf(id), error);
    }
  }
  if (--running_ == 0) all_ended_.notify_all();
}

void ImportJobs::DropOld() {
  const TimePoint before = clock_.Now() - kKeptFor;
  std::erase_if(jobs_, [&](const auto& entry) {
    const ImportJob& job = entry.second;
    if (job.started > before || Running(job.state)) return false;
    std::error_code error;
    std::filesystem::remove(FileOf(job.id), error);
    return true;
  });
}

}  // namespace sw::http

// An import's report and job as JSON, the same for the command line (`import children --json`)
// and the API: counts, and each problem with its row, its column as the file heads it and a
// message in the caller's language.
#pragma once

#include <nlohmann/json.hpp>

#include "http/import_jobs.h"
#include "http/message.h"

namespace sw::http {

nlohmann::json ImportReportJson(const domain::ImportReport& report, Language language);

// The job with its state, progress, and its report or failure; with the targets a column may
// be mapped to, for the preview.
nlohmann::json ImportJobJson(const ImportJob& job, Language language);

}  // namespace sw::http

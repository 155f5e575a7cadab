// The roster template schools download (导入模板): the columns the import knows by their
// commonest names, an example row, and drop-down lists for the choices, in .xlsx.
#pragma once

#include <filesystem>

#include "core/status.h"

namespace sw::office {

// Rows under the example that get the drop-down lists.
constexpr std::int64_t kTemplateRows = 2000;

Status WriteRosterTemplate(const std::filesystem::path& path);

}  // namespace sw::office

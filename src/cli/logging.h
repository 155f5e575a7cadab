#pragma once

#include <string>

namespace sw::cli {

// Logs go to standard error, one line each: time, level, message. Requests' lines carry their
// request id in brackets. Nothing sensitive is ever passed to a log call (DESIGN.md).
void SetUpLogging(const std::string& level);

}  // namespace sw::cli

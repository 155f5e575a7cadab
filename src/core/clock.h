// Time. Stored as UTC (DESIGN.md: store UTC, show Asia/Shanghai).
#pragma once

#include <string>

namespace sw {

// Now as "2026-11-22T14:03:05.123Z".
std::string NowUtcIso8601();

}  // namespace sw

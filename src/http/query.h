// Query-string parameters. Boost.URL would do this but arrived in Boost 1.81; Debian 12 ships
// 1.74, so this small decoder (application/x-www-form-urlencoded: '+' and %XX) stands in.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sw::http {

// Names and values decoded; the last of repeated names wins. nullopt for a malformed escape
// or a result that is not UTF-8 text.
std::optional<std::map<std::string, std::string>> ParseQuery(std::string_view query);

using QueryParameters = std::map<std::string, std::string>;

// The parameter's value, "" when absent.
std::string Parameter(const QueryParameters& query, const char* name);

// An integer parameter, `fallback` when absent or empty; InvalidArgument(name, "wrong_type")
// for anything else. Wide, so that an absurd value is refused by a range check, not wrapped.
Result<std::int64_t> IntegerParameter(const QueryParameters& query, const char* name, std::int64_t fallback);

// "page" (from 1) and "page_size" (1 to 100), as an offset and a limit; out_of_range naming the
// parameter otherwise.
struct Paging {
  std::int64_t page = 1;
  std::int64_t page_size = 20;
  std::int64_t offset = 0;
  std::int64_t limit = 20;
};
Result<Paging> PagingParameters(const QueryParameters& query, std::int64_t default_size);

}  // namespace sw::http

// Query-string parameters. Boost.URL would do this but arrived in Boost 1.81; Debian 12 ships
// 1.74, so this small decoder (application/x-www-form-urlencoded: '+' and %XX) stands in.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace sw::http {

// Names and values decoded; the last of repeated names wins. nullopt for a malformed escape
// or a result that is not UTF-8 text.
std::optional<std::map<std::string, std::string>> ParseQuery(std::string_view query);

}  // namespace sw::http

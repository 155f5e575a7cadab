// Builds the effective Settings from defaults, a TOML file, the environment and flags.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/options.h"
#include "core/status.h"

namespace sw::config {

// Where a value came from, for `shouwang config` and for error messages.
struct Origin {
  std::string value;
  std::string source;  // "default", "file:/etc/shouwang.toml", "env:SHOUWANG_LISTEN", "flag:--listen"
};

struct Loaded {
  Settings settings;
  std::map<std::string, Origin> origins;  // by option name
};

using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;

// `flags` maps option names to values given on the command line. An unreadable file, an
// unknown key in it, or an invalid value fails with InvalidArgument whose field() names the
// option (or the file) and whose detail() says what is wrong and where it came from.
Result<Loaded> Load(const std::optional<std::filesystem::path>& file,
                    const EnvironmentLookup& environment,
                    const std::map<std::string, std::string>& flags);

// The process environment, for production use.
std::optional<std::string> ProcessEnvironment(const std::string& name);

}  // namespace sw::config

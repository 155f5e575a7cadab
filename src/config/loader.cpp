#include "config/loader.h"

#include <cstdlib>
#include <toml++/toml.h>

namespace sw::config {
namespace {

bool IsKnownOption(const std::string& name) {
  for (const Option& option : AllOptions()) {
    if (name == option.name) return true;
  }
  return false;
}

// TOML values may be strings, integers or booleans; options are validated as text.
std::optional<std::string> TomlValueAsText(const toml::node& node) {
  if (auto text = node.value<std::string>()) return *text;
  if (auto number = node.value<std::int64_t>()) return std::to_string(*number);
  if (auto flag = node.value<bool>()) return *flag ? "true" : "false";
  return std::nullopt;
}

Status ReadFile(const std::filesystem::path& file, std::map<std::string, Origin>& origins) {
  toml::table table;
  try {
    table = toml::parse_file(file.string());
  } catch (const toml::parse_error& error) {
    return Status::InvalidArgument("config", "cannot read " + file.string() + ": " +
                                                 std::string(error.description()));
  }
  const std::string source = "file:" + file.string();
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    if (!IsKnownOption(name)) {
      return Status::InvalidArgument(name, "unknown option \"" + name + "\" in " + file.string());
    }
    auto text = TomlValueAsText(node);
    if (!text) {
      return Status::InvalidArgument(name, "option \"" + name + "\" in " + file.string() +
                                               " must be a string or a number");
    }
    origins[name] = {*text, source};
  }
  return Status::Ok();
}

}  // namespace

std::optional<std::string> ProcessEnvironment(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

Result<Loaded> Load(const std::optional<std::filesystem::path>& file,
                    const EnvironmentLookup& environment,
                    const std::map<std::string, std::string>& flags) {
  Loaded loaded;
  for (const Option& option : AllOptions()) loaded.origins[option.name] = {option.default_value, "default"};
  if (file) {
    if (Status status = ReadFile(*file, loaded.origins); !status.ok()) return status;
  }
  for (const Option& option : AllOptions()) {
    const std::string env_name = EnvironmentName(option.name);
    if (auto value = environment(env_name)) loaded.origins[option.name] = {*value, "env:" + env_name};
  }
  for (const auto& [name, value] : flags) {
    if (!IsKnownOption(name)) return Status::InvalidArgument(name, "unknown option \"" + name + "\"");
    loaded.origins[name] = {value, "flag:" + FlagName(name)};
  }
  for (const Option& option : AllOptions()) {
    const Origin& origin = loaded.origins[option.name];
    Status status = option.apply(origin.value, loaded.settings);
    if (!status.ok()) {
      return Status::InvalidArgument(
          option.name, "invalid option \"" + std::string(option.name) + "\" = \"" +
                           Printable(option, origin.value) + "\" (" + origin.source + "): " +
                           status.detail());
    }
  }
  // The database URL's default depends on data_dir; show what it resolved to.
  loaded.origins["database_url"].value = loaded.settings.database_url;
  return loaded;
}

}  // namespace sw::config

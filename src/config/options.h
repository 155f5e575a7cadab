// Every option of Shouwang in one table (name, default, meaning, validation).
//
// An option named `read_timeout_seconds` is read, lowest to highest priority, from:
//   its default → the TOML file given by --config (key read_timeout_seconds)
//   → the environment (SHOUWANG_READ_TIMEOUT_SECONDS) → the flag --read-timeout-seconds.
// Each value is validated by the option's own `apply`; the first invalid one stops the start
// with a message that names it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sw::config {

// The effective configuration, typed. Built only by Load() (see loader.h).
struct Settings {
  std::string listen_host;
  std::uint16_t listen_port = 0;  // 0 lets the system pick a free port (tests use it)
  std::filesystem::path data_dir;
  std::string database_url;  // never empty after Load: defaults to SQLite inside data_dir
  std::string log_level;
  int http_threads = 0;       // io_contexts, one thread each
  int database_threads = 0;   // the pool that runs handlers touching the database
  int database_connections = 0;
  std::size_t max_body_bytes = 0;
  std::size_t max_upload_bytes = 0;
  std::size_t max_header_bytes = 0;
  int read_timeout_seconds = 0;
  int idle_timeout_seconds = 0;
  int shutdown_timeout_seconds = 0;
  int session_idle_minutes = 0;
  int session_absolute_hours = 0;
  int login_max_failures = 0;
  int login_lockout_minutes = 0;
  int password_max_age_days = 0;
  int password_hashing_concurrency = 0;
  bool totp_required_for_admins = false;
  std::string public_url;            // the app's address as users reach it, without a trailing '/'
  std::string reminder_webhook_url;  // "" = reminders are not posted to a webhook
  std::string reminder_smtp_url;     // "" = reminders are not mailed
  std::string reminder_mail_from;
  int reminder_first_retry_seconds = 0;
  int reminder_poll_seconds = 0;
};

enum class Visibility {
  kPlain,
  kUrlWithPassword,  // printed with the password part of the URL hidden
  kSecret,           // never printed
};

struct Option {
  const char* name;           // snake_case
  const char* default_value;  // as text; "" where the default is computed (see meaning)
  const char* meaning;
  Visibility visibility;
  // Validates `value` and stores it into `settings`; returns InvalidArgument naming the option.
  // Runs in table order, so an option may use those above it (database_url uses data_dir).
  Status (*apply)(std::string_view value, Settings& settings);
};

std::span<const Option> AllOptions();

// "read_timeout_seconds" → "SHOUWANG_READ_TIMEOUT_SECONDS" / "--read-timeout-seconds".
std::string EnvironmentName(std::string_view option_name);
std::string FlagName(std::string_view option_name);

// The value as `shouwang config` prints it.
std::string Printable(const Option& option, const std::string& value);

}  // namespace sw::config

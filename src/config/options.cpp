#include "config/options.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <thread>

namespace sw::config {
namespace {

// The value itself is not repeated here: the loader prints it through Printable(), so a
// password inside a URL never reaches the message.
Status Invalid(std::string_view option, std::string_view expected) {
  return Status::InvalidArgument(std::string(option), "expected " + std::string(expected));
}

bool ParseInt(std::string_view text, long long min, long long max, long long& out) {
  const char* end = text.data() + text.size();
  auto [ptr, error] = std::from_chars(text.data(), end, out);
  return error == std::errc() && ptr == end && !text.empty() && out >= min && out <= max;
}

// An integer option bounded to [min, max], stored through `store`.
template <long long kMin, long long kMax, auto kMember>
Status ApplyInt(std::string_view name, std::string_view value, Settings& settings) {
  long long parsed = 0;
  if (!ParseInt(value, kMin, kMax, parsed)) {
    return Invalid(name, "an integer from " + std::to_string(kMin) + " to " + std::to_string(kMax));
  }
  using Field = std::remove_reference_t<decltype(settings.*kMember)>;
  settings.*kMember = static_cast<Field>(parsed);
  return Status::Ok();
}

#define SW_INT_OPTION(name, min, max, member)                      \
  [](std::string_view value, Settings& settings) {                 \
    return ApplyInt<min, max, &Settings::member>(name, value, settings); \
  }

int CoreCount() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

Status ApplyListen(std::string_view value, Settings& settings) {
  const auto colon = value.rfind(':');
  long long port = 0;
  if (colon == std::string_view::npos || colon == 0 ||
      !ParseInt(value.substr(colon + 1), 0, 65535, port)) {
    return Invalid("listen", "HOST:PORT, for example 127.0.0.1:8080");
  }
  std::string_view host = value.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  settings.listen_host = std::string(host);
  settings.listen_port = static_cast<std::uint16_t>(port);
  return Status::Ok();
}

Status ApplyDataDir(std::string_view value, Settings& settings) {
  if (value.empty()) return Invalid("data_dir", "a directory path");
  settings.data_dir = std::filesystem::absolute(std::filesystem::path(value)).lexically_normal();
  return Status::Ok();
}

Status ApplyDatabaseUrl(std::string_view value, Settings& settings) {
  if (value.empty()) {
    settings.database_url = "sqlite://" + (settings.data_dir / "shouwang.db").string();
    return Status::Ok();
  }
  const bool sqlite = value.starts_with("sqlite://") && value.size() > 9;
  const bool postgres = value.starts_with("postgresql://") || value.starts_with("postgres://");
  if (!sqlite && !postgres) {
    return Invalid("database_url", "sqlite:///path/file.db or postgresql://user@host:port/db");
  }
  settings.database_url = std::string(value);
  return Status::Ok();
}

Status ApplyLogLevel(std::string_view value, Settings& settings) {
  static constexpr std::string_view kLevels[] = {"trace", "debug", "info", "warn", "error", "off"};
  if (std::find(std::begin(kLevels), std::end(kLevels), value) == std::end(kLevels)) {
    return Invalid("log_level", "one of trace, debug, info, warn, error, off");
  }
  settings.log_level = std::string(value);
  return Status::Ok();
}

Status ApplyTotpRequired(std::string_view value, Settings& settings) {
  if (value != "true" && value != "false") return Invalid("totp_required_for_admins", "true or false");
  settings.totp_required_for_admins = value == "true";
  return Status::Ok();
}

// "" (off) or a URL of one of `schemes`, stored through `member`.
template <auto kMember>
Status ApplyUrl(std::string_view name, std::string_view value, std::initializer_list<std::string_view> schemes,
                Settings& settings) {
  const bool known = std::any_of(schemes.begin(), schemes.end(), [&](std::string_view scheme) {
    return value.starts_with(scheme) && value.size() > scheme.size();
  });
  const bool plain = std::none_of(value.begin(), value.end(), [](char c) { return c <= ' ' || c == 0x7f; });
  if (!value.empty() && !(known && plain)) {
    std::string expected = "empty (off) or a URL starting with";
    for (std::string_view scheme : schemes) (expected += ' ') += scheme;
    return Invalid(name, expected);
  }
  settings.*kMember = std::string(value);
  return Status::Ok();
}

Status ApplyPublicUrl(std::string_view value, Settings& settings) {
  while (value.ends_with('/')) value.remove_suffix(1);
  return ApplyUrl<&Settings::public_url>("public_url", value, {"http://", "https://"}, settings);
}

// Required once reminders are mailed (the option above it in the table).
Status ApplyMailFrom(std::string_view value, Settings& settings) {
  const bool address = value.find('@') != std::string_view::npos &&
                       value.find_first_of(" <>\r\n\t,;") == std::string_view::npos;
  if (!value.empty() && !address) return Invalid("reminder_mail_from", "an e-mail address such as shouwang@example.cn");
  if (value.empty() && !settings.reminder_smtp_url.empty()) {
    return Invalid("reminder_mail_from", "the sender's address, since reminder_smtp_url is set");
  }
  settings.reminder_mail_from = std::string(value);
  return Status::Ok();
}

// Thread counts: "0" means one per core.
template <auto kMember>
Status ApplyThreads(std::string_view name, std::string_view value, Settings& settings) {
  Status status = ApplyInt<0, 256, kMember>(name, value, settings);
  if (status.ok() && settings.*kMember == 0) settings.*kMember = CoreCount();
  return status;
}

const Option kOptions[] = {
    {"listen", "127.0.0.1:8080", "address and port the server listens on (HOST:PORT)",
     Visibility::kPlain, ApplyListen},
    {"data_dir", "./data", "directory for the SQLite database, uploads and backups",
     Visibility::kPlain, ApplyDataDir},
    {"database_url", "",
     "sqlite:///path/file.db or postgresql://user:password@host:port/db; "
     "empty means sqlite://<data_dir>/shouwang.db",
     Visibility::kUrlWithPassword, ApplyDatabaseUrl},
    {"log_level", "info", "trace, debug, info, warn, error or off", Visibility::kPlain, ApplyLogLevel},
    {"http_threads", "0", "threads serving connections, one io_context each; 0 = one per core",
     Visibility::kPlain,
     [](std::string_view v, Settings& s) { return ApplyThreads<&Settings::http_threads>("http_threads", v, s); }},
    {"database_threads", "4",
     "threads running requests that touch the database (on SQLite as many again for lists); 0 = one per core",
     Visibility::kPlain,
     [](std::string_view v, Settings& s) {
       return ApplyThreads<&Settings::database_threads>("database_threads", v, s);
     }},
    {"database_connections", "8", "connections in the database pool (readers for SQLite)",
     Visibility::kPlain, SW_INT_OPTION("database_connections", 1, 512, database_connections)},
    {"max_body_bytes", "1048576", "largest request body accepted, in bytes", Visibility::kPlain,
     SW_INT_OPTION("max_body_bytes", 1024, 1LL << 32, max_body_bytes)},
    {"max_upload_bytes", "10485760", "largest photo or scan accepted, in bytes (before it is shrunk)",
     Visibility::kPlain, SW_INT_OPTION("max_upload_bytes", 1024, 1LL << 32, max_upload_bytes)},
    {"max_header_bytes", "16384", "largest request head (request line and headers), in bytes",
     Visibility::kPlain, SW_INT_OPTION("max_header_bytes", 1024, 1 << 20, max_header_bytes)},
    {"read_timeout_seconds", "15", "time a client has to send a whole request", Visibility::kPlain,
     SW_INT_OPTION("read_timeout_seconds", 1, 3600, read_timeout_seconds)},
    {"idle_timeout_seconds", "60", "time a keep-alive connection may wait for its next request",
     Visibility::kPlain, SW_INT_OPTION("idle_timeout_seconds", 1, 3600, idle_timeout_seconds)},
    {"shutdown_timeout_seconds", "30",
     "on SIGTERM, time in-flight requests get to finish before the process exits",
     Visibility::kPlain, SW_INT_OPTION("shutdown_timeout_seconds", 1, 3600, shutdown_timeout_seconds)},
    {"session_idle_minutes", "30", "a session ends after this long without a request", Visibility::kPlain,
     SW_INT_OPTION("session_idle_minutes", 1, 24 * 60, session_idle_minutes)},
    {"session_absolute_hours", "12", "a session ends this long after login, however active", Visibility::kPlain,
     SW_INT_OPTION("session_absolute_hours", 1, 7 * 24, session_absolute_hours)},
    {"login_max_failures", "6", "failed logins in a row that lock a username", Visibility::kPlain,
     SW_INT_OPTION("login_max_failures", 1, 100, login_max_failures)},
    {"login_lockout_minutes", "30", "how long a locked username stays locked", Visibility::kPlain,
     SW_INT_OPTION("login_lockout_minutes", 1, 24 * 60, login_lockout_minutes)},
    {"password_max_age_days", "180", "a password older than this must be changed at the next login",
     Visibility::kPlain, SW_INT_OPTION("password_max_age_days", 1, 3650, password_max_age_days)},
    {"password_hashing_concurrency", "2",
     "password hashes computed at once (each takes ~60 ms and 64 MiB); more logins wait their turn",
     Visibility::kPlain, SW_INT_OPTION("password_hashing_concurrency", 1, 64, password_hashing_concurrency)},
    {"totp_required_for_admins", "false",
     "true: system, security and audit admins must set up a TOTP second factor before anything else",
     Visibility::kPlain, ApplyTotpRequired},
    {"public_url", "", "the address users open the app at (https://…); reminders sent out link to it",
     Visibility::kPlain, ApplyPublicUrl},
    {"reminder_webhook_url", "",
     "empty (off) or an http(s) URL each reminder is POSTed to as JSON, without the child's name",
     Visibility::kSecret,  // a chat bot's URL carries its key
     [](std::string_view v, Settings& s) {
       return ApplyUrl<&Settings::reminder_webhook_url>("reminder_webhook_url", v, {"http://", "https://"}, s);
     }},
    {"reminder_smtp_url", "",
     "empty (off) or smtp://user:password@host:587 (STARTTLS) or smtps://…:465; reminders are mailed to users "
     "with an e-mail address",
     Visibility::kUrlWithPassword,
     [](std::string_view v, Settings& s) {
       return ApplyUrl<&Settings::reminder_smtp_url>("reminder_smtp_url", v, {"smtp://", "smtps://"}, s);
     }},
    {"reminder_mail_from", "", "the sender's address of reminder mails (needed with reminder_smtp_url)",
     Visibility::kPlain, ApplyMailFrom},
    {"reminder_first_retry_seconds", "60",
     "a reminder that could not be sent is tried again after this long, then twice as long each time (8 tries)",
     Visibility::kPlain, SW_INT_OPTION("reminder_first_retry_seconds", 1, 86400, reminder_first_retry_seconds)},
    {"reminder_poll_seconds", "30", "how often the server looks for reminders to send", Visibility::kPlain,
     SW_INT_OPTION("reminder_poll_seconds", 1, 3600, reminder_poll_seconds)},
};

#undef SW_INT_OPTION

std::string HidePassword(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const auto authority_start = scheme_end + 3;
  const auto at = url.find('@', authority_start);
  const auto slash = url.find('/', authority_start);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return url;
  const auto colon = url.find(':', authority_start);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "****" + url.substr(at);
}

std::string Transform(std::string_view name, char from, char to, bool upper) {
  std::string out(name);
  for (char& c : out) {
    if (c == from) c = to;
    if (upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

std::span<const Option> AllOptions() { return kOptions; }

std::string EnvironmentName(std::string_view option_name) {
  return "SHOUWANG_" + Transform(option_name, '-', '_', true);
}

std::string FlagName(std::string_view option_name) {
  return "--" + Transform(option_name, '_', '-', false);
}

std::string Printable(const Option& option, const std::string& value) {
  switch (option.visibility) {
    case Visibility::kPlain: return value;
    case Visibility::kUrlWithPassword: return HidePassword(value);
    case Visibility::kSecret: return value.empty() ? "" : "(hidden)";
  }
  return "";
}

}  // namespace sw::config

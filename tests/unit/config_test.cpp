#include <gtest/gtest.h>

#include <fstream>

#include "config/loader.h"

namespace sw::config {
namespace {

using Environment = std::map<std::string, std::string>;

EnvironmentLookup From(const Environment& environment) {
  return [environment](const std::string& name) -> std::optional<std::string> {
    auto found = environment.find(name);
    if (found == environment.end()) return std::nullopt;
    return found->second;
  };
}

std::filesystem::path WriteFile(const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("shouwang-config-" + std::to_string(::getpid()) + ".toml");
  std::ofstream(path) << text;
  return path;
}

TEST(Config, DefaultsMatchTheDocumentedFlags) {
  auto loaded = Load(std::nullopt, From({}), {});
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->settings.listen_host, "127.0.0.1");
  EXPECT_EQ(loaded->settings.listen_port, 8080);
  EXPECT_EQ(loaded->settings.data_dir, std::filesystem::absolute("data").lexically_normal());
  EXPECT_EQ(loaded->settings.database_url,
            "sqlite://" + (loaded->settings.data_dir / "shouwang.db").string());
  EXPECT_GE(loaded->settings.http_threads, 1);
}

TEST(Config, FlagBeatsEnvironmentBeatsFileBeatsDefault) {
  const auto file = WriteFile("listen = \"127.0.0.1:1111\"\nidle_timeout_seconds = 7\nlog_level = \"warn\"\n");
  auto loaded = Load(file, From({{"SHOUWANG_LISTEN", "127.0.0.1:2222"}, {"SHOUWANG_LOG_LEVEL", "error"}}),
                     {{"listen", "127.0.0.1:3333"}});
  std::filesystem::remove(file);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->settings.listen_port, 3333);
  EXPECT_EQ(loaded->origins["listen"].source, "flag:--listen");
  EXPECT_EQ(loaded->settings.log_level, "error");
  EXPECT_EQ(loaded->origins["log_level"].source, "env:SHOUWANG_LOG_LEVEL");
  EXPECT_EQ(loaded->settings.idle_timeout_seconds, 7);
  EXPECT_TRUE(loaded->origins["idle_timeout_seconds"].source.starts_with("file:"));
  EXPECT_EQ(loaded->origins["read_timeout_seconds"].source, "default");
}

TEST(Config, DatabaseUrlDefaultFollowsDataDir) {
  auto loaded = Load(std::nullopt, From({}), {{"data_dir", "/srv/school"}});
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->settings.database_url, "sqlite:///srv/school/shouwang.db");
}

struct InvalidCase {
  std::string option;
  std::string value;
};

void PrintTo(const InvalidCase& invalid, std::ostream* out) { *out << invalid.option << "=" << invalid.value; }

class InvalidOption : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(InvalidOption, StopsWithAMessageNamingIt) {
  auto loaded = Load(std::nullopt, From({}), {{GetParam().option, GetParam().value}});
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().field(), GetParam().option);
  EXPECT_NE(loaded.status().detail().find("\"" + GetParam().option + "\""), std::string::npos)
      << loaded.status().detail();
}

INSTANTIATE_TEST_SUITE_P(Config, InvalidOption,
                         ::testing::Values(InvalidCase{"listen", "8080"}, InvalidCase{"listen", "host:99999"},
                                           InvalidCase{"read_timeout_seconds", "0"},
                                           InvalidCase{"read_timeout_seconds", "10s"},
                                           InvalidCase{"max_body_bytes", "-1"},
                                           InvalidCase{"log_level", "loud"},
                                           InvalidCase{"database_url", "mysql://x"},
                                           InvalidCase{"data_dir", ""},
                                           InvalidCase{"reminder_webhook_url", "ftp://gateway/hook"},
                                           InvalidCase{"reminder_smtp_url", "mail.example.cn:25"},
                                           InvalidCase{"public_url", "shouwang.example.cn"},
                                           InvalidCase{"reminder_mail_from", "Shouwang <a@b.cn>"}),
                         [](const ::testing::TestParamInfo<InvalidCase>& param_info) {
                           return param_info.param.option + "_" + std::to_string(param_info.index);
                         });

TEST(Config, RemindersGoOutOnlyWhenToldWhereAndMailsNeedASender) {
  auto defaults = Load(std::nullopt, From({}), {});
  ASSERT_TRUE(defaults.ok());
  EXPECT_TRUE(defaults->settings.reminder_webhook_url.empty());
  EXPECT_TRUE(defaults->settings.reminder_smtp_url.empty());
  auto no_sender = Load(std::nullopt, From({}), {{"reminder_smtp_url", "smtp://mail.example.cn:587"}});
  ASSERT_FALSE(no_sender.ok());
  EXPECT_EQ(no_sender.status().field(), "reminder_mail_from");
  auto mailing = Load(std::nullopt, From({}), {{"reminder_smtp_url", "smtp://mail.example.cn:587"},
                                                {"reminder_mail_from", "shouwang@example.cn"},
                                                {"public_url", "https://shouwang.example.cn/"}});
  ASSERT_TRUE(mailing.ok()) << mailing.status().ToString();
  EXPECT_EQ(mailing->settings.public_url, "https://shouwang.example.cn");
}

TEST(Config, AWebhooksKeyIsNeverPrinted) {
  for (const Option& option : AllOptions()) {
    if (std::string(option.name) != "reminder_webhook_url") continue;
    EXPECT_EQ(Printable(option, "https://qyapi.example.cn/webhook/send?key=s3cret"), "(hidden)");
  }
}

TEST(Config, InvalidEnvironmentValueNamesItsSource) {
  auto loaded = Load(std::nullopt, From({{"SHOUWANG_IDLE_TIMEOUT_SECONDS", "forever"}}), {});
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().detail().find("env:SHOUWANG_IDLE_TIMEOUT_SECONDS"), std::string::npos);
}

TEST(Config, UnknownKeyInFileIsRefused) {
  const auto file = WriteFile("listne = \"127.0.0.1:1\"\n");
  auto loaded = Load(file, From({}), {});
  std::filesystem::remove(file);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().field(), "listne");
}

TEST(Config, BrokenFileIsRefused) {
  const auto file = WriteFile("listen = \n");
  auto loaded = Load(file, From({}), {});
  std::filesystem::remove(file);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().field(), "config");
}

TEST(Config, PasswordsInDatabaseUrlAreNeverPrinted) {
  const Option* url_option = nullptr;
  for (const Option& option : AllOptions()) {
    if (std::string(option.name) == "database_url") url_option = &option;
  }
  ASSERT_NE(url_option, nullptr);
  EXPECT_EQ(Printable(*url_option, "postgresql://care:s3cret@db.local:5432/shouwang"),
            "postgresql://care:****@db.local:5432/shouwang");
  EXPECT_EQ(Printable(*url_option, "postgresql://care@db.local/shouwang"), "postgresql://care@db.local/shouwang");

  auto loaded = Load(std::nullopt, From({}), {{"database_url", "mysql://root:s3cret@x/db"}});
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().detail().find("s3cret"), std::string::npos) << loaded.status().detail();
}

TEST(Config, NamesMapToEnvironmentAndFlags) {
  EXPECT_EQ(EnvironmentName("read_timeout_seconds"), "SHOUWANG_READ_TIMEOUT_SECONDS");
  EXPECT_EQ(FlagName("read_timeout_seconds"), "--read-timeout-seconds");
}

}  // namespace
}  // namespace sw::config

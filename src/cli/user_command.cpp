// shouwang user add --username U --role ROLE --org CODE [--name NAME] [--email ADDRESS] [--password-stdin]
//                user list | user disable --username U | user reset-password --username U
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/command_support.h"
#include "cli/commands.h"

namespace sw::cli {
namespace {

struct UserOptions {
  std::string username, role, org, name, email;
  bool password_stdin = false;
};

// Runs `action` with the UserService over the configured database.
int WithUsers(const config::Loaded& loaded, const std::function<int(domain::UserService&)>& action) {
  return WithServices(loaded.settings, [&](CommandServices& services) { return action(services.users); });
}

void PrintTemporaryPassword(const domain::IssuedPassword& issued) {
  if (issued.password.empty()) return;
  std::cout << "temporary password: " << issued.password << "\n"
            << "(hand it over in person; it must be changed at first login)\n";
}

int RunAdd(const config::Loaded& loaded, const UserOptions& options) {
  auto role = domain::ParseRole(options.role);
  if (!role) return ReportFailure(Status::InvalidArgument("role", "unknown role " + options.role));
  domain::NewUser request{.username = options.username, .display_name = options.name, .email = options.email,
                          .role = *role,
                          .org_code = options.org, .password = std::nullopt};
  if (options.password_stdin) {
    std::string password;
    std::getline(std::cin, password);
    request.password = password;
  }
  return WithUsers(loaded, [&](domain::UserService& users) {
    auto issued = users.Add(request, domain::Authority::Operator(), domain::Actor::CommandLine());
    if (!issued.ok()) return ReportFailure(issued.status());
    std::cout << "added user " << issued->user.username << " as " << options.role << " of " << options.org << "\n";
    PrintTemporaryPassword(*issued);
    return 0;
  });
}

std::string Describe(const domain::User& user) {
  std::string roles;
  for (const auto& assignment : user.roles) {
    roles += (roles.empty() ? "" : ",") + std::string(domain::RoleName(assignment.role)) + "@" + assignment.org_code;
  }
  std::string state = user.active ? "active" : "disabled";
  if (!user.locked_until.empty()) state += ", locked until " + user.locked_until;
  if (user.must_change_password) state += ", must change password";
  return user.username + "\t" + user.display_name + "\t" + roles + "\t" + state;
}

int RunList(const config::Loaded& loaded) {
  return WithUsers(loaded, [](domain::UserService& users) {
    auto listed = users.List(domain::Authority::Operator(), domain::Actor::CommandLine());
    if (!listed.ok()) return ReportFailure(listed.status());
    for (const auto& user : *listed) std::cout << Describe(user) << "\n";
    return 0;
  });
}

int RunDisable(const config::Loaded& loaded, const UserOptions& options) {
  return WithUsers(loaded, [&](domain::UserService& users) {
    Status status = users.SetActive(options.username, false, domain::Authority::Operator(), domain::Actor::CommandLine());
    if (!status.ok()) return ReportFailure(status);
    std::cout << "disabled " << options.username << "\n";
    return 0;
  });
}

int RunResetPassword(const config::Loaded& loaded, const UserOptions& options) {
  return WithUsers(loaded, [&](domain::UserService& users) {
    auto issued = users.ResetPassword(options.username, domain::Authority::Operator(), domain::Actor::CommandLine());
    if (!issued.ok()) return ReportFailure(issued.status());
    PrintTemporaryPassword(*issued);
    return 0;
  });
}

// A subcommand taking --username whose runner is `run`.
CLI::App* AddUsernameCommand(CLI::App& parent, const char* name, const char* description,
                             const std::shared_ptr<UserOptions>& options, Runner& chosen,
                             int (*run)(const config::Loaded&, const UserOptions&)) {
  auto* command = AddCommand(parent, name, description);
  command->add_option("--username", options->username, "login name")->required();
  command->callback([&chosen, options, run] {
    chosen = [options, run](const config::Loaded& l) { return run(l, *options); };
  });
  return command;
}

}  // namespace

void RegisterUser(CLI::App& app, Runner& chosen) {
  auto* user = AddCommand(app, "user", "user accounts");
  user->require_subcommand(1);
  auto options = std::make_shared<UserOptions>();
  auto* add = AddUsernameCommand(*user, "add", "add a user with one role bound to an organisation", options, chosen,
                                 RunAdd);
  add->add_option("--role", options->role, "system_admin, county_official, head_teacher, helper, …")->required();
  add->add_option("--org", options->org, "code of the organisation the role is bound to")->required();
  add->add_option("--name", options->name, "display name (default: the username)");
  add->add_option("--email", options->email, "where reminders are mailed, when the server mails them");
  add->add_flag("--password-stdin", options->password_stdin,
                "read the password from standard input instead of generating a temporary one");
  AddCommand(*user, "list", "list users, their roles and state")->callback([&chosen] { chosen = RunList; });
  AddUsernameCommand(*user, "disable", "disable an account (it can no longer log in)", options, chosen, RunDisable);
  AddUsernameCommand(*user, "reset-password", "issue a new temporary password and lift a lockout", options, chosen,
                     RunResetPassword);
}

}  // namespace sw::cli

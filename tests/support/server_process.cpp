#include "support/server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace sw::testing {
namespace {

constexpr int kStartTimeoutMs = 30000;  // sanitizer builds start slowly on a busy machine

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (auto& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

// Spawns the binary with stdin ← `stdin_path`, stdout → `stdout_fd` and stderr → `stderr_fd`.
pid_t Spawn(std::vector<std::string> args, int stdout_fd, int stderr_fd, std::vector<std::string> environment = {},
            const char* stdin_path = "/dev/null") {
  args.insert(args.begin(), SHOUWANG_BINARY);
  for (char** variable = environ; *variable != nullptr; ++variable) environment.emplace_back(*variable);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdout_fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, stderr_fd, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, stdin_path, O_RDONLY, 0);
  auto argv = Pointers(args);
  auto envp = Pointers(environment);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, SHOUWANG_BINARY, &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) throw std::runtime_error("cannot start " SHOUWANG_BINARY);
  return pid;
}

// Reads stdout until the "listening on http://HOST:PORT" line; returns the port.
int ReadPort(int fd, pid_t pid) {
  std::string output;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kStartTimeoutMs);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd ready{fd, POLLIN, 0};
    if (poll(&ready, 1, 100) <= 0) continue;
    char chunk[512];
    const ssize_t got = read(fd, chunk, sizeof chunk);
    if (got <= 0) break;
    output.append(chunk, static_cast<std::size_t>(got));
    const auto at = output.find("listening on http://");
    const auto newline = output.find('\n', at);
    if (at != std::string::npos && newline != std::string::npos) {
      const std::string address = output.substr(at + 20, newline - at - 20);
      return std::stoi(address.substr(address.rfind(':') + 1));
    }
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  throw std::runtime_error("shouwang serve did not start; it printed: " + output);
}

int ExitCode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

ShouwangProcess::ShouwangProcess(const std::vector<std::string>& args, const std::filesystem::path& log_path)
    : log_path_(log_path) {
  const int log_fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_ = Spawn(args, log_fd, log_fd);
  close(log_fd);
}

ServerProcess::ServerProcess(const std::filesystem::path& data_dir, const std::string& database_url,
                             const std::vector<std::string>& extra_args)
    : ShouwangProcess(data_dir / "server.log") {
  std::vector<std::string> args = {"serve", "--listen", "127.0.0.1:0", "--data-dir", data_dir.string(),
                                   "--database-url", database_url};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  const int log_fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_ = Spawn(args, pipe_fds[1], log_fd);
  close(pipe_fds[1]);
  close(log_fd);
  try {
    port_ = ReadPort(pipe_fds[0], pid_);
  } catch (...) {
    close(pipe_fds[0]);
    pid_ = -1;
    throw;
  }
  close(pipe_fds[0]);
}

ShouwangProcess::~ShouwangProcess() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

void ShouwangProcess::Signal(int signal) const { kill(pid_, signal); }

int ShouwangProcess::Wait(int timeout_seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return ExitCode(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

std::string ShouwangProcess::Log() const {
  std::ifstream file(log_path_);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

bool ShouwangProcess::WaitForLog(const std::string& text, int timeout_ms) const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (Log().find(text) == std::string::npos) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

int RunShouwang(const std::vector<std::string>& args, std::string& output, const RunOptions& options) {
  char input_path[] = "/tmp/shouwang-input-XXXXXX";
  const int input_fd = mkstemp(input_path);
  if (write(input_fd, options.input.data(), options.input.size()) != static_cast<ssize_t>(options.input.size())) {
    throw std::runtime_error("cannot write the command's input");
  }
  close(input_fd);
  char path[] = "/tmp/shouwang-run-XXXXXX";
  const int fd = mkstemp(path);
  const pid_t pid = Spawn(args, fd, fd, options.environment, input_path);
  int status = 0;
  waitpid(pid, &status, 0);
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  output = text.str();
  close(fd);
  unlink(path);
  unlink(input_path);
  return ExitCode(status);
}

}  // namespace sw::testing

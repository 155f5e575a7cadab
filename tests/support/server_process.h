// The real `shouwang` binary run by tests: a server on a free port of 127.0.0.1, a command in
// the background, or a command run to completion.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace sw::testing {

// A `shouwang` command running in the background; killed when the object goes away if it is
// still running.
class ShouwangProcess {
 public:
  // Starts `shouwang ARGS…` with standard output and error going to `log_path`.
  ShouwangProcess(const std::vector<std::string>& args, const std::filesystem::path& log_path);
  ~ShouwangProcess();
  ShouwangProcess(const ShouwangProcess&) = delete;
  ShouwangProcess& operator=(const ShouwangProcess&) = delete;

  pid_t pid() const { return pid_; }
  void Signal(int signal) const;
  // Waits for the process to end; returns its exit code, or 128 + signal if a signal ended it,
  // or -1 if it was still running after `timeout_seconds`.
  int Wait(int timeout_seconds);
  // What the process wrote to its log so far.
  std::string Log() const;
  // Waits up to `timeout_ms` for `text` to appear in the log. Returns whether it did.
  bool WaitForLog(const std::string& text, int timeout_ms = 3000) const;

 protected:
  explicit ShouwangProcess(std::filesystem::path log_path) : log_path_(std::move(log_path)) {}

  pid_t pid_ = -1;
  std::filesystem::path log_path_;
};

// The real `shouwang serve` binary, started on a free port of 127.0.0.1 for one test; its log
// (standard error) is Log().
class ServerProcess : public ShouwangProcess {
 public:
  // Starts `shouwang serve --listen 127.0.0.1:0 --data-dir DIR --database-url URL EXTRA…`
  // and waits until it prints the address it listens on. Throws if it does not come up.
  ServerProcess(const std::filesystem::path& data_dir, const std::string& database_url,
                const std::vector<std::string>& extra_args = {});

  int port() const { return port_; }

 private:
  int port_ = 0;
};

struct RunOptions {
  std::vector<std::string> environment;  // extra NAME=value entries
  std::string input;                     // what the command reads on standard input
};

// Runs the binary with `args` to completion; returns its exit code and puts stdout + stderr
// into `output`.
int RunShouwang(const std::vector<std::string>& args, std::string& output, const RunOptions& options = {});

}  // namespace sw::testing

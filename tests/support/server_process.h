// The real `shouwang serve` binary, started on a free port of 127.0.0.1 for one test.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace sw::testing {

class ServerProcess {
 public:
  // Starts `shouwang serve --listen 127.0.0.1:0 --data-dir DIR --database-url URL EXTRA…`
  // and waits until it prints the address it listens on. Throws if it does not come up.
  ServerProcess(const std::filesystem::path& data_dir, const std::string& database_url,
                const std::vector<std::string>& extra_args = {});
  ~ServerProcess();  // kills the process if it is still running
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }

  void Signal(int signal) const;
  // Waits for the process to end; returns its exit code, or 128 + signal if a signal ended it,
  // or -1 if it was still running after `timeout_seconds`.
  int Wait(int timeout_seconds);
  // What the server wrote to standard error so far (its log).
  std::string Log() const;
  // Waits up to `timeout_ms` for `text` to appear in the log (lines are written after the
  // response they describe). Returns whether it did.
  bool WaitForLog(const std::string& text, int timeout_ms = 3000) const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::filesystem::path log_path_;
};

struct RunOptions {
  std::vector<std::string> environment;  // extra NAME=value entries
  std::string input;                     // what the command reads on standard input
};

// Runs the binary with `args` to completion; returns its exit code and puts stdout + stderr
// into `output`.
int RunShouwang(const std::vector<std::string>& args, std::string& output, const RunOptions& options = {});

}  // namespace sw::testing

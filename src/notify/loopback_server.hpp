// Test helper: runs a small Python server (an SMTP sink, a fake SMS gateway) on a free loopback
// port as a child process. The script prints its port on its first stdout line; the server is
// killed when this object is destroyed. For tests only; one owner thread.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace simreg::notify::testing {

class LoopbackServer {
 public:
  LoopbackServer();  // creates the private directory, so path() is usable before start()
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  // Writes `script` to a private temporary directory and runs Debian's python3 on it with `args`.
  // Returns false (with `error()` set) when it did not report a port within 15 seconds.
  bool start(const std::string& script, const std::vector<std::string>& args);
  int port() const { return port_; }
  const std::string& error() const { return error_; }
  // A file path inside the private directory, for the script's output.
  std::filesystem::path path(const std::string& name) const { return dir_ / name; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string error_;
  std::filesystem::path dir_;
};

// Reads a whole file ("" when missing).
std::string read_file(const std::filesystem::path& file);

}  // namespace simreg::notify::testing

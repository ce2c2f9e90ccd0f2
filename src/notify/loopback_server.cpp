#include "notify/loopback_server.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace simreg::notify::testing {
namespace {

constexpr int kStartTimeoutMs = 15000;

std::string python() {
  return ::access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

}  // namespace

LoopbackServer::LoopbackServer() {
  std::string templ =
      (std::filesystem::temp_directory_path() / "simreg-notify-test.XXXXXX").string();
  if (::mkdtemp(templ.data()) != nullptr) dir_ = templ;
}

LoopbackServer::~LoopbackServer() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
}

bool LoopbackServer::start(const std::string& script, const std::vector<std::string>& args) {
  if (dir_.empty()) {
    error_ = "mkdtemp failed";
    return false;
  }
  const auto script_file = dir_ / "server.py";
  std::ofstream(script_file) << script;

  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) {
    error_ = "pipe failed";
    return false;
  }
  const std::string interpreter = python();
  std::vector<std::string> argv_strings{interpreter, script_file.string()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_strings) argv.push_back(arg.data());
  argv.push_back(nullptr);

  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    ::execvp(argv[0], argv.data());
    std::_Exit(127);
  }
  ::close(pipe_fds[1]);
  if (pid_ < 0) {
    ::close(pipe_fds[0]);
    error_ = "fork failed";
    return false;
  }
  std::string line;
  pollfd fd{pipe_fds[0], POLLIN, 0};
  while (line.find('\n') == std::string::npos) {
    if (::poll(&fd, 1, kStartTimeoutMs) <= 0) break;
    char buffer[64];
    const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (n <= 0) break;
    line.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  port_ = std::atoi(line.c_str());
  if (port_ <= 0) {
    error_ =
        "the server script did not report a port (is " + interpreter + " with aiosmtpd installed?)";
    return false;
  }
  return true;
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

}  // namespace simreg::notify::testing

// Server: the HTTP(S) listener. Owns the io_context, accepts connections and serves each on its
// own strand; routes come from the Router (plus the built-in GET /healthz and GET /metrics, added
// by the constructor), blocking work goes to the WorkerPool. start() then run() once; stop() may be
// called from any thread or a signal handler. The Router, pool and metrics must outlive the Server.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/authenticator.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/worker_pool.hpp"

namespace simreg::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 = pick a free one
  int io_threads = 1;
  std::size_t header_limit = 16 * 1024;
  std::chrono::seconds read_timeout{30};     // whole request (and each response write)
  std::chrono::seconds idle_timeout{60};     // keep-alive wait for the next request
  int max_requests_per_connection = 1000;    // keep-alive/pipelining bound
  std::vector<std::string> allowed_origins;  // CSRF Origin check, e.g. "http://127.0.0.1:8080"
  std::optional<std::filesystem::path> tls_cert_file, tls_key_file;  // both set → HTTPS only
  std::optional<std::filesystem::path> web_root;  // built UI (index.html + assets/)
  std::chrono::seconds shutdown_grace{10};
};

class Server {
 public:
  // Adds GET /healthz and GET /metrics to `router` (throws std::invalid_argument if present).
  Server(ServerOptions options, Router& router, WorkerPool& pool, Metrics& metrics,
         Authenticator authenticator);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Loads web_root and the TLS key pair, binds (SO_REUSEADDR) and listens; returns the bound port.
  // Errors: "server.bind_failed", "server.tls_failed", "server.web_root_unreadable".
  Result<std::uint16_t> start();

  // Blocks serving until SIGTERM/SIGINT or stop(); then stops accepting, closes idle keep-alive
  // connections, lets in-flight requests finish (connections still busy after shutdown_grace are
  // closed), and returns. A worker-pool job cannot be interrupted: run() returns once the jobs of
  // closed connections have handed back. Call once, after a successful start().
  void run();

  // Replaces ServerOptions::allowed_origins, for origins only known once start() has picked the
  // port. Call before run() (not thread-safe against requests being served).
  void set_allowed_origins(std::vector<std::string> origins);

  // Thread-safe and async-signal-safe (one write(2) to a self-pipe). Before run(), run() returns
  // as soon as it starts.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace simreg::http

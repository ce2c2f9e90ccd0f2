// Test support for http_test: a tiny synchronous Beast client (plain or TLS) and a TestServer
// that runs a real Server on 127.0.0.1 with a free port in a background thread. Test-only code;
// each object is used from one test thread.
#pragma once

#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/worker_pool.hpp"

namespace simreg::http::testing {

using ClientResponse = bhttp::response<bhttp::string_body>;
using Headers = std::vector<std::pair<std::string, std::string>>;

// Builds a request with Host set; body sets Content-Length.
Request make_request(bhttp::verb method, std::string target, const Headers& headers = {},
                     std::string body = {});

// One plain TCP connection; keep-alive capable.
class TestClient {
 public:
  explicit TestClient(std::uint16_t port);
  ClientResponse send(Request request);
  ClientResponse get(std::string target, const Headers& headers = {});
  // Writes raw bytes as-is (for malformed requests and unnormalized paths).
  void write_raw(const std::string& bytes);
  // Like write_raw but touches only the socket (no timer), so one other thread may run it while
  // this thread waits in read_response().
  void write_raw_beside_read(const std::string& bytes);
  ClientResponse read_response();
  // Reads a response to a HEAD request (the parser must not expect a body).
  ClientResponse read_head_response();
  // True when the server closes the connection within `wait` (reads until EOF or error).
  bool closed_by_server(std::chrono::milliseconds wait);

 private:
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
};

// One-shot request on a fresh connection.
ClientResponse fetch(std::uint16_t port, bhttp::verb method, std::string target,
                     const Headers& headers = {}, std::string body = {});

// Principal from the X-Test-Principal header: "subscriber" or "staff:role1,role2".
std::optional<Principal> header_principal(RequestContext& ctx);

class TestServer {
 public:
  explicit TestServer(const std::function<void(Router&)>& add_routes, ServerOptions options = {},
                      int pool_threads = 2, std::size_t queue_capacity = 64);
  ~TestServer();  // stops and joins
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  std::uint16_t port() const { return port_; }
  void stop_and_join();  // idempotent
  bool run_returned() const { return run_returned_.load(); }

  Router router;
  Metrics metrics;
  WorkerPool pool;
  std::unique_ptr<Server> server;

 private:
  std::uint16_t port_ = 0;
  std::thread thread_;
  std::atomic<bool> run_returned_{false};
};

// A RouteSpec with the common defaults tests need.
RouteSpec test_route(bhttp::verb method, std::string pattern, Access access, Handler handler);

// A temporary directory removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  void write(const std::string& relative, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

}  // namespace simreg::http::testing

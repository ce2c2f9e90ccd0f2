#include "http/http_test_client.hpp"

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include <boost/asio/connect.hpp>

namespace simreg::http::testing {

Request make_request(bhttp::verb method, std::string target, const Headers& headers,
                     std::string body) {
  Request request{method, target, 11};
  request.set(bhttp::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) request.insert(name, value);
  if (!body.empty() || method == bhttp::verb::post || method == bhttp::verb::put ||
      method == bhttp::verb::patch) {
    request.body() = std::move(body);
    request.prepare_payload();
  }
  return request;
}

TestClient::TestClient(std::uint16_t port) : stream_(ioc_) {
  stream_.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
}

ClientResponse TestClient::send(Request request) {
  const bool head = request.method() == bhttp::verb::head;
  stream_.expires_after(std::chrono::seconds(10));
  bhttp::write(stream_, request);
  return head ? read_head_response() : read_response();
}

ClientResponse TestClient::get(std::string target, const Headers& headers) {
  return send(make_request(bhttp::verb::get, std::move(target), headers));
}

void TestClient::write_raw(const std::string& bytes) {
  stream_.expires_after(std::chrono::seconds(10));
  boost::asio::write(stream_, boost::asio::buffer(bytes));
}

void TestClient::write_raw_beside_read(const std::string& bytes) {
  boost::asio::write(stream_.socket(), boost::asio::buffer(bytes));
}

ClientResponse TestClient::read_response() {
  stream_.expires_after(std::chrono::seconds(10));
  ClientResponse response;
  bhttp::read(stream_, buffer_, response);
  return response;
}

ClientResponse TestClient::read_head_response() {
  stream_.expires_after(std::chrono::seconds(10));
  bhttp::response_parser<bhttp::string_body> parser;
  parser.skip(true);
  bhttp::read(stream_, buffer_, parser);
  return parser.release();
}

bool TestClient::closed_by_server(std::chrono::milliseconds wait) {
  stream_.expires_after(wait);
  char byte = 0;
  boost::beast::error_code ec;
  stream_.read_some(boost::asio::buffer(&byte, 1), ec);
  return ec && ec != boost::beast::error::timeout;
}

ClientResponse fetch(std::uint16_t port, bhttp::verb method, std::string target,
                     const Headers& headers, std::string body) {
  TestClient client(port);
  return client.send(make_request(method, std::move(target), headers, std::move(body)));
}

std::optional<Principal> header_principal(RequestContext& ctx) {
  const auto value = ctx.header("X-Test-Principal");
  if (!value) return std::nullopt;
  Principal principal;
  principal.account_id = "acct-1";
  principal.session_id = "sess-1";
  principal.locale = "en";
  if (*value == "subscriber") return principal;
  if (value->rfind("staff:", 0) == 0) {
    principal.kind = Principal::Kind::staff;
    std::stringstream roles(value->substr(6));
    std::string role;
    while (std::getline(roles, role, ',')) {
      if (!role.empty()) principal.roles.insert(role);
    }
    return principal;
  }
  return std::nullopt;
}

TestServer::TestServer(const std::function<void(Router&)>& add_routes, ServerOptions options,
                       int pool_threads, std::size_t queue_capacity)
    : pool(pool_threads, queue_capacity) {
  add_routes(router);
  options.port = 0;
  server = std::make_unique<Server>(std::move(options), router, pool, metrics, header_principal);
  auto started = server->start();
  if (!started) throw std::runtime_error("test server failed to start: " + started.error().code);
  port_ = *started;
  thread_ = std::thread([this] {
    server->run();
    run_returned_ = true;
  });
}

TestServer::~TestServer() { stop_and_join(); }

void TestServer::stop_and_join() {
  if (!thread_.joinable()) return;
  server->stop();
  thread_.join();
}

RouteSpec test_route(bhttp::verb method, std::string pattern, Access access, Handler handler) {
  RouteSpec spec;
  spec.method = method;
  spec.pattern = std::move(pattern);
  spec.access = access;
  spec.handler = std::move(handler);
  return spec;
}

TempDir::TempDir() {
  std::random_device device;
  path_ = std::filesystem::temp_directory_path() /
          ("simreg-http-test-" + std::to_string(device()) + std::to_string(device()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void TempDir::write(const std::string& relative, const std::string& content) const {
  const auto file = path_ / relative;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << content;
}

}  // namespace simreg::http::testing

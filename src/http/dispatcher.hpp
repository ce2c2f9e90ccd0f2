// Dispatcher: what the server does with one request, independent of the transport (plain or TLS).
// plan() runs once the header is read and decides the route and body limit, or answers at once
// (static file, 400/404/405/413); respond() runs the route: authenticator + access check + CSRF
// check + handler as one worker-pool job (503 when the queue is full) or inline on the I/O thread.
// Thread-safe: const after construction; the Router must not change while serving.
#pragma once

#include <utility>

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/authenticator.hpp"
#include "http/route.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "http/worker_pool.hpp"

namespace simreg::http {

// Route labels for requests that matched no route: metrics and logs never carry raw paths.
inline constexpr std::string_view kStaticLabel = "(static)";
inline constexpr std::string_view kUnmatchedLabel = "(unmatched)";
inline constexpr std::string_view kInvalidLabel = "(invalid)";

struct DispatchPlan {
  std::string route_label = std::string(kUnmatchedLabel);
  bool api_path = false;
  const RouteSpec* route = nullptr;  // set when a route will run
  std::size_t body_limit = 0;
  std::map<std::string, std::string> path_params;
  std::map<std::string, std::string> query;
  std::optional<Response> immediate;  // answered without running a route
};

class Dispatcher {
 public:
  Dispatcher(const Router& router, WorkerPool& pool, Authenticator authenticator,
             const StaticFiles* static_files, std::vector<std::string> allowed_origins, bool tls);

  DispatchPlan plan(const bhttp::request_header<>& header) const;

  // Runs plan.route (which must be set) and returns the finalized response (headers stamped).
  boost::asio::awaitable<Response> respond(DispatchPlan plan, Request request,
                                           std::string request_id,
                                           std::string client_address) const;

  // Before serving only (see Server::set_allowed_origins).
  void set_allowed_origins(std::vector<std::string> origins) {
    allowed_origins_ = std::move(origins);
  }

  // Stamps request id and security headers on a response built outside respond().
  void finalize(Response& response, const std::string& request_id, bool api_path,
                const std::vector<std::pair<std::string, std::string>>& extra_headers = {}) const;

 private:
  Response run_route(const RouteSpec& route, RequestContext& ctx, bool authenticate) const;

  const Router& router_;
  WorkerPool& pool_;
  Authenticator authenticator_;
  const StaticFiles* static_files_;
  std::vector<std::string> allowed_origins_;
  bool tls_;
};

// The 503 answered when the worker queue is full.
Error overloaded_error();
// The 413 answered when a body exceeds its route's limit.
Error payload_too_large_error();
// The 400 answered for a request that cannot be parsed.
Error bad_request_error();
// The 400 answered when the request header exceeds ServerOptions::header_limit.
Error header_too_large_error();

}  // namespace simreg::http

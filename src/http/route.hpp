// Route declarations and the per-request context handed to handlers.
// Every route declares who may call it (deny by default: there is no default Access), its body
// limit and whether it runs on the worker pool (the default; anything touching the database,
// crypto or images must) or inline on the I/O thread (only memory-only work: health, metrics).
// Handlers are plain synchronous functions: they parse, authorize, call one service function and
// render. They must not throw; the router turns a stray exception into a 500 without internals.
#pragma once

#include <boost/beast/http.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace simreg::http {

namespace bhttp = boost::beast::http;
using Request = bhttp::request<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;

// Who is calling, as resolved from the session cookie by the application's authenticator.
struct Principal {
  enum class Kind { subscriber, staff };
  Kind kind = Kind::subscriber;
  std::string account_id;       // subscriber or staff id
  std::set<std::string> roles;  // staff roles: admin, reviewer, supervisor, store_agent, support, compliance
  std::string session_id;       // opaque id of the server-side session (not the cookie token)
  // The language the account chose ("en" or "zh-CN"), read with the session (subscribers) or with
  // the roles (staff) on every request; texts in responses follow it.
  std::string locale;
};

enum class Access {
  anyone,      // no session needed (sign-up, sign-in, health)
  subscriber,  // a signed-in subscriber
  staff,       // a signed-in staff member holding at least one of RouteSpec::roles
};

struct RequestContext {
  const Request& request;
  std::string request_id;
  std::string client_address;
  std::map<std::string, std::string> path_params;   // "{id}" segments
  std::map<std::string, std::string> query_params;  // decoded
  std::map<std::string, std::string> cookies;
  std::optional<Principal> principal;
  // Extra headers a handler wants on its response (e.g. Set-Cookie), applied by the router.
  std::vector<std::pair<std::string, std::string>> response_headers;

  std::optional<std::string> cookie(const std::string& name) const;
  std::optional<std::string> header(std::string_view name) const;
  // Parses the body as a JSON object; 415 when Content-Type is not application/json, 400 when
  // malformed or not an object.
  Result<nlohmann::json> json_body() const;
};

using Handler = std::function<Response(RequestContext&)>;

enum class Execution { worker_pool, inline_on_io_thread };

struct RouteSpec {
  bhttp::verb method = bhttp::verb::get;
  std::string pattern;                // "/api/v1/applications/{id}"
  Access access;                      // required: no default, deny by default
  std::set<std::string> roles;        // for Access::staff: any of these (must be non-empty)
  std::size_t body_limit = 64 * 1024; // 413 past it
  Execution execution = Execution::worker_pool;
  bool csrf_exempt = false;           // only for machine-to-machine routes; unsafe methods otherwise need Origin + X-CSRF-Token
  Handler handler;
};

// Response builders; every response gets request id and security headers from the router.
Response json_response(unsigned status, const nlohmann::json& body);
Response empty_response(unsigned status);
Response problem_response(const Error& error);  // RFC 9457, application/problem+json

// A Set-Cookie header value with the attributes simreg always uses:
// __Host- cookies are Secure; HttpOnly; SameSite=Strict; Path=/.
std::string session_cookie(const std::string& name, const std::string& value, int max_age_seconds);
std::string expired_cookie(const std::string& name);

}  // namespace simreg::http

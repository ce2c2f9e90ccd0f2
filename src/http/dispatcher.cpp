#include "http/dispatcher.hpp"

#include <exception>
#include <memory>
#include <typeinfo>

#include "core/log.hpp"
#include "http/access.hpp"
#include "http/cookies.hpp"
#include "http/csrf.hpp"
#include "http/problem.hpp"
#include "http/response_headers.hpp"
#include "http/target.hpp"

namespace simreg::http {
namespace {

// Owns the request for as long as a worker may still be using the context that refers to it,
// even if the connection goes away meanwhile. Cookies are parsed by whoever runs the route (the
// worker, for worker-pool routes), not here on the I/O thread.
struct Exchange {
  Exchange(Request r, std::string request_id, std::string client_address, DispatchPlan& plan)
      : request(std::move(r)),
        ctx{request,
            std::move(request_id),
            std::move(client_address),
            std::move(plan.path_params),
            std::move(plan.query),
            {},
            std::nullopt,
            {}} {}
  Request request;
  RequestContext ctx;
};

bool is_api_path(const std::vector<std::string>& segments) {
  return !segments.empty() && segments.front() == "api";
}

Response static_response(const StaticFile& file) {
  Response response{bhttp::status::ok, 11};
  response.set(bhttp::field::content_type, file.content_type);
  response.set(bhttp::field::cache_control, file.cache_control);
  response.body() = file.content;
  response.prepare_payload();
  return response;
}

Response method_not_allowed(const std::string& allow) {
  Response response =
      problem_response(Error::make(ErrorKind::method_not_allowed, "http.method_not_allowed",
                                   "This method is not allowed for this resource."));
  response.set(bhttp::field::allow, allow);
  return response;
}

Response not_found() {
  return problem_response(
      Error::make(ErrorKind::not_found, "http.not_found", "There is nothing at this address."));
}

}  // namespace

Error overloaded_error() {
  Error error = Error::make(ErrorKind::unavailable, "server.overloaded", "The server is busy.");
  error.retry_after_seconds = 1;
  return error;
}

Error payload_too_large_error() {
  return Error::make(ErrorKind::payload_too_large, "http.payload_too_large",
                     "The request body is too large.");
}

Error bad_request_error() {
  return Error::make(ErrorKind::invalid_input, "http.bad_request",
                     "The request could not be understood.");
}

Error header_too_large_error() {
  return Error::make(ErrorKind::invalid_input, "http.header_too_large",
                     "The request header is too large.");
}

Dispatcher::Dispatcher(const Router& router, WorkerPool& pool, Authenticator authenticator,
                       const StaticFiles* static_files, std::vector<std::string> allowed_origins,
                       bool tls)
    : router_(router),
      pool_(pool),
      authenticator_(std::move(authenticator)),
      static_files_(static_files),
      allowed_origins_(std::move(allowed_origins)),
      tls_(tls) {}

DispatchPlan Dispatcher::plan(const bhttp::request_header<>& header) const {
  DispatchPlan plan;
  auto target = parse_target(header.target());
  if (!target) {
    plan.route_label = std::string(kInvalidLabel);
    plan.immediate = problem_response(bad_request_error());
    return plan;
  }
  plan.api_path = is_api_path(target->segments);
  const bhttp::verb method = header.method();
  RouteMatch match = router_.match(method, target->segments);

  if (match.outcome == RouteMatch::Outcome::matched) {
    plan.route = match.route;
    plan.route_label = match.route->pattern;
    plan.body_limit = match.route->body_limit;
    plan.path_params = std::move(match.params);
    plan.query = std::move(target->query);
    // Refuse an announced oversized body before reading a byte of it.
    const auto length = header.find(bhttp::field::content_length);
    if (length != header.end()) {
      std::size_t announced = 0;
      try {
        announced = std::stoull(std::string(length->value()));
      } catch (const std::exception&) {
        announced = static_cast<std::size_t>(-1);
      }
      if (announced > plan.body_limit) plan.immediate = problem_response(payload_too_large_error());
    }
    return plan;
  }
  if (match.outcome == RouteMatch::Outcome::method_not_allowed) {
    plan.immediate = method_not_allowed(match.allow);
    return plan;
  }
  if (static_files_ && !plan.api_path) {
    if (const StaticFile* file = static_files_->resolve(target->segments)) {
      plan.route_label = std::string(kStaticLabel);
      if (method == bhttp::verb::get || method == bhttp::verb::head) {
        plan.immediate = static_response(*file);
      } else {
        plan.immediate = method_not_allowed("GET, HEAD");
      }
      return plan;
    }
  }
  plan.immediate = not_found();
  return plan;
}

Response Dispatcher::run_route(const RouteSpec& route, RequestContext& ctx,
                               bool authenticate) const {
  try {
    ctx.cookies = parse_cookies(ctx.request);
    if (authenticate && authenticator_) ctx.principal = authenticator_(ctx);
    if (auto allowed = check_access(route, ctx.principal); !allowed)
      return problem_response(allowed.error());
    if (!route.csrf_exempt && is_unsafe_method(ctx.request.method()) &&
        !csrf_passes(ctx, allowed_origins_)) {
      return problem_response(csrf_error());
    }
    return route.handler(ctx);
  } catch (const std::exception& e) {
    // what() can echo request data (JSON parse errors do), so only the type is logged.
    log::error("http.handler_threw", {{"request_id", ctx.request_id},
                                      {"route", route.pattern},
                                      {"exception", typeid(e).name()}});
  } catch (...) {
    log::error("http.handler_threw", {{"request_id", ctx.request_id}, {"route", route.pattern}});
  }
  // A half-run handler may have queued cookies that no longer match the server's state.
  ctx.response_headers.clear();
  return problem_response(Error::internal("An unexpected error occurred."));
}

boost::asio::awaitable<Response> Dispatcher::respond(DispatchPlan plan, Request request,
                                                     std::string request_id,
                                                     std::string client_address) const {
  const RouteSpec& route = *plan.route;
  const bool api_path = plan.api_path;
  auto exchange = std::make_shared<Exchange>(std::move(request), std::move(request_id),
                                             std::move(client_address), plan);
  // The route and the stamping of its headers run on the same thread: for worker-pool routes that
  // is a worker, which keeps the I/O thread (every request's bottleneck) to reading and writing.
  // (Named locals, no temporaries in co_await/co_return: GCC 12 mishandles those.)
  Response response;
  if (route.execution == Execution::inline_on_io_thread) {
    response = run_route(route, exchange->ctx, false);
    finalize(response, exchange->ctx.request_id, api_path, exchange->ctx.response_headers);
  } else {
    auto job = [this, &route, api_path, exchange]() {
      Response answer = run_route(route, exchange->ctx, true);
      finalize(answer, exchange->ctx.request_id, api_path, exchange->ctx.response_headers);
      return answer;
    };
    std::optional<Response> answered = co_await run_on(pool_, std::move(job));
    if (answered) {
      response = std::move(*answered);
    } else {
      response = problem_response(overloaded_error());
      finalize(response, exchange->ctx.request_id, api_path);
    }
  }
  co_return response;
}

void Dispatcher::finalize(
    Response& response, const std::string& request_id, bool api_path,
    const std::vector<std::pair<std::string, std::string>>& extra_headers) const {
  finalize_response(response, extra_headers, ResponseStamp{request_id, api_path, tls_});
}

}  // namespace simreg::http

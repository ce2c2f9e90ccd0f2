#include "http/server.hpp"

#include <gtest/gtest.h>

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "http/csrf.hpp"
#include "http/http_test_client.hpp"

namespace simreg::http {
namespace {

using namespace std::chrono_literals;
using testing::ClientResponse;
using testing::fetch;
using testing::Headers;
using testing::make_request;
using testing::TempDir;
using testing::test_route;
using testing::TestClient;
using testing::TestServer;
using verb = bhttp::verb;

constexpr const char* kOrigin = "http://127.0.0.1:8080";

Headers csrf_headers(const std::string& token = "tok-123") {
  return {{"Origin", kOrigin},
          {std::string(kCsrfHeader), token},
          {"Cookie", std::string(kCsrfCookie) + "=" + token}};
}

Headers with(Headers base, const Headers& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

nlohmann::json json_of(const ClientResponse& response) {
  return nlohmann::json::parse(response.body());
}

std::string code_of(const ClientResponse& response) {
  const auto body = nlohmann::json::parse(response.body(), nullptr, false);
  return body.is_object() && body.contains("code") ? body["code"].get<std::string>()
                                                   : std::string("(none)");
}

// A one-shot latch usable from handlers.
class Latch {
 public:
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  bool wait(std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, limit, [this] { return open_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = false;
};

// Routes shared by most tests.
void add_app_routes(Router& router) {
  router.add(test_route(verb::get, "/api/v1/items/{id}", Access::anyone, [](RequestContext& ctx) {
    nlohmann::json body{{"id", ctx.path_params.at("id")}, {"via", "param"}};
    if (auto q = ctx.query_params.find("q"); q != ctx.query_params.end()) body["q"] = q->second;
    if (ctx.principal)
      body["principal"] = ctx.principal->kind == Principal::Kind::staff ? "staff" : "subscriber";
    return json_response(200, body);
  }));
  router.add(test_route(verb::get, "/api/v1/items/special", Access::anyone, [](RequestContext&) {
    return json_response(200, {{"via", "literal"}});
  }));
  RouteSpec create =
      test_route(verb::post, "/api/v1/items", Access::anyone, [](RequestContext& ctx) {
        auto body = ctx.json_body();
        if (!body) return problem_response(body.error());
        return json_response(201, {{"echo", *body}});
      });
  create.body_limit = 64;
  router.add(create);
  RouteSpec hook = test_route(verb::post, "/api/v1/hook", Access::anyone,
                              [](RequestContext&) { return empty_response(204); });
  hook.csrf_exempt = true;
  router.add(hook);
  router.add(test_route(verb::get, "/api/v1/boom", Access::anyone, [](RequestContext&) -> Response {
    throw std::runtime_error("secret internals for bob@example.com");
  }));
  router.add(test_route(verb::get, "/api/v1/internal", Access::anyone, [](RequestContext&) {
    return problem_response(Error::internal("db at 10.0.0.1 is down"));
  }));
  router.add(test_route(verb::get, "/api/v1/throttled", Access::anyone, [](RequestContext&) {
    Error error = Error::make(ErrorKind::rate_limited, "auth.throttled", "Too many attempts.");
    error.retry_after_seconds = 30;
    error.fields.push_back({"/email", "email.throttled", "Wait a moment."});
    return problem_response(error);
  }));
  router.add(test_route(verb::get, "/api/v1/cookies", Access::anyone, [](RequestContext& ctx) {
    ctx.response_headers.emplace_back("Set-Cookie", session_cookie("__Host-a", "1", 60));
    ctx.response_headers.emplace_back("Set-Cookie", session_cookie("__Host-b", "2", 60));
    return empty_response(204);
  }));
  RouteSpec inline_route =
      test_route(verb::get, "/api/v1/inline", Access::anyone, [](RequestContext& ctx) {
        return json_response(200, {{"principal", ctx.principal.has_value()}});
      });
  inline_route.execution = Execution::inline_on_io_thread;
  router.add(inline_route);
  router.add(test_route(verb::get, "/api/v1/anyone", Access::anyone, [](RequestContext& ctx) {
    return json_response(200, {{"principal", ctx.principal.has_value()}});
  }));
  router.add(test_route(verb::get, "/api/v1/subscriber", Access::subscriber, [](RequestContext&) {
    return json_response(200, {{"ok", true}});
  }));
  RouteSpec staff = test_route(verb::get, "/api/v1/staff", Access::staff, [](RequestContext&) {
    return json_response(200, {{"ok", true}});
  });
  staff.roles = {"reviewer", "supervisor"};
  router.add(staff);
  RouteSpec staff_post =
      test_route(verb::post, "/api/v1/staff", Access::staff, [](RequestContext&) {
        return json_response(200, {{"ok", true}});
      });
  staff_post.roles = {"reviewer"};
  router.add(staff_post);
}

ServerOptions app_options() {
  ServerOptions options;
  options.allowed_origins = {kOrigin};
  return options;
}

TEST(ServerTest, RoutesParamsAndQuery) {
  TestServer server(add_app_routes, app_options());
  struct Case {
    std::string target;
    unsigned status;
    nlohmann::json body;
  };
  const std::vector<Case> cases = {
      {"/api/v1/items/42", 200, {{"id", "42"}, {"via", "param"}}},
      {"/api/v1/items/a%20b?q=x+y&q=ignored", 200, {{"id", "a b"}, {"via", "param"}, {"q", "x y"}}},
      {"/api/v1/items/special", 200, {{"via", "literal"}}},
      {"/healthz", 200, {{"status", "ok"}}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.target);
    const ClientResponse response = fetch(server.port(), verb::get, c.target);
    EXPECT_EQ(response.result_int(), c.status);
    EXPECT_EQ(json_of(response), c.body);
  }
}

TEST(ServerTest, NotFoundAndMethodNotAllowed) {
  TestServer server(add_app_routes, app_options());
  const ClientResponse missing = fetch(server.port(), verb::get, "/api/v1/nothing/here");
  EXPECT_EQ(missing.result_int(), 404u);
  EXPECT_EQ(code_of(missing), "http.not_found");

  const ClientResponse wrong =
      fetch(server.port(), verb::delete_, "/api/v1/items/42", csrf_headers());
  EXPECT_EQ(wrong.result_int(), 405u);
  EXPECT_EQ(code_of(wrong), "http.method_not_allowed");
  EXPECT_EQ(wrong[bhttp::field::allow], "GET, HEAD");

  const ClientResponse no_static =
      fetch(server.port(), verb::get, "/some/page");  // no web_root configured
  EXPECT_EQ(no_static.result_int(), 404u);
}

TEST(ServerTest, HeadAnswersGetRoutesWithoutBody) {
  TestServer server(add_app_routes, app_options());
  const ClientResponse get = fetch(server.port(), verb::get, "/api/v1/items/42");
  TestClient client(server.port());
  const ClientResponse head = client.send(make_request(verb::head, "/api/v1/items/42"));
  EXPECT_EQ(head.result_int(), 200u);
  EXPECT_EQ(head[bhttp::field::content_length], std::to_string(get.body().size()));
  EXPECT_TRUE(head.body().empty());
  // The connection stays usable: no stray body bytes were sent.
  EXPECT_EQ(client.get("/healthz").result_int(), 200u);
}

TEST(ServerTest, BodyLimitAnswers413) {
  TestServer server(add_app_routes, app_options());
  // Announced too large: answered before the body is sent.
  TestClient announced(server.port());
  announced.write_raw(
      "POST /api/v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
      "100\r\n\r\n");
  const ClientResponse early = announced.read_response();
  EXPECT_EQ(early.result_int(), 413u);
  EXPECT_EQ(code_of(early), "http.payload_too_large");
  EXPECT_TRUE(announced.closed_by_server(2000ms));

  // Chunked, so only the parser's body limit can catch it.
  TestClient chunked(server.port());
  const std::string chunk(100, 'a');
  chunked.write_raw(
      "POST /api/v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n64\r\n" +
      chunk + "\r\n0\r\n\r\n");
  const ClientResponse late = chunked.read_response();
  EXPECT_EQ(late.result_int(), 413u);
  EXPECT_EQ(code_of(late), "http.payload_too_large");

  // Announced too large and sent anyway (browsers do not wait for 100-continue): the 413 must
  // still reach the client rather than be lost to a connection reset.
  TestClient eager(server.port());
  eager.write_raw(
      "POST /api/v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 2000000\r\n\r\n");
  auto upload = std::async(std::launch::async, [&eager] {
    try {
      eager.write_raw_beside_read(std::string(2000000, 'a'));
    } catch (const boost::system::system_error&) {
      // The server may close once it has drained enough; the response is what matters.
    }
  });
  const ClientResponse eager_response = eager.read_response();
  EXPECT_EQ(eager_response.result_int(), 413u) << eager_response.body();
  upload.get();

  // Within the limit passes.
  const ClientResponse fits =
      fetch(server.port(), verb::post, "/api/v1/items",
            with(csrf_headers(), {{"Content-Type", "application/json"}}), R"({"a":1})");
  EXPECT_EQ(fits.result_int(), 201u);
}

TEST(ServerTest, JsonBodyErrors) {
  TestServer server(add_app_routes, app_options());
  struct Case {
    std::string content_type;
    std::string body;
    unsigned status;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"application/json", R"({"a":1})", 201, "(none)"},
      {"application/json; charset=utf-8", R"({"a":1})", 201, "(none)"},
      {"text/plain", R"({"a":1})", 415, "http.unsupported_media_type"},
      {"application/json", R"({"a":)", 400, "http.malformed_json"},
      {"application/json", "[1]", 400, "http.malformed_json"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.content_type + " " + c.body);
    const ClientResponse response =
        fetch(server.port(), verb::post, "/api/v1/items",
              with(csrf_headers(), {{"Content-Type", c.content_type}}), c.body);
    EXPECT_EQ(response.result_int(), c.status);
    EXPECT_EQ(code_of(response), c.code);
  }
}

TEST(ServerTest, AccessMatrix) {
  TestServer server(add_app_routes, app_options());
  struct Case {
    std::string target;
    std::optional<std::string> principal;
    unsigned status;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"/api/v1/anyone", std::nullopt, 200, "(none)"},
      {"/api/v1/anyone", "subscriber", 200, "(none)"},
      {"/api/v1/subscriber", std::nullopt, 401, "auth.unauthenticated"},
      {"/api/v1/subscriber", "subscriber", 200, "(none)"},
      {"/api/v1/subscriber", "staff:admin", 403, "auth.forbidden"},
      {"/api/v1/staff", std::nullopt, 401, "auth.unauthenticated"},
      {"/api/v1/staff", "subscriber", 403, "auth.forbidden"},
      {"/api/v1/staff", "staff:store_agent", 403, "auth.forbidden"},
      {"/api/v1/staff", "staff:", 403, "auth.forbidden"},
      {"/api/v1/staff", "staff:reviewer", 200, "(none)"},
      {"/api/v1/staff", "staff:support,supervisor", 200, "(none)"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.target + " as " + c.principal.value_or("nobody"));
    Headers headers;
    if (c.principal) headers.emplace_back("X-Test-Principal", *c.principal);
    const ClientResponse response = fetch(server.port(), verb::get, c.target, headers);
    EXPECT_EQ(response.result_int(), c.status);
    EXPECT_EQ(code_of(response), c.code);
  }
  // Access::anyone still resolves the principal (logout needs to see who is leaving).
  EXPECT_EQ(json_of(fetch(server.port(), verb::get, "/api/v1/anyone",
                          {{"X-Test-Principal", "subscriber"}}))["principal"],
            true);
  // Inline routes never call the authenticator (it may block on the database).
  EXPECT_EQ(json_of(fetch(server.port(), verb::get, "/api/v1/inline",
                          {{"X-Test-Principal", "subscriber"}}))["principal"],
            false);
}

TEST(ServerTest, CsrfChecks) {
  TestServer server(add_app_routes, app_options());
  const std::string json = "application/json";
  const std::string cookie = std::string(kCsrfCookie) + "=tok-123";
  struct Case {
    std::string name;
    std::string target;
    Headers headers;
    unsigned status;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"valid", "/api/v1/items", with(csrf_headers(), {{"Content-Type", json}}), 201, "(none)"},
      {"no origin",
       "/api/v1/items",
       {{"Content-Type", json}, {std::string(kCsrfHeader), "tok-123"}, {"Cookie", cookie}},
       403,
       "csrf.failed"},
      {"foreign origin",
       "/api/v1/items",
       {{"Content-Type", json},
        {"Origin", "https://evil.example"},
        {std::string(kCsrfHeader), "tok-123"},
        {"Cookie", cookie}},
       403,
       "csrf.failed"},
      {"no token",
       "/api/v1/items",
       {{"Content-Type", json}, {"Origin", kOrigin}, {"Cookie", cookie}},
       403,
       "csrf.failed"},
      {"no cookie",
       "/api/v1/items",
       {{"Content-Type", json}, {"Origin", kOrigin}, {std::string(kCsrfHeader), "tok-123"}},
       403,
       "csrf.failed"},
      {"token mismatch",
       "/api/v1/items",
       {{"Content-Type", json},
        {"Origin", kOrigin},
        {std::string(kCsrfHeader), "tok-999"},
        {"Cookie", cookie}},
       403,
       "csrf.failed"},
      {"exempt route", "/api/v1/hook", {}, 204, "(none)"},
      // The access check runs first: an anonymous forged request learns nothing about CSRF.
      {"unauthenticated first", "/api/v1/staff", {}, 401, "auth.unauthenticated"},
      {"staff without csrf",
       "/api/v1/staff",
       {{"X-Test-Principal", "staff:reviewer"}},
       403,
       "csrf.failed"},
      {"staff with csrf", "/api/v1/staff",
       with(csrf_headers(), {{"X-Test-Principal", "staff:reviewer"}}), 200, "(none)"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const ClientResponse response =
        fetch(server.port(), verb::post, c.target, c.headers, R"({"a":1})");
    EXPECT_EQ(response.result_int(), c.status);
    EXPECT_EQ(code_of(response), c.code);
  }
}

TEST(ServerTest, AllowedOriginsCanBeSetAfterStart) {
  // The app learns its origin only once start() has bound the port.
  Router router;
  add_app_routes(router);
  Metrics metrics;
  WorkerPool pool(1, 4);
  ServerOptions options;
  options.port = 0;
  Server server(options, router, pool, metrics, testing::header_principal);
  const auto port = server.start();
  ASSERT_TRUE(port.ok());
  const std::string origin = "http://127.0.0.1:" + std::to_string(*port);
  server.set_allowed_origins({origin});
  std::thread runner([&] { server.run(); });
  const Headers headers = {{"Origin", origin},
                           {std::string(kCsrfHeader), "t"},
                           {"Cookie", std::string(kCsrfCookie) + "=t"},
                           {"Content-Type", "application/json"}};
  EXPECT_EQ(fetch(*port, verb::post, "/api/v1/items", headers, "{}").result_int(), 201u);
  EXPECT_EQ(fetch(*port, verb::post, "/api/v1/items", csrf_headers(), "{}").result_int(), 403u);
  server.stop();
  runner.join();
}

TEST(ServerTest, OverloadedQueueAnswers503WithoutRunningHandler) {
  Latch entered;
  Latch release;
  std::atomic<int> runs{0};
  auto routes = [&](Router& router) {
    router.add(test_route(verb::get, "/api/v1/block", Access::anyone, [&](RequestContext&) {
      ++runs;
      entered.open();
      release.wait(10s);
      return json_response(200, {{"ok", true}});
    }));
  };
  TestServer server(routes, app_options(), /*pool_threads=*/1, /*queue_capacity=*/1);
  auto first = std::async(std::launch::async,
                          [&] { return fetch(server.port(), verb::get, "/api/v1/block"); });
  ASSERT_TRUE(entered.wait(5s));
  auto second = std::async(std::launch::async,
                           [&] { return fetch(server.port(), verb::get, "/api/v1/block"); });
  for (int i = 0; i < 500 && server.pool.queue_depth() < 1; ++i) std::this_thread::sleep_for(10ms);
  ASSERT_EQ(server.pool.queue_depth(), 1u);

  const ClientResponse third = fetch(server.port(), verb::get, "/api/v1/block");
  EXPECT_EQ(third.result_int(), 503u);
  EXPECT_EQ(code_of(third), "server.overloaded");
  EXPECT_EQ(third[bhttp::field::retry_after], "1");
  EXPECT_EQ(runs.load(), 1);

  release.open();
  EXPECT_EQ(first.get().result_int(), 200u);
  EXPECT_EQ(second.get().result_int(), 200u);
  EXPECT_EQ(runs.load(), 2);
}

TEST(ServerTest, SecurityHeadersOnEveryResponse) {
  TempDir web;
  web.write("index.html", "<!doctype html>");
  ServerOptions options = app_options();
  options.web_root = web.path();
  TestServer server(add_app_routes, options);
  struct Case {
    std::string target;
    bool no_store;
  };
  const std::vector<Case> cases = {
      {"/api/v1/items/1", true},  // API JSON
      {"/api/v1/missing", true},  // API problem
      {"/missing.png", true},     // non-API problem
      {"/", false},               // static
      {"/healthz", false},        // built-in
      {"/metrics", false},
  };
  std::set<std::string> request_ids;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.target);
    const ClientResponse response = fetch(server.port(), verb::get, c.target);
    const std::string id(response["X-Request-Id"]);
    EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{32}"))) << id;
    request_ids.insert(id);
    EXPECT_EQ(response["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(response["Referrer-Policy"], "no-referrer");
    EXPECT_EQ(response["X-Frame-Options"], "DENY");
    EXPECT_EQ(response["Cross-Origin-Opener-Policy"], "same-origin");
    EXPECT_EQ(
        response["Content-Security-Policy"],
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action "
        "'self'; "
        "frame-ancestors 'none'");
    EXPECT_EQ(response[bhttp::field::server], "simreg");
    EXPECT_EQ(response.count(bhttp::field::strict_transport_security), 0u);  // plain HTTP
    if (c.no_store) {
      EXPECT_EQ(response[bhttp::field::cache_control], "no-store");
    }
  }
  EXPECT_EQ(request_ids.size(), cases.size());
}

TEST(ServerTest, ProblemBodies) {
  TestServer server(add_app_routes, app_options());
  const ClientResponse missing = fetch(server.port(), verb::get, "/api/v1/missing");
  EXPECT_EQ(missing[bhttp::field::content_type], "application/problem+json");
  const auto body = json_of(missing);
  EXPECT_EQ(body["type"], "urn:simreg:problem:http.not_found");
  EXPECT_EQ(body["title"], "Not found");
  EXPECT_EQ(body["status"], 404);
  EXPECT_EQ(body["code"], "http.not_found");
  EXPECT_TRUE(body["detail"].is_string());
  EXPECT_EQ(body["request_id"], std::string(missing["X-Request-Id"]));

  const ClientResponse throttled = fetch(server.port(), verb::get, "/api/v1/throttled");
  EXPECT_EQ(throttled.result_int(), 429u);
  EXPECT_EQ(throttled[bhttp::field::retry_after], "30");
  EXPECT_EQ(json_of(throttled)["errors"][0]["field"], "/email");

  struct Case {
    std::string target;
    std::string leak;
  };
  for (const Case& c :
       std::vector<Case>{{"/api/v1/boom", "bob@example.com"}, {"/api/v1/internal", "10.0.0.1"}}) {
    SCOPED_TRACE(c.target);
    const ClientResponse response = fetch(server.port(), verb::get, c.target);
    EXPECT_EQ(response.result_int(), 500u);
    EXPECT_EQ(code_of(response), "internal");
    EXPECT_EQ(json_of(response)["detail"], "An unexpected error occurred.");
    EXPECT_EQ(response.body().find(c.leak), std::string::npos);
  }
}

TEST(ServerTest, HandlerHeadersAreApplied) {
  TestServer server(add_app_routes, app_options());
  const ClientResponse response = fetch(server.port(), verb::get, "/api/v1/cookies");
  EXPECT_EQ(response.result_int(), 204u);
  std::vector<std::string> cookies;
  for (auto it = response.find(bhttp::field::set_cookie);
       it != response.end() && it->name() == bhttp::field::set_cookie; ++it) {
    cookies.emplace_back(it->value());
  }
  ASSERT_EQ(cookies.size(), 2u);
  EXPECT_EQ(cookies[0].rfind("__Host-a=1;", 0), 0u);
  EXPECT_EQ(cookies[1].rfind("__Host-b=2;", 0), 0u);
}

TEST(ServerTest, StaticFilesAndSpaFallback) {
  TempDir web;
  web.write("index.html", "<!doctype html><title>simreg</title>");
  web.write("favicon.ico", "ICO");
  web.write("assets/index-1a2b3c.js", "console.log(1)");
  web.write("assets/index-4d5e6f.css", "body{}");
  TempDir outside;
  outside.write("secret.txt", "SECRET");
  ServerOptions options = app_options();
  options.web_root = web.path();
  TestServer server(add_app_routes, options);

  struct Case {
    std::string target;
    unsigned status;
    std::string body;
    std::string content_type;
    std::string cache_control;
  };
  const std::vector<Case> cases = {
      {"/", 200, "<!doctype html><title>simreg</title>", "text/html; charset=utf-8", "no-cache"},
      {"/index.html", 200, "<!doctype html><title>simreg</title>", "text/html; charset=utf-8",
       "no-cache"},
      {"/assets/index-1a2b3c.js", 200, "console.log(1)", "text/javascript; charset=utf-8",
       "public, max-age=31536000, immutable"},
      {"/assets/index-4d5e6f.css", 200, "body{}", "text/css; charset=utf-8",
       "public, max-age=31536000, immutable"},
      {"/favicon.ico", 200, "ICO", "image/x-icon", "no-cache"},
      {"/applications/42/documents", 200, "<!doctype html><title>simreg</title>",
       "text/html; charset=utf-8", "no-cache"},
      {"/staff/review?tab=queue", 200, "<!doctype html><title>simreg</title>",
       "text/html; charset=utf-8", "no-cache"},
      {"/missing.png", 404, "", "application/problem+json", "no-store"},
      {"/assets/index-000000.js", 404, "", "application/problem+json", "no-store"},
      {"/api/v1/unknown", 404, "", "application/problem+json", "no-store"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.target);
    const ClientResponse response = fetch(server.port(), verb::get, c.target);
    EXPECT_EQ(response.result_int(), c.status);
    if (!c.body.empty()) {
      EXPECT_EQ(response.body(), c.body);
    }
    EXPECT_EQ(response[bhttp::field::content_type], c.content_type);
    EXPECT_EQ(response[bhttp::field::cache_control], c.cache_control);
  }

  // Traversal attempts, sent raw so no client normalizes them away.
  const std::string escape =
      std::filesystem::relative(outside.path() / "secret.txt", web.path()).generic_string();
  for (const std::string& target :
       {"/../" + escape, "/%2e%2e/" + escape, "/assets/..%2f..%2f" + escape,
        "/assets/%2e%2e/%2e%2e/" + escape}) {
    SCOPED_TRACE(target);
    TestClient client(server.port());
    client.write_raw("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
    const ClientResponse response = client.read_response();
    EXPECT_TRUE(response.result_int() == 400u || response.result_int() == 404u)
        << response.result_int();
    EXPECT_EQ(response.body().find("SECRET"), std::string::npos);
  }

  TestClient client(server.port());
  const ClientResponse head = client.send(make_request(verb::head, "/assets/index-1a2b3c.js"));
  EXPECT_EQ(head.result_int(), 200u);
  EXPECT_EQ(head[bhttp::field::content_length], "14");
  EXPECT_TRUE(head.body().empty());

  const ClientResponse post = fetch(server.port(), verb::post, "/", csrf_headers(), "x");
  EXPECT_EQ(post.result_int(), 405u);
  EXPECT_EQ(post[bhttp::field::allow], "GET, HEAD");
}

TEST(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  TestServer server(add_app_routes, app_options());
  TestClient client(server.port());
  for (int i = 0; i < 5; ++i) {
    const ClientResponse response = client.get("/api/v1/items/" + std::to_string(i));
    ASSERT_EQ(response.result_int(), 200u);
    EXPECT_EQ(json_of(response)["id"], std::to_string(i));
    EXPECT_TRUE(response.keep_alive());
  }
  // Pipelined: two requests in one write, two responses in order.
  client.write_raw(
      "GET /api/v1/items/a HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/items/b HTTP/1.1\r\nHost: "
      "x\r\n\r\n");
  EXPECT_EQ(json_of(client.read_response())["id"], "a");
  EXPECT_EQ(json_of(client.read_response())["id"], "b");
}

TEST(ServerTest, ConcurrentClientsOnSeveralIoThreads) {
  ServerOptions options = app_options();
  options.io_threads = 2;
  TestServer server(add_app_routes, options, /*pool_threads=*/3);
  constexpr int kClients = 8;
  constexpr int kRequests = 25;
  std::vector<std::future<int>> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.push_back(std::async(std::launch::async, [&server, c] {
      TestClient client(server.port());
      int ok = 0;
      for (int i = 0; i < kRequests; ++i) {
        const std::string id = std::to_string(c) + "-" + std::to_string(i);
        const ClientResponse response =
            client.get(i % 2 ? "/api/v1/items/" + id : "/api/v1/inline");
        if (response.result_int() == 200 && (i % 2 == 0 || json_of(response)["id"] == id)) ++ok;
      }
      return ok;
    }));
  }
  for (auto& client : clients) EXPECT_EQ(client.get(), kRequests);
}

TEST(ServerTest, RequestCapPerConnection) {
  ServerOptions options = app_options();
  options.max_requests_per_connection = 2;
  TestServer server(add_app_routes, options);
  TestClient client(server.port());
  EXPECT_TRUE(client.get("/healthz").keep_alive());
  const ClientResponse second = client.get("/healthz");
  EXPECT_FALSE(second.keep_alive());
  EXPECT_TRUE(client.closed_by_server(2000ms));
}

TEST(ServerTest, MalformedRequestsAnswer400AndClose) {
  ServerOptions options = app_options();
  options.header_limit = 1024;
  TestServer server(add_app_routes, options);
  struct Case {
    std::string raw;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"GARBAGE\r\n\r\n", "http.bad_request"},
      {"GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", "http.bad_request"},
      {"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(2048, 'a') + "\r\n\r\n",
       "http.header_too_large"},
      {"GET http://evil.example/healthz HTTP/1.1\r\nHost: x\r\n\r\n", "http.bad_request"},
      {"GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n", "http.bad_request"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.raw.substr(0, 40));
    TestClient client(server.port());
    client.write_raw(c.raw);
    const ClientResponse response = client.read_response();
    EXPECT_EQ(response.result_int(), 400u);
    EXPECT_EQ(code_of(response), c.code);
  }
  TestClient garbage(server.port());
  garbage.write_raw("GARBAGE\r\n\r\n");
  garbage.read_response();
  EXPECT_TRUE(garbage.closed_by_server(2000ms));
}

TEST(ServerTest, ExpectContinue) {
  TestServer server(add_app_routes, app_options());
  TestClient client(server.port());
  client.write_raw(
      "POST /api/v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nOrigin: " +
      std::string(kOrigin) + "\r\nX-CSRF-Token: t\r\nCookie: " + std::string(kCsrfCookie) +
      "=t\r\nContent-Length: 7\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(client.read_response().result_int(), 100u);
  client.write_raw(R"({"a":1})");
  const ClientResponse response = client.read_response();
  EXPECT_EQ(response.result_int(), 201u);
}

TEST(ServerTest, ReadAndIdleTimeoutsCloseTheConnection) {
  ServerOptions options = app_options();
  options.read_timeout = 1s;
  options.idle_timeout = 1s;
  TestServer server(add_app_routes, options);

  TestClient slow(server.port());
  slow.write_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n");  // never finishes the header
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(slow.closed_by_server(5000ms));
  EXPECT_GE(std::chrono::steady_clock::now() - started, 800ms);

  TestClient idle(server.port());
  EXPECT_EQ(idle.get("/healthz").result_int(), 200u);
  EXPECT_TRUE(idle.closed_by_server(5000ms));
}

// Captures log lines (JSON) written through simreg::log while alive.
class LogCapture {
 public:
  LogCapture()
      : previous_(spdlog::default_logger()),
        sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(4096)) {
    auto logger = std::make_shared<spdlog::logger>("capture", sink_);
    logger->set_pattern("%v");
    logger->set_level(spdlog::level::debug);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }

  // Waits for a line with event == name whose request_id matches; the access line is written
  // right after the response, so it may trail the client by a moment.
  std::optional<nlohmann::json> find(const std::string& event, const std::string& request_id) {
    for (int i = 0; i < 200; ++i) {
      for (const auto& line : sink_->last_formatted()) {
        auto json = nlohmann::json::parse(line, nullptr, false);
        if (json.is_object() && json.value("event", "") == event &&
            json.value("request_id", "") == request_id) {
          return json;
        }
      }
      std::this_thread::sleep_for(10ms);
    }
    return std::nullopt;
  }

  std::string text() {
    std::string all;
    for (const auto& line : sink_->last_formatted()) all += line;
    return all;
  }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
};

TEST(ServerTest, AccessLogHasPatternNotPathQueryOrCookies) {
  LogCapture capture;
  TestServer server(add_app_routes, app_options());
  const ClientResponse response =
      fetch(server.port(), verb::get, "/api/v1/items/person-9731?q=alice%40example.com",
            {{"Cookie", "__Host-simreg-session=SESSIONTOKEN"}, {"X-Test-Principal", "subscriber"}});
  const std::string id(response["X-Request-Id"]);
  const auto line = capture.find("http.request", id);
  ASSERT_TRUE(line.has_value()) << capture.text();
  EXPECT_EQ((*line)["route"], "/api/v1/items/{id}");
  EXPECT_EQ((*line)["method"], "GET");
  EXPECT_EQ((*line)["status"], 200);
  EXPECT_EQ((*line)["bytes_out"], response.body().size());
  EXPECT_TRUE((*line)["duration_ms"].is_number());
  EXPECT_TRUE(std::regex_match((*line)["client"].get<std::string>(), std::regex("[0-9a-f]{16}")));
  const std::string all = capture.text();
  for (const char* secret : {"person-9731", "alice", "SESSIONTOKEN", "127.0.0.1"}) {
    EXPECT_EQ(all.find(secret), std::string::npos) << secret;
  }

  const ClientResponse boom = fetch(server.port(), verb::get, "/api/v1/boom");
  const auto threw = capture.find("http.handler_threw", std::string(boom["X-Request-Id"]));
  ASSERT_TRUE(threw.has_value());
  EXPECT_EQ(capture.text().find("bob@example.com"), std::string::npos);
}

TEST(ServerTest, MetricsEndpoint) {
  TestServer server(add_app_routes, app_options());
  fetch(server.port(), verb::get, "/api/v1/items/1");
  fetch(server.port(), verb::get, "/api/v1/items/2");
  fetch(server.port(), verb::get, "/api/v1/nothing");
  // The access log and counters are recorded right after each write; give the last one a moment.
  std::string text;
  for (int i = 0; i < 100; ++i) {
    const ClientResponse response = fetch(server.port(), verb::get, "/metrics");
    EXPECT_EQ(response[bhttp::field::content_type], "text/plain; version=0.0.4");
    text = response.body();
    if (text.find("route=\"(unmatched)\",method=\"GET\",status=\"404\"} 1") != std::string::npos)
      break;
    std::this_thread::sleep_for(10ms);
  }
  for (const char* expected :
       {"simreg_http_requests_total{route=\"/api/v1/items/{id}\",method=\"GET\",status=\"200\"} 2",
        "simreg_http_requests_total{route=\"(unmatched)\",method=\"GET\",status=\"404\"} 1",
        "simreg_http_request_duration_seconds_count{route=\"/api/v1/items/{id}\"} 2",
        "simreg_http_in_flight 1", "simreg_worker_queue_depth 0",
        "simreg_worker_queue_capacity 64"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST(ServerTest, GracefulStopFinishesInFlightRequest) {
  Latch entered;
  auto routes = [&](Router& router) {
    router.add(test_route(verb::get, "/api/v1/slow", Access::anyone, [&](RequestContext&) {
      entered.open();
      std::this_thread::sleep_for(400ms);
      return json_response(200, {{"done", true}});
    }));
  };
  TestServer server(routes, app_options());
  TestClient idle(server.port());
  ASSERT_EQ(idle.get("/healthz").result_int(), 200u);

  auto slow = std::async(std::launch::async,
                         [&] { return fetch(server.port(), verb::get, "/api/v1/slow"); });
  ASSERT_TRUE(entered.wait(5s));
  server.server->stop();

  EXPECT_TRUE(idle.closed_by_server(2000ms));  // idle keep-alive connection closed at once
  const ClientResponse response = slow.get();
  EXPECT_EQ(response.result_int(), 200u);
  EXPECT_EQ(json_of(response)["done"], true);
  EXPECT_FALSE(response.keep_alive());

  server.stop_and_join();
  EXPECT_TRUE(server.run_returned());
  EXPECT_THROW(TestClient{server.port()}, boost::system::system_error);  // no longer accepting
}

TEST(ServerTest, GraceExpiryClosesStragglers) {
  Latch entered;
  Latch release;
  auto routes = [&](Router& router) {
    router.add(test_route(verb::get, "/api/v1/stuck", Access::anyone, [&](RequestContext&) {
      entered.open();
      release.wait(10s);
      return json_response(200, {{"done", true}});
    }));
  };
  ServerOptions options = app_options();
  options.shutdown_grace = 1s;
  TestServer server(routes, options);
  TestClient client(server.port());
  client.write_raw("GET /api/v1/stuck HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(entered.wait(5s));
  const auto started = std::chrono::steady_clock::now();
  server.server->stop();
  EXPECT_TRUE(client.closed_by_server(5000ms));
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, 800ms);
  EXPECT_LT(waited, 4000ms);
  EXPECT_FALSE(server.run_returned());  // the job is still running on the pool
  release.open();
  server.stop_and_join();
  EXPECT_TRUE(server.run_returned());
}

TEST(ServerTest, StopBeforeRunReturnsPromptly) {
  Router router;
  Metrics metrics;
  WorkerPool pool(1, 1);
  ServerOptions options;
  options.port = 0;
  Server server(options, router, pool, metrics, testing::header_principal);
  ASSERT_TRUE(server.start().ok());
  server.stop();
  auto ran = std::async(std::launch::async, [&] { server.run(); });
  EXPECT_EQ(ran.wait_for(5s), std::future_status::ready);
}

TEST(ServerTest, StartErrors) {
  TestServer first(add_app_routes, app_options());
  struct Case {
    std::string name;
    ServerOptions options;
    std::string code;
  };
  ServerOptions taken;
  taken.port = first.port();
  ServerOptions bad_host;
  bad_host.host = "192.0.2.1";  // TEST-NET-1: not an address of this machine
  ServerOptions half_tls;
  half_tls.tls_cert_file = "/nonexistent/cert.pem";
  ServerOptions missing_tls;
  missing_tls.tls_cert_file = "/nonexistent/cert.pem";
  missing_tls.tls_key_file = "/nonexistent/key.pem";
  ServerOptions bad_web;
  bad_web.web_root = "/nonexistent/web";
  const std::vector<Case> cases = {
      {"port in use", taken, "server.bind_failed"},
      {"foreign address", bad_host, "server.bind_failed"},
      {"cert without key", half_tls, "server.tls_failed"},
      {"missing tls files", missing_tls, "server.tls_failed"},
      {"missing web root", bad_web, "server.web_root_unreadable"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Router router;
    Metrics metrics;
    WorkerPool pool(1, 1);
    Server server(c.options, router, pool, metrics, testing::header_principal);
    const auto started = server.start();
    ASSERT_FALSE(started.ok());
    EXPECT_EQ(started.error().code, c.code);
  }
}

TEST(ServerTest, BuiltinRoutesCollideWithAppRoutes) {
  Router router;
  router.add(test_route(verb::get, "/healthz", Access::anyone,
                        [](RequestContext&) { return empty_response(204); }));
  Metrics metrics;
  WorkerPool pool(1, 1);
  EXPECT_THROW(Server(ServerOptions{}, router, pool, metrics, testing::header_principal),
               std::invalid_argument);
}

}  // namespace
}  // namespace simreg::http

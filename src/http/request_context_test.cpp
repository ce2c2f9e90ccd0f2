#include "http/route.hpp"

#include <gtest/gtest.h>

#include <string>

#include "http/cookies.hpp"

namespace simreg::http {
namespace {

TEST(RequestContextTest, JsonBodyTable) {
  struct Case {
    std::string name;
    std::optional<std::string> content_type;
    std::string body;
    std::optional<std::string> code;  // nullopt = parsed
  };
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  const std::vector<Case> cases = {
      {"object", "application/json", R"({"a":1})", std::nullopt},
      {"charset", "application/json; charset=utf-8", R"({"a":1})", std::nullopt},
      {"case", "Application/JSON", R"({})", std::nullopt},
      {"nested ok", "application/json", R"({"a":{"b":[1,2,{"c":null}]}})", std::nullopt},
      {"no content type", std::nullopt, R"({"a":1})", "http.unsupported_media_type"},
      {"text", "text/plain", R"({"a":1})", "http.unsupported_media_type"},
      {"form", "application/x-www-form-urlencoded", "a=1", "http.unsupported_media_type"},
      {"json suffix", "application/jsonx", R"({})", "http.unsupported_media_type"},
      {"malformed", "application/json", R"({"a":)", "http.malformed_json"},
      {"empty", "application/json", "", "http.malformed_json"},
      {"array", "application/json", "[1,2]", "http.malformed_json"},
      {"string", "application/json", "\"x\"", "http.malformed_json"},
      {"trailing garbage", "application/json", R"({} x)", "http.malformed_json"},
      {"too deep", "application/json", R"({"a":)" + deep + "}", "http.malformed_json"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Request request{bhttp::verb::post, "/api/v1/x", 11};
    if (c.content_type) request.set(bhttp::field::content_type, *c.content_type);
    request.body() = c.body;
    RequestContext ctx{request, "rid", "127.0.0.1", {}, {}, {}, std::nullopt, {}};
    const auto body = ctx.json_body();
    ASSERT_EQ(body.ok(), !c.code.has_value());
    if (c.code) {
      EXPECT_EQ(body.error().code, *c.code);
      EXPECT_EQ(body.error().kind, *c.code == "http.unsupported_media_type"
                                       ? ErrorKind::unsupported_media_type
                                       : ErrorKind::invalid_input);
    } else {
      EXPECT_TRUE(body->is_object());
    }
  }
}

TEST(RequestContextTest, HeaderAndCookieLookups) {
  Request request{bhttp::verb::get, "/", 11};
  request.set("X-Custom", "v1");
  request.set(bhttp::field::cookie, "a=1; b=2");
  RequestContext ctx{request, "rid", "127.0.0.1", {}, {}, parse_cookies(request), std::nullopt, {}};
  EXPECT_EQ(ctx.header("x-custom"), "v1");
  EXPECT_EQ(ctx.header("X-Missing"), std::nullopt);
  EXPECT_EQ(ctx.cookie("b"), "2");
  EXPECT_EQ(ctx.cookie("c"), std::nullopt);
}

TEST(RequestContextTest, ResponseBuilders) {
  const Response json = json_response(201, {{"k", "v"}});
  EXPECT_EQ(json.result_int(), 201u);
  EXPECT_EQ(json[bhttp::field::content_type], "application/json");
  EXPECT_EQ(nlohmann::json::parse(json.body()), (nlohmann::json{{"k", "v"}}));
  // Invalid UTF-8 is replaced rather than thrown from inside a handler.
  EXPECT_NO_THROW(json_response(200, {{"k", std::string("\xff")}}));

  const Response empty = empty_response(204);
  EXPECT_EQ(empty.result_int(), 204u);
  EXPECT_TRUE(empty.body().empty());

  EXPECT_EQ(session_cookie("__Host-s", "tok", 3600),
            "__Host-s=tok; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Strict");
  EXPECT_EQ(expired_cookie("__Host-s"),
            "__Host-s=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=Strict");
}

}  // namespace
}  // namespace simreg::http

#include "http/csrf.hpp"

#include <gtest/gtest.h>

#include <optional>

#include "http/cookies.hpp"

namespace simreg::http {
namespace {

TEST(CsrfTest, CookieNameIsTheHostPrefixedOne) { EXPECT_EQ(kCsrfCookie, "__Host-simreg-csrf"); }

TEST(CsrfTest, PassesTable) {
  const std::vector<std::string> origins = {"http://127.0.0.1:8080", "https://simreg.example"};
  struct Case {
    std::string name;
    std::optional<std::string> origin;
    std::optional<std::string> token;
    std::optional<std::string> cookie;
    std::vector<std::string> allowed;
    bool passes;
  };
  const std::vector<Case> cases = {
      {"all good", "http://127.0.0.1:8080", "tok123", "tok123", origins, true},
      {"second origin", "https://simreg.example", "tok123", "tok123", origins, true},
      {"no origin", std::nullopt, "tok123", "tok123", origins, false},
      {"foreign origin", "https://evil.example", "tok123", "tok123", origins, false},
      {"origin with path", "http://127.0.0.1:8080/", "tok123", "tok123", origins, false},
      {"null origin", "null", "tok123", "tok123", origins, false},
      {"no token header", "http://127.0.0.1:8080", std::nullopt, "tok123", origins, false},
      {"no cookie", "http://127.0.0.1:8080", "tok123", std::nullopt, origins, false},
      {"mismatch", "http://127.0.0.1:8080", "tok124", "tok123", origins, false},
      {"prefix only", "http://127.0.0.1:8080", "tok12", "tok123", origins, false},
      {"both empty", "http://127.0.0.1:8080", "", "", origins, false},
      {"no allowed origins", "http://127.0.0.1:8080", "tok123", "tok123", {}, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Request request{bhttp::verb::post, "/api/v1/x", 11};
    if (c.origin) request.set(bhttp::field::origin, *c.origin);
    if (c.token) request.set(kCsrfHeader, *c.token);
    if (c.cookie) request.set(bhttp::field::cookie, std::string(kCsrfCookie) + "=" + *c.cookie);
    RequestContext ctx{request,      "rid", "127.0.0.1", {}, {}, parse_cookies(request),
                       std::nullopt, {}};
    EXPECT_EQ(csrf_passes(ctx, c.allowed), c.passes);
  }
}

TEST(CsrfTest, UnsafeMethodsTable) {
  const std::vector<std::pair<bhttp::verb, bool>> cases = {
      {bhttp::verb::get, false},   {bhttp::verb::head, false},   {bhttp::verb::options, false},
      {bhttp::verb::trace, false}, {bhttp::verb::post, true},    {bhttp::verb::put, true},
      {bhttp::verb::patch, true},  {bhttp::verb::delete_, true}, {bhttp::verb::unknown, true},
  };
  for (const auto& [method, unsafe] : cases) {
    SCOPED_TRACE(std::string(bhttp::to_string(method)));
    EXPECT_EQ(is_unsafe_method(method), unsafe);
  }
}

TEST(CsrfTest, ConstantTimeEqualsTable) {
  EXPECT_TRUE(constant_time_equals("", ""));
  EXPECT_TRUE(constant_time_equals("abc", "abc"));
  EXPECT_FALSE(constant_time_equals("abc", "abd"));
  EXPECT_FALSE(constant_time_equals("abc", "ab"));
  EXPECT_FALSE(constant_time_equals("abc", ""));
}

TEST(CsrfTest, ErrorIsForbiddenWithStableCode) {
  const Error error = csrf_error();
  EXPECT_EQ(error.kind, ErrorKind::forbidden);
  EXPECT_EQ(error.code, "csrf.failed");
}

}  // namespace
}  // namespace simreg::http

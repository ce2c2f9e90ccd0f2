#include "http/cookies.hpp"

#include <gtest/gtest.h>

namespace simreg::http {
namespace {

TEST(CookiesTest, ParsesTable) {
  struct Case {
    std::vector<std::string> headers;
    std::map<std::string, std::string> cookies;
  };
  const std::vector<Case> cases = {
      {{}, {}},
      {{"a=1"}, {{"a", "1"}}},
      {{"a=1; b=2"}, {{"a", "1"}, {"b", "2"}}},
      {{"a=1;b=2 ;  c = 3 "}, {{"a", "1"}, {"b", "2"}, {"c", "3"}}},
      {{"a=\"quoted\""}, {{"a", "quoted"}}},
      {{"a=1; a=2"}, {{"a", "1"}}},
      {{"a=1", "b=2"}, {{"a", "1"}, {"b", "2"}}},
      {{"novalue; =x; e="}, {{"e", ""}}},
      {{"__Host-simreg-csrf=tok=with=equals"}, {{"__Host-simreg-csrf", "tok=with=equals"}}},
  };
  for (const auto& c : cases) {
    Request request{bhttp::verb::get, "/", 11};
    for (const auto& header : c.headers) request.insert(bhttp::field::cookie, header);
    SCOPED_TRACE(c.headers.empty() ? std::string("(none)") : c.headers.front());
    EXPECT_EQ(parse_cookies(request), c.cookies);
  }
}

}  // namespace
}  // namespace simreg::http

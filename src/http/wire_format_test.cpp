#include "http/wire_format.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <sstream>

namespace simreg::http {
namespace {

Response json_ok() {
  Response r{bhttp::status::ok, 11};
  r.set(bhttp::field::content_type, "application/json");
  r.body() = R"({"status":"ok"})";
  return r;
}

// Beast's own serializer is the oracle: the bytes must be identical.
TEST(WireFormatTest, MatchesBeastsSerializer) {
  struct Case {
    const char* name;
    std::function<Response()> make;
  };
  const Case cases[] = {
      {"200 with a JSON body", json_ok},
      {"HTTP/1.0",
       [] {
         Response r = json_ok();
         r.version(10);
         return r;
       }},
      {"404 problem",
       [] { return problem_response(Error::make(ErrorKind::not_found, "x.y", "Nothing.")); }},
      {"204 without a body", [] { return empty_response(204); }},
      {"repeated Set-Cookie and unknown fields",
       [] {
         Response r = json_ok();
         r.insert(bhttp::field::set_cookie, "a=1; Path=/");
         r.insert(bhttp::field::set_cookie, "b=2; Path=/");
         r.set("X-Request-Id", "0123456789abcdef");
         r.set("Cross-Origin-Opener-Policy", "same-origin");
         return r;
       }},
      {"custom reason phrase",
       [] {
         Response r = json_ok();
         r.reason("Fine Indeed");
         return r;
       }},
      {"keep-alive off",
       [] {
         Response r = json_ok();
         r.keep_alive(false);
         return r;
       }},
      {"503 with Retry-After",
       [] {
         Error e = Error::make(ErrorKind::unavailable, "server.overloaded", "Busy.");
         e.retry_after_seconds = 1;
         return problem_response(e);
       }},
      {"binary body",
       [] {
         Response r{bhttp::status::ok, 11};
         r.set(bhttp::field::content_type, "application/octet-stream");
         r.body() = std::string("\0\r\n\xff", 4);
         return r;
       }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Response response = c.make();
    response.prepare_payload();
    std::ostringstream full;
    full << response;
    EXPECT_EQ(serialize_response(response, false), full.str());
    std::ostringstream header;
    header << response.base();
    EXPECT_EQ(serialize_response(response, true), header.str());
  }
}

}  // namespace
}  // namespace simreg::http

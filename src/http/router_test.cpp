#include "http/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "http/http_test_client.hpp"

namespace simreg::http {
namespace {

using testing::test_route;
using verb = bhttp::verb;

Response ok(RequestContext&) { return empty_response(204); }

Router sample_router() {
  Router router;
  router.add(test_route(verb::get, "/api/v1/applications", Access::anyone, ok));
  router.add(test_route(verb::post, "/api/v1/applications", Access::anyone, ok));
  router.add(test_route(verb::get, "/api/v1/applications/{id}", Access::anyone, ok));
  router.add(test_route(verb::get, "/api/v1/applications/mine", Access::anyone, ok));
  router.add(
      test_route(verb::delete_, "/api/v1/applications/{id}/documents/{doc}", Access::anyone, ok));
  router.add(test_route(verb::get, "/", Access::anyone, ok));
  return router;
}

TEST(RouterTest, MatchesTable) {
  const Router router = sample_router();
  using Outcome = RouteMatch::Outcome;
  struct Case {
    verb method;
    std::string path;
    Outcome outcome;
    std::string pattern;  // when matched
    std::map<std::string, std::string> params;
    std::string allow;  // when 405
  };
  const std::vector<Case> cases = {
      {verb::get, "/api/v1/applications", Outcome::matched, "/api/v1/applications", {}, ""},
      {verb::post, "/api/v1/applications", Outcome::matched, "/api/v1/applications", {}, ""},
      {verb::get,
       "/api/v1/applications/abc",
       Outcome::matched,
       "/api/v1/applications/{id}",
       {{"id", "abc"}},
       ""},
      {verb::get,
       "/api/v1/applications/a%20b",
       Outcome::matched,
       "/api/v1/applications/{id}",
       {{"id", "a b"}},
       ""},
      {verb::get,
       "/api/v1/applications/mine",
       Outcome::matched,
       "/api/v1/applications/mine",
       {},
       ""},
      {verb::head,
       "/api/v1/applications/x",
       Outcome::matched,
       "/api/v1/applications/{id}",
       {{"id", "x"}},
       ""},
      {verb::delete_,
       "/api/v1/applications/7/documents/9",
       Outcome::matched,
       "/api/v1/applications/{id}/documents/{doc}",
       {{"id", "7"}, {"doc", "9"}},
       ""},
      {verb::get, "/", Outcome::matched, "/", {}, ""},
      {verb::put, "/api/v1/applications", Outcome::method_not_allowed, "", {}, "GET, HEAD, POST"},
      {verb::delete_, "/api/v1/applications/7", Outcome::method_not_allowed, "", {}, "GET, HEAD"},
      {verb::get,
       "/api/v1/applications/7/documents/9",
       Outcome::method_not_allowed,
       "",
       {},
       "DELETE"},
      {verb::get, "/api/v1/applications/", Outcome::not_found, "", {}, ""},
      {verb::get, "/api/v1/application", Outcome::not_found, "", {}, ""},
      {verb::get, "/api/v1/applications/7/documents", Outcome::not_found, "", {}, ""},
      {verb::get, "/api/v1/applications//documents/9", Outcome::not_found, "", {}, ""},
      {verb::get, "/API/v1/applications", Outcome::not_found, "", {}, ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(bhttp::to_string(c.method)) + " " + c.path);
    const RouteMatch match = router.match(c.method, std::string_view(c.path));
    EXPECT_EQ(match.outcome, c.outcome);
    if (c.outcome == Outcome::matched) {
      ASSERT_NE(match.route, nullptr);
      EXPECT_EQ(match.route->pattern, c.pattern);
      EXPECT_EQ(match.params, c.params);
    }
    EXPECT_EQ(match.allow, c.allow);
  }
}

TEST(RouterTest, RejectsBadSpecsAtStartup) {
  struct Case {
    std::string name;
    RouteSpec spec;
  };
  auto with = [](auto change) {
    RouteSpec spec = test_route(verb::get, "/api/v1/things", Access::anyone, ok);
    change(spec);
    return spec;
  };
  const std::vector<Case> cases = {
      {"staff without roles", with([](RouteSpec& s) { s.access = Access::staff; })},
      {"roles on subscriber route", with([](RouteSpec& s) {
         s.access = Access::subscriber;
         s.roles = {"admin"};
       })},
      {"empty handler", with([](RouteSpec& s) { s.handler = nullptr; })},
      {"relative pattern", with([](RouteSpec& s) { s.pattern = "api/v1/things"; })},
      {"empty pattern", with([](RouteSpec& s) { s.pattern = ""; })},
      {"empty segment", with([](RouteSpec& s) { s.pattern = "/api//things"; })},
      {"trailing slash", with([](RouteSpec& s) { s.pattern = "/api/v1/things/"; })},
      {"bad parameter", with([](RouteSpec& s) { s.pattern = "/api/v1/{Thing-Id}"; })},
      {"repeated parameter", with([](RouteSpec& s) { s.pattern = "/api/{id}/x/{id}"; })},
      {"brace in literal", with([](RouteSpec& s) { s.pattern = "/api/v{1}x"; })},
      {"query in pattern", with([](RouteSpec& s) { s.pattern = "/api/v1/things?x=1"; })},
      {"inline subscriber route", with([](RouteSpec& s) {
         s.access = Access::subscriber;
         s.execution = Execution::inline_on_io_thread;
       })},
      {"duplicate", with([](RouteSpec& s) { s.pattern = "/api/v1/existing/{id}"; })},
      {"duplicate with other parameter name",
       with([](RouteSpec& s) { s.pattern = "/api/v1/existing/{other}"; })},
      {"unknown method", with([](RouteSpec& s) { s.method = verb::unknown; })},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Router router;
    router.add(test_route(verb::get, "/api/v1/existing/{id}", Access::anyone, ok));
    EXPECT_THROW(router.add(c.spec), std::invalid_argument);
    EXPECT_EQ(router.size(), 1u);
  }
}

TEST(RouterTest, AcceptsValidVariants) {
  Router router;
  router.add(test_route(verb::get, "/api/v1/existing/{id}", Access::anyone, ok));
  router.add(test_route(verb::post, "/api/v1/existing/{id}", Access::anyone, ok));  // other method
  router.add(
      test_route(verb::get, "/api/v1/existing/new", Access::anyone, ok));  // literal vs param
  RouteSpec staff = test_route(verb::get, "/api/v1/staff", Access::staff, ok);
  staff.roles = {"reviewer"};
  router.add(staff);
  EXPECT_EQ(router.size(), 4u);
}

}  // namespace
}  // namespace simreg::http

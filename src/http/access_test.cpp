#include "http/access.hpp"

#include <gtest/gtest.h>

#include "http/http_test_client.hpp"

namespace simreg::http {
namespace {

std::optional<Principal> subscriber() {
  Principal p;
  p.kind = Principal::Kind::subscriber;
  p.account_id = "s1";
  return p;
}

std::optional<Principal> staff(std::set<std::string> roles) {
  Principal p;
  p.kind = Principal::Kind::staff;
  p.account_id = "t1";
  p.roles = std::move(roles);
  return p;
}

TEST(AccessTest, MatrixTable) {
  RouteSpec anyone = testing::test_route(bhttp::verb::get, "/a", Access::anyone, nullptr);
  RouteSpec subscriber_only =
      testing::test_route(bhttp::verb::get, "/s", Access::subscriber, nullptr);
  RouteSpec reviewers = testing::test_route(bhttp::verb::get, "/r", Access::staff, nullptr);
  reviewers.roles = {"reviewer", "supervisor"};

  struct Case {
    std::string name;
    const RouteSpec* route;
    std::optional<Principal> principal;
    std::optional<std::string> code;  // nullopt = allowed
  };
  const std::vector<Case> cases = {
      {"anyone/none", &anyone, std::nullopt, std::nullopt},
      {"anyone/subscriber", &anyone, subscriber(), std::nullopt},
      {"anyone/staff", &anyone, staff({"admin"}), std::nullopt},
      {"subscriber/none", &subscriber_only, std::nullopt, "auth.unauthenticated"},
      {"subscriber/subscriber", &subscriber_only, subscriber(), std::nullopt},
      {"subscriber/staff", &subscriber_only, staff({"admin"}), "auth.forbidden"},
      {"staff/none", &reviewers, std::nullopt, "auth.unauthenticated"},
      {"staff/subscriber", &reviewers, subscriber(), "auth.forbidden"},
      {"staff/no roles", &reviewers, staff({}), "auth.forbidden"},
      {"staff/other role", &reviewers, staff({"store_agent"}), "auth.forbidden"},
      {"staff/one role", &reviewers, staff({"reviewer"}), std::nullopt},
      {"staff/other listed role", &reviewers, staff({"support", "supervisor"}), std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto result = check_access(*c.route, c.principal);
    ASSERT_EQ(result.ok(), !c.code.has_value());
    if (c.code) {
      EXPECT_EQ(result.error().code, *c.code);
      EXPECT_EQ(result.error().kind, *c.code == "auth.unauthenticated" ? ErrorKind::unauthenticated
                                                                       : ErrorKind::forbidden);
    }
  }
}

}  // namespace
}  // namespace simreg::http

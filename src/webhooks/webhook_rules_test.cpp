#include "webhooks/webhook_rules.hpp"

#include <gtest/gtest.h>

namespace simreg::webhooks {
namespace {

TEST(WebhookRulesTest, EventTypes) {
  EXPECT_EQ(event_types(), (std::vector<std::string>{"application.submitted", "application.decided",
                                                     "sim.status_changed"}));
  const std::pair<std::string, bool> cases[] = {
      {"application.submitted", true}, {"application.decided", true}, {"sim.status_changed", true},
      {"application.*", false},        {"", false},                   {"Application.Submitted", false},
      {"sim.status_changed ", false},
  };
  for (const auto& [type, known] : cases) EXPECT_EQ(is_event_type(type), known) << type;
}

TEST(WebhookRulesTest, Urls) {
  const std::pair<std::string, std::string> cases[] = {
      {"https://billing.carrier.example/hooks/simreg", ""},
      {"http://127.0.0.1:8081/", ""},
      {"https://hooks.example?x=1", ""},
      {"https://user:pw@hooks.example/a", ""},
      {"ftp://hooks.example/", "url.invalid"},
      {"hooks.example/path", "url.invalid"},
      {"https://", "url.invalid"},
      {"https:///path", "url.invalid"},
      {"https://:8080/", "url.invalid"},
      {"https://hooks.example/a b", "url.invalid"},
      {"https://hooks.example/a\nb", "url.invalid"},
      {"https://hooks.example/#frag", "url.invalid"},
      {"HTTPS://hooks.example/", "url.invalid"},
      {"https://hooks.example/" + std::string(kMaxUrlLength, 'a'), "url.too_long"},
  };
  for (const auto& [url, code] : cases) {
    const auto problem = check_url(url);
    EXPECT_EQ(problem ? problem->code : "", code) << url;
    if (problem) {
      EXPECT_EQ(problem->field, "/url");
    }
  }
}

TEST(WebhookRulesTest, NormalizeEvents) {
  struct Case {
    std::vector<std::string> in;
    std::vector<std::string> out;
    std::string code;
  };
  const Case cases[] = {
      {{"sim.status_changed", "application.submitted"}, {"application.submitted", "sim.status_changed"}, ""},
      {{"application.decided", "application.decided"}, {"application.decided"}, ""},
      {{}, {}, "events.empty"},
      {{"application.decided", "application.deleted"}, {}, "events.unknown"},
  };
  for (const auto& c : cases) {
    auto normalized = normalize_events(c.in);
    if (c.code.empty()) {
      ASSERT_TRUE(normalized);
      EXPECT_EQ(*normalized, c.out);
    } else {
      ASSERT_FALSE(normalized);
      EXPECT_EQ(normalized.error().code, "validation.failed");
      ASSERT_EQ(normalized.error().fields.size(), 1u);
      EXPECT_EQ(normalized.error().fields[0].code, c.code);
      EXPECT_EQ(normalized.error().fields[0].field, "/events");
    }
  }
}

TEST(WebhookRulesTest, Secrets) {
  const std::pair<std::string, std::string> cases[] = {
      {std::string(16, 'a'), ""},
      {std::string(256, 'Z'), ""},
      {"0123456789abcdef!~", ""},
      {std::string(15, 'a'), "secret.too_short"},
      {"", "secret.too_short"},
      {std::string(257, 'a'), "secret.too_long"},
      {"0123456789 abcdef", "secret.invalid"},
      {"0123456789abcdef\x01", "secret.invalid"},
      {"0123456789abcdef\xc3\xa9", "secret.invalid"},
  };
  for (const auto& [secret, code] : cases) {
    const auto problem = check_secret(secret);
    EXPECT_EQ(problem ? problem->code : "", code) << secret.size();
  }
}

TEST(WebhookRulesTest, SplitAndJoin) {
  const std::pair<std::string, std::vector<std::string>> cases[] = {
      {"application.decided,sim.status_changed", {"application.decided", "sim.status_changed"}},
      {" application.decided , sim.status_changed ", {"application.decided", "sim.status_changed"}},
      {"application.decided,,", {"application.decided"}},
      {"", {}},
      {",", {}},
  };
  for (const auto& [csv, items] : cases) EXPECT_EQ(split_events(csv), items) << csv;
  EXPECT_EQ(join_events({"a", "b", "c"}), "a,b,c");
  EXPECT_EQ(join_events({}), "");
  EXPECT_EQ(split_events(join_events(event_types())), event_types());
}

}  // namespace
}  // namespace simreg::webhooks

// The demo outbox route, called through a real Router against SQLite and PostgreSQL.
#include "notify/demo_routes.hpp"

#include <gtest/gtest.h>

#include <set>

#include <fmt/format.h>

#include "crypto/sodium_init.hpp"
#include "db/testing/migrated_database_test.hpp"

namespace simreg::notify {
namespace {

using db::testing::Engine;
using nlohmann::json;

class DemoRoutesTest : public db::testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    crypto::initialize();
    MigratedDatabaseTest::SetUp();
    if (database_unavailable()) return;
    outbox_ = std::make_unique<Outbox>(*test_db_->db, sealer_, indexer_, clock_);
    register_demo_outbox_routes(router_, *outbox_);
  }

  http::Response get(std::map<std::string, std::string> query) {
    const auto match = router_.match(http::bhttp::verb::get, "/api/v1/demo/outbox");
    EXPECT_EQ(match.outcome, http::RouteMatch::Outcome::matched);
    if (match.outcome != http::RouteMatch::Outcome::matched) return http::empty_response(404);
    EXPECT_EQ(match.route->access, http::Access::anyone);
    http::Request request{http::bhttp::verb::get, "/api/v1/demo/outbox", 11};
    http::RequestContext ctx{request,          "req_1", "127.0.0.1",  {},
                             std::move(query), {},      std::nullopt, {}};
    return match.route->handler(ctx);
  }

  ManualClock clock_{1'795'536'682'123};
  crypto::Keyring keyring_ = crypto::Keyring::generate();
  crypto::FieldSealer sealer_{keyring_};
  crypto::BlindIndexer indexer_{keyring_};
  std::unique_ptr<Outbox> outbox_;
  http::Router router_;
};

TEST_P(DemoRoutesTest, ListsTheMessagesOfOneAddress) {
  ASSERT_TRUE(test_db_->db->transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY(outbox_->enqueue(tx, {Channel::email,
                                     "alice@example.org",
                                     "email_verification",
                                     "zh-CN",
                                     {{"code", "123456"}}}));
    SIMREG_TRY(outbox_->enqueue(
        tx, {Channel::email, "bob@example.org", "password_changed", "en", json::object()}));
    return success();
  }));
  const auto response = get({{"to", "Alice@Example.org"}});
  ASSERT_EQ(response.result_int(), 200u);
  EXPECT_EQ(response[http::bhttp::field::content_type], "application/json");
  const auto body = json::parse(response.body());
  ASSERT_EQ(body["items"].size(), 1u);
  const auto& item = body["items"][0];
  EXPECT_EQ(item.size(), 8u);
  EXPECT_EQ(item["id"].get<std::string>().rfind("msg_", 0), 0u);
  EXPECT_EQ(item["to"], "alice@example.org");
  EXPECT_EQ(item["channel"], "email");
  EXPECT_EQ(item["template"], "email_verification");
  EXPECT_EQ(item["status"], "pending");
  EXPECT_EQ(item["created_at"], "2026-11-24T16:11:22.123Z");
  EXPECT_EQ(item["subject"], "您的 simreg 验证码");
  EXPECT_NE(item["body"].get<std::string>().find("123456"), std::string::npos);

  const auto nobody = get({{"to", "carol@example.org"}});
  ASSERT_EQ(nobody.result_int(), 200u);
  EXPECT_EQ(json::parse(nobody.body()), (json{{"items", json::array()}}));
}

TEST_P(DemoRoutesTest, WithoutAnAddressListsTheLatestMessagesOfEveryone) {
  // One more message than a page holds, a second apart, alternating between two addresses.
  for (int i = 0; i <= kDemoOutboxLimit; ++i) {
    clock_.advance_ms(1000);
    ASSERT_TRUE(test_db_->db->transaction([&](db::Session& tx) -> Result<void> {
      const std::string to = i % 2 == 0 ? "alice@example.org" : "bob@example.org";
      const nlohmann::json params{{"code", fmt::format("{:06}", i)}};
      SIMREG_TRY(outbox_->enqueue(tx, {Channel::email, to, "email_verification", "en", params}));
      return success();
    }));
  }
  using Query = std::map<std::string, std::string>;
  for (const auto& query : std::vector<Query>{{}, {{"to", ""}}, {{"to", " \t "}}}) {
    const auto response = get(query);
    ASSERT_EQ(response.result_int(), 200u);
    const auto items = json::parse(response.body())["items"];
    ASSERT_EQ(items.size(), static_cast<std::size_t>(kDemoOutboxLimit));
    // Newest first; the oldest message (code 000000) fell off the page.
    EXPECT_NE(items.front()["body"].get<std::string>().find(fmt::format("{:06}", kDemoOutboxLimit)),
              std::string::npos);
    EXPECT_NE(items.back()["body"].get<std::string>().find("000001"), std::string::npos);
    std::set<std::string> recipients;
    for (const auto& item : items) recipients.insert(item["to"].get<std::string>());
    EXPECT_EQ(recipients, (std::set<std::string>{"alice@example.org", "bob@example.org"}));
  }
  // With an address, only that address's messages.
  const auto alice = json::parse(get({{"to", "alice@example.org"}}).body())["items"];
  EXPECT_EQ(alice.size(), static_cast<std::size_t>(kDemoOutboxLimit / 2 + 1));
}

TEST_P(DemoRoutesTest, RefusesAnOverlongAddress) {
  const auto response = get({{"to", std::string(321, 'a')}});
  EXPECT_EQ(response.result_int(), 422u);
  const auto body = json::parse(response.body());
  EXPECT_EQ(body["code"], "validation.failed");
  EXPECT_EQ(body["errors"][0]["field"], "/to");
  EXPECT_EQ(body["errors"][0]["code"], "field.too_long");
}

INSTANTIATE_TEST_SUITE_P(Engines, DemoRoutesTest,
                         ::testing::Values(Engine::sqlite, Engine::postgres),
                         [](const auto& info) { return db::testing::engine_name(info.param); });

}  // namespace
}  // namespace simreg::notify

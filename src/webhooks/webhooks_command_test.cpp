// `simreg webhooks add|list|deliveries|redeliver` parsed by CLI11 and run against a real database (both engines).
#include "webhooks/webhooks_command.hpp"

#include <sstream>

#include <CLI/CLI.hpp>

#include "webhooks/webhooks_test_fixture.hpp"

namespace simreg::webhooks {
namespace {

using nlohmann::json;

class WebhooksCommandTest : public testing::WebhooksTest {
 protected:
  struct Run {
    int code = -1;
    std::string out;
    std::string err;
  };

  Run run(std::vector<std::string> args) {
    CLI::App app{"test"};
    auto* webhooks = app.add_subcommand("webhooks");
    webhooks->require_subcommand(1);
    std::function<int()> action;
    std::ostringstream out;
    std::ostringstream err;
    add_webhooks_commands(*webhooks, action, [this]() -> Result<WebhookService*> { return service_.get(); }, {},
                          out, err);
    args.insert(args.begin(), "webhooks");
    std::reverse(args.begin(), args.end());  // CLI11 takes a reversed vector
    Run result;
    try {
      app.parse(args);
    } catch (const CLI::ParseError& error) {
      result.code = 2;
      result.err = error.what();
      return result;
    }
    result.code = action ? action() : 2;
    result.out = out.str();
    result.err = err.str();
    return result;
  }
};

TEST_P(WebhooksCommandTest, AddThenListAsJson) {
  const Run added = run({"add", "https://billing.example/hooks", "--events", "sim.status_changed,application.decided",
                         "--secret", "whsec_cli_secret_9876", "--json"});
  ASSERT_EQ(added.code, 0) << added.err;
  const json endpoint = json::parse(added.out);
  EXPECT_EQ(endpoint["secret"], "whsec_cli_secret_9876");
  EXPECT_EQ(endpoint["events"], json({"application.decided", "sim.status_changed"}));
  EXPECT_EQ(endpoint["url"], "https://billing.example/hooks");
  EXPECT_EQ(endpoint["secret_hint"], "\u20269876");
  EXPECT_EQ(endpoint["active"], true);

  const Run listed = run({"list", "--json"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  const json line = json::parse(listed.out);
  EXPECT_EQ(line["id"], endpoint["id"]);
  EXPECT_FALSE(line.contains("secret"));
  EXPECT_EQ(listed.out.find("whsec_cli_secret_9876"), std::string::npos);

  auto audit = audit_->recent(1);
  ASSERT_TRUE(audit);
  EXPECT_EQ((*audit)[0].actor_type, "system");
}

TEST_P(WebhooksCommandTest, TextOutputAndGeneratedSecret) {
  const Run empty = run({"list"});
  ASSERT_EQ(empty.code, 0);
  EXPECT_EQ(empty.out, "No webhook endpoints.\n");
  const Run added = run({"add", "http://127.0.0.1:9/in", "--events", "application.submitted"});
  ASSERT_EQ(added.code, 0) << added.err;
  EXPECT_NE(added.out.find("Added webhook endpoint whe_"), std::string::npos);
  const auto secret_at = added.out.find("Secret: ");
  ASSERT_NE(secret_at, std::string::npos);
  EXPECT_EQ(added.out.substr(secret_at + 8, 65).find('\n'), 64u);  // 32 random bytes, hex
  const Run listed = run({"list"});
  EXPECT_NE(listed.out.find("active"), std::string::npos);
  EXPECT_NE(listed.out.find("http://127.0.0.1:9/in  application.submitted"), std::string::npos);
}

TEST_P(WebhooksCommandTest, Refusals) {
  struct Case {
    std::vector<std::string> args;
    int code;
    std::string needle;
  };
  const Case cases[] = {
      {{"add", "ftp://x", "--events", "application.decided"}, 1, "url.invalid"},
      {{"add", "https://x", "--events", "application.deleted"}, 1, "events.unknown"},
      {{"add", "https://x", "--events", ","}, 1, "events.empty"},
      {{"add", "https://x", "--events", "application.decided", "--secret", "short"}, 1, "secret.too_short"},
      {{"add", "https://x", "--events", "application.decided", "--secret", "short", "--json"}, 1,
       R"({"field":"/secret","code":"secret.too_short"})"},
      {{"add", "https://x"}, 2, "--events"},
  };
  for (const auto& c : cases) {
    const Run result = run(c.args);
    EXPECT_EQ(result.code, c.code) << c.args[1];
    EXPECT_NE(result.err.find(c.needle), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("short\n"), std::string::npos) << "never echoes the secret";
  }
  EXPECT_EQ(run({"list"}).out, "No webhook endpoints.\n");
}

TEST_P(WebhooksCommandTest, DeliveriesAndRedeliver) {
  const Endpoint endpoint = add("https://billing.example/hooks", {"application.submitted"});
  EXPECT_EQ(run({"deliveries", endpoint.id}).out, "No deliveries.\n");
  ASSERT_TRUE(publish("application.submitted", {{"application_id", "app_1"}}));
  const Run listed = run({"deliveries", endpoint.id, "--json"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  const json delivery = json::parse(listed.out);
  EXPECT_EQ(delivery["status"], "pending");
  const std::string id = delivery["id"];
  const Run text = run({"deliveries", endpoint.id});
  EXPECT_NE(text.out.find(id + "  " + delivery["event_id"].get<std::string>() + "  application.submitted  pending"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("0 attempts, next "), std::string::npos) << text.out;

  const Run busy = run({"redeliver", endpoint.id, id});
  EXPECT_EQ(busy.code, 1);
  EXPECT_NE(busy.err.find("webhooks.delivery_in_progress"), std::string::npos) << busy.err;
  ASSERT_TRUE(db().execute("UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL WHERE id = $1",
                           {id}));
  const Run again = run({"redeliver", endpoint.id, id});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.out.find("will be sent again"), std::string::npos) << again.out;
  EXPECT_EQ(json::parse(run({"deliveries", endpoint.id, "--json"}).out)["status"], "pending");

  const Run unknown = run({"deliveries", "whe_missing", "--json"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find(R"("error":"webhooks.endpoint_not_found")"), std::string::npos) << unknown.err;
  EXPECT_EQ(run({"deliveries", endpoint.id, "--limit", "0"}).code, 2);
  EXPECT_EQ(run({"redeliver", endpoint.id}).code, 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, WebhooksCommandTest,
                         ::testing::Values(db::testing::Engine::sqlite, db::testing::Engine::postgres),
                         db::testing::EngineParamName());

}  // namespace
}  // namespace simreg::webhooks

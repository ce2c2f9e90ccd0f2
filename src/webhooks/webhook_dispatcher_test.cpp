// WebhookDispatcher against real SQLite and PostgreSQL and a real HTTP receiver on loopback:
// signed deliveries, retries with backoff on a ManualClock (same event id and body, fresh
// timestamp), late answers, unreachable receivers, the 24-hour deadline, deactivation, expired
// leases, competing dispatchers and the background threads.
#include "webhooks/webhook_dispatcher.hpp"

#include <map>
#include <set>
#include <thread>

#include "webhooks/signature.hpp"
#include "webhooks/webhooks_test_fixture.hpp"

namespace simreg::webhooks {
namespace {

using nlohmann::json;

constexpr std::int64_t kBaseMs = 30'000;

class WebhookDispatcherTest : public testing::WebhooksTest {
 protected:
  void SetUp() override {
    testing::WebhooksTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    dispatcher_ = std::make_unique<WebhookDispatcher>(db(), *service_, clock_, options(std::chrono::seconds(5)));
  }

  DispatcherOptions options(std::chrono::milliseconds timeout) {
    DispatcherOptions o;
    o.timeout = timeout;
    o.retry_base_ms = kBaseMs;
    o.poll = std::chrono::milliseconds(20);
    return o;
  }

  int deliver(WebhookDispatcher* dispatcher = nullptr) {
    auto handled = (dispatcher ? dispatcher : dispatcher_.get())->deliver_due();
    EXPECT_TRUE(handled) << (handled ? "" : handled.error().code + ": " + handled.error().detail);
    return handled ? *handled : -1;
  }

  void publish_submitted(const std::string& application_id) {
    ASSERT_TRUE(publish("application.submitted", {{"application_id", application_id},
                                                  {"channel", "online"},
                                                  {"status", "submitted"},
                                                  {"submission_count", 1},
                                                  {"due_at", "2027-01-16T08:00:00.000Z"}}));
  }

  std::unique_ptr<WebhookDispatcher> dispatcher_;
};

TEST_P(WebhookDispatcherTest, DeliversASignedEnvelope) {
  testing::Receiver receiver;
  ASSERT_EQ(receiver.start("200"), "");
  const Endpoint endpoint = add(receiver.url(), {"application.submitted"}, "whsec_receiver_secret_1");
  publish_submitted("app_1");
  EXPECT_EQ(deliver(), 1);
  EXPECT_EQ(deliver(), 0);

  const auto posts = receiver.posts();
  ASSERT_EQ(posts.size(), 1u);
  const json& post = posts[0];
  const json body = json::parse(post["body"].get<std::string>());
  EXPECT_EQ(post["event_id"], body["id"]);
  EXPECT_EQ(post["event_type"], "application.submitted");
  EXPECT_EQ(post["user_agent"], "simreg-webhooks/1");
  EXPECT_EQ(post["content_type"], "application/json");
  EXPECT_EQ(body["type"], "application.submitted");
  EXPECT_EQ(body["created_at"], format_utc_ms(clock_.now_ms()));
  EXPECT_EQ(body["data"]["application_id"], "app_1");
  EXPECT_EQ(post["signature"], signature_header("whsec_receiver_secret_1", clock_.now_s(), post["body"].get<std::string>()));
  EXPECT_TRUE(verify_signature("whsec_receiver_secret_1", post["signature"].get<std::string>(),
                               post["body"].get<std::string>(), clock_.now_s()));

  const auto listed = deliveries(endpoint.id);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].status, "delivered");
  EXPECT_EQ(listed[0].delivered_at_ms, clock_.now_ms());
  EXPECT_FALSE(listed[0].next_attempt_at_ms.has_value());
  ASSERT_EQ(listed[0].attempts.size(), 1u);
  EXPECT_EQ(listed[0].attempts[0].status_code, 200);
  EXPECT_FALSE(listed[0].attempts[0].error.has_value());
  EXPECT_GE(listed[0].attempts[0].duration_ms, 0);
}

TEST_P(WebhookDispatcherTest, FailsTwiceThenSucceedsWithTheSameEventAndAFreshTimestamp) {
  testing::Receiver receiver;
  ASSERT_EQ(receiver.start("500,503,204"), "");
  const Endpoint endpoint = add(receiver.url(), {"application.submitted"});
  publish_submitted("app_1");

  EXPECT_EQ(deliver(), 1);
  auto listed = deliveries(endpoint.id);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].status, "pending");
  EXPECT_EQ(listed[0].next_attempt_at_ms, clock_.now_ms() + kBaseMs);
  clock_.advance_ms(kBaseMs - 1);
  EXPECT_EQ(deliver(), 0) << "not due a millisecond early";
  clock_.advance_ms(1);
  EXPECT_EQ(deliver(), 1);
  clock_.advance_ms(2 * kBaseMs);
  EXPECT_EQ(deliver(), 1);
  EXPECT_EQ(deliver(), 0);

  const auto posts = receiver.posts();
  ASSERT_EQ(posts.size(), 3u);
  std::set<std::string> timestamps;
  for (const auto& post : posts) {
    EXPECT_EQ(post["event_id"], posts[0]["event_id"]);
    EXPECT_EQ(post["body"], posts[0]["body"]);
    timestamps.insert(post["signature"].get<std::string>().substr(0, post["signature"].get<std::string>().find(',')));
  }
  EXPECT_EQ(timestamps.size(), 3u);
  EXPECT_TRUE(verify_signature("whsec_test_0123456789", posts[2]["signature"].get<std::string>(),
                               posts[2]["body"].get<std::string>(), clock_.now_s()));

  listed = deliveries(endpoint.id);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].status, "delivered");
  ASSERT_EQ(listed[0].attempts.size(), 3u);
  const int codes[] = {500, 503, 204};
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(listed[0].attempts[i].status_code, codes[i]);
  EXPECT_EQ(listed[0].attempts[1].at_ms, listed[0].attempts[0].at_ms + kBaseMs);
  EXPECT_EQ(listed[0].attempts[2].at_ms, listed[0].attempts[1].at_ms + 2 * kBaseMs);
}

TEST_P(WebhookDispatcherTest, ALateAnswerIsATimeoutAndTheRetryCarriesTheSameEventId) {
  testing::Receiver receiver;
  ASSERT_EQ(receiver.start("200", /*slow=*/1, /*delay=*/3.0), "");
  WebhookDispatcher impatient(db(), *service_, clock_, options(std::chrono::milliseconds(700)));
  const Endpoint endpoint = add(receiver.url(), {"application.submitted"});
  publish_submitted("app_1");
  EXPECT_EQ(deliver(&impatient), 1);
  clock_.advance_ms(kBaseMs);
  EXPECT_EQ(deliver(&impatient), 1);

  const auto posts = receiver.posts();
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_EQ(posts[0]["event_id"], posts[1]["event_id"]);
  const auto listed = deliveries(endpoint.id);
  ASSERT_EQ(listed[0].attempts.size(), 2u);
  EXPECT_FALSE(listed[0].attempts[0].status_code.has_value());
  EXPECT_EQ(listed[0].attempts[0].error, "webhooks.timeout");
  EXPECT_EQ(listed[0].attempts[1].status_code, 200);
  EXPECT_EQ(listed[0].status, "delivered");
}

TEST_P(WebhookDispatcherTest, UnreachableReceiverIsRetriedThenFailsAfter24Hours) {
  // A port that was just free: nothing listens there.
  std::string url;
  {
    testing::Receiver closed;
    ASSERT_EQ(closed.start("200"), "");
    url = closed.url();
  }
  const Endpoint endpoint = add(url, {"application.submitted"});
  publish_submitted("app_1");
  const std::int64_t created = clock_.now_ms();
  EXPECT_EQ(deliver(), 1);
  auto listed = deliveries(endpoint.id);
  ASSERT_EQ(listed[0].attempts.size(), 1u);
  EXPECT_EQ(listed[0].attempts[0].error, "webhooks.connection_failed");
  EXPECT_FALSE(listed[0].attempts[0].status_code.has_value());
  EXPECT_EQ(listed[0].status, "pending");

  // Just before the deadline the next try is scheduled on the deadline itself, and that try's
  // failure ends it.
  clock_.set_ms(created + kGiveUpAfterMs - 1000);
  EXPECT_EQ(deliver(), 1);
  listed = deliveries(endpoint.id);
  EXPECT_EQ(listed[0].next_attempt_at_ms, created + kGiveUpAfterMs);
  clock_.set_ms(created + kGiveUpAfterMs);
  EXPECT_EQ(deliver(), 1);
  listed = deliveries(endpoint.id);
  EXPECT_EQ(listed[0].status, "failed");
  EXPECT_FALSE(listed[0].next_attempt_at_ms.has_value());
  EXPECT_EQ(listed[0].attempts.size(), 3u);
  clock_.advance_ms(kGiveUpAfterMs);
  EXPECT_EQ(deliver(), 0);
}

TEST_P(WebhookDispatcherTest, DeactivatedEndpointsGetNothingMore) {
  testing::Receiver receiver;
  ASSERT_EQ(receiver.start("500,200"), "");
  const Endpoint endpoint = add(receiver.url(), {"application.submitted"});
  publish_submitted("app_1");
  EXPECT_EQ(deliver(), 1);
  ASSERT_TRUE(service_->deactivate_endpoint(endpoint.id, {"stf_admin", {}}));
  publish_submitted("app_2");  // no delivery: the endpoint is no longer active
  clock_.advance_ms(kBaseMs);
  EXPECT_EQ(deliver(), 0);
  EXPECT_EQ(receiver.posts().size(), 1u);
  const auto listed = deliveries(endpoint.id);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].status, "failed");
}

TEST_P(WebhookDispatcherTest, ExpiredLeasesAreReclaimedOrFailedPastTheDeadline) {
  testing::Receiver receiver;
  ASSERT_EQ(receiver.start("200"), "");
  const Endpoint endpoint = add(receiver.url(), {"application.submitted"});
  publish_submitted("app_1");
  clock_.advance_ms(1);
  publish_submitted("app_2");
  const auto listed = deliveries(endpoint.id);
  ASSERT_EQ(listed.size(), 2u);
  const std::string crashed = listed[1].id;  // app_1
  const std::string stale = listed[0].id;    // app_2
  // As if a dispatcher claimed both and died mid-send; the second one's deadline then passes.
  const std::int64_t lease = clock_.now_ms() + dispatcher_->lease_ms();
  ASSERT_TRUE(db().execute("UPDATE webhook_deliveries SET status = 'delivering', attempts = 1, lease_expires_at = $1",
                           {lease}));
  ASSERT_TRUE(db().execute("UPDATE webhook_deliveries SET created_at = created_at - $1 WHERE id = $2",
                           {kGiveUpAfterMs, stale}));
  EXPECT_EQ(deliver(), 0) << "leases still held";
  clock_.advance_ms(dispatcher_->lease_ms());
  EXPECT_EQ(deliver(), 1);
  std::map<std::string, Delivery> by_id;
  for (const auto& d : deliveries(endpoint.id)) by_id[d.id] = d;
  EXPECT_EQ(by_id[crashed].status, "delivered");
  ASSERT_EQ(by_id[crashed].attempts.size(), 1u);  // try 1 never reported; this is try 2
  EXPECT_EQ(by_id[stale].status, "failed");
  EXPECT_EQ(receiver.posts().size(), 1u);
}

TEST_P(WebhookDispatcherTest, ASecretThatNoLongerOpensFailsTheDelivery) {
  testing::Receiver receiver;
  ASSERT_EQ(receiver.start("200"), "");
  const Endpoint endpoint = add(receiver.url(), {"application.submitted"});
  publish_submitted("app_1");
  ASSERT_TRUE(db().execute("UPDATE webhook_endpoints SET secret_sealed = $1", {db::Bytes{std::string(60, 'x')}}));
  EXPECT_EQ(deliver(), 1);
  const auto listed = deliveries(endpoint.id);
  EXPECT_EQ(listed[0].status, "failed");
  ASSERT_EQ(listed[0].attempts.size(), 1u);
  EXPECT_EQ(listed[0].attempts[0].error, "webhooks.secret_unavailable");
  EXPECT_TRUE(receiver.posts().empty());
}

TEST_P(WebhookDispatcherTest, CompetingDispatchersSendEachDeliveryOnce) {
  testing::Receiver receiver;
  ASSERT_EQ(receiver.start("200"), "");
  add(receiver.url(), {"application.submitted"});
  constexpr int kEvents = 24;
  for (int i = 0; i < kEvents; ++i) publish_submitted("app_" + std::to_string(i));
  WebhookDispatcher second(db(), *service_, clock_, options(std::chrono::seconds(5)));
  int second_count = 0;
  std::thread other([&] {
    auto handled = second.deliver_due();
    if (handled) second_count = *handled;
  });
  const int first_count = deliver();
  other.join();
  EXPECT_EQ(first_count + second_count, kEvents);
  std::map<std::string, int> per_event;
  for (const auto& post : receiver.posts()) ++per_event[post["event_id"].get<std::string>()];
  EXPECT_EQ(per_event.size(), std::size_t{kEvents});
  for (const auto& [id, count] : per_event) EXPECT_EQ(count, 1) << id;
}

TEST_P(WebhookDispatcherTest, BackgroundThreadsDeliverUntilStopped) {
  testing::Receiver receiver;
  ASSERT_EQ(receiver.start("200"), "");
  const Endpoint endpoint = add(receiver.url(), {"application.submitted"});
  dispatcher_->start();
  dispatcher_->start();  // no-op
  publish_submitted("app_1");
  publish_submitted("app_2");
  for (int i = 0; i < 200 && receiver.posts().size() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  dispatcher_->stop();
  dispatcher_->stop();
  EXPECT_EQ(receiver.posts().size(), 2u);
  for (const auto& d : deliveries(endpoint.id)) EXPECT_EQ(d.status, "delivered");
}

INSTANTIATE_TEST_SUITE_P(Engines, WebhookDispatcherTest,
                         ::testing::Values(db::testing::Engine::sqlite, db::testing::Engine::postgres),
                         db::testing::EngineParamName());

}  // namespace
}  // namespace simreg::webhooks

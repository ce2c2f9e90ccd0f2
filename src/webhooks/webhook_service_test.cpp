// WebhookService against real SQLite and PostgreSQL: endpoints (sealed secrets, validation,
// deactivation, audit), publish (who gets a delivery, the exact envelope, transactionality) and
// the deliveries listing.
#include "webhooks/webhook_service.hpp"

#include <algorithm>
#include <cctype>

#include "webhooks/webhook_rules.hpp"
#include "webhooks/webhooks_test_fixture.hpp"

namespace simreg::webhooks {
namespace {

using testing::WebhooksTest;
using nlohmann::json;

TEST_P(WebhooksTest, AddSealsTheSecretAndListsNewestFirst) {
  const Endpoint first = add("https://billing.example/hooks", {"sim.status_changed", "application.decided"},
                             "whsec_first_secret_ABCD");
  clock_.advance_ms(10);
  auto generated = service_->add_endpoint("http://127.0.0.1:9/x", {"application.submitted"}, std::nullopt,
                                          {"", {"127.0.0.1", ""}});
  ASSERT_TRUE(generated);
  EXPECT_EQ(generated->secret.size(), 64u);
  EXPECT_TRUE(std::all_of(generated->secret.begin(), generated->secret.end(),
                          [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) && !std::isupper(c); }));
  EXPECT_FALSE(generated->endpoint.created_by.has_value());

  EXPECT_EQ(first.events, (std::vector<std::string>{"application.decided", "sim.status_changed"}));
  EXPECT_EQ(first.secret_hint, "\u2026ABCD");
  EXPECT_EQ(first.created_by, "stf_admin");

  auto listed = service_->list_endpoints();
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, generated->endpoint.id);
  EXPECT_EQ((*listed)[0].secret_hint, "\u2026" + generated->secret.substr(60));
  EXPECT_EQ((*listed)[1].id, first.id);
  EXPECT_EQ((*listed)[1].url, "https://billing.example/hooks");
  EXPECT_EQ((*listed)[1].events, first.events);
  EXPECT_TRUE((*listed)[1].active);
  EXPECT_EQ((*listed)[1].created_at_ms, clock_.now_ms() - 10);

  // At rest the secret is sealed and bound to its row.
  auto stored = db().execute("SELECT secret_sealed FROM webhook_endpoints WHERE id = $1", {first.id});
  ASSERT_TRUE(stored && !stored->empty());
  EXPECT_EQ(stored->first().bytes(0).find("whsec_first_secret_ABCD"), std::string::npos);
  ASSERT_TRUE(db().execute("UPDATE webhook_endpoints SET secret_sealed = $1 WHERE id = $2",
                           {db::Bytes{stored->first().bytes(0)}, generated->endpoint.id}));
  auto moved = service_->list_endpoints();
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().code, "crypto.open_failed");

  auto audit = audit_->recent(10);
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[1].action, "webhooks.endpoint_added");
  EXPECT_EQ((*audit)[1].actor_type, "staff");
  EXPECT_EQ((*audit)[1].target_id, first.id);
  EXPECT_EQ((*audit)[1].details.dump().find("whsec"), std::string::npos);
  EXPECT_EQ((*audit)[0].actor_type, "system");
}

TEST_P(WebhooksTest, AddReportsEveryBadField) {
  struct Case {
    std::string url;
    std::vector<std::string> events;
    std::optional<std::string> secret;
    std::vector<std::string> codes;
  };
  const Case cases[] = {
      {"ftp://x", {"application.decided"}, std::nullopt, {"url.invalid"}},
      {"https://x", {}, std::nullopt, {"events.empty"}},
      {"https://x", {"application.decided"}, "short", {"secret.too_short"}},
      {"x", {"nope"}, "short", {"url.invalid", "events.unknown", "secret.too_short"}},
  };
  for (const auto& c : cases) {
    auto created = service_->add_endpoint(c.url, c.events, c.secret, {"stf_admin", {}});
    ASSERT_FALSE(created) << c.url;
    EXPECT_EQ(created.error().code, "validation.failed");
    std::vector<std::string> codes;
    for (const auto& field : created.error().fields) codes.push_back(field.code);
    EXPECT_EQ(codes, c.codes) << c.url;
  }
  auto listed = service_->list_endpoints();
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

TEST_P(WebhooksTest, PublishCreatesOneDeliveryPerSubscribedActiveEndpoint) {
  const Endpoint decided = add("https://a.example/", {"application.decided"});
  const Endpoint all = add("https://b.example/", event_types());
  const Endpoint sims = add("https://c.example/", {"sim.status_changed"});
  const Endpoint gone = add("https://d.example/", {"application.decided"});
  ASSERT_TRUE(service_->deactivate_endpoint(gone.id, {"stf_admin", {}}));

  const json data = {{"application_id", "app_1"}, {"outcome", "approved"}, {"reasons", json::array()},
                     {"line_ids", {"lin_1"}}, {"decided_at", "2027-01-15T08:00:00.000Z"}};
  ASSERT_TRUE(publish("application.decided", data));

  EXPECT_EQ(deliveries(sims.id).size(), 0u);
  EXPECT_EQ(deliveries(gone.id).size(), 0u);
  const auto to_decided = deliveries(decided.id);
  const auto to_all = deliveries(all.id);
  ASSERT_EQ(to_decided.size(), 1u);
  ASSERT_EQ(to_all.size(), 1u);
  EXPECT_EQ(to_decided[0].event_id, to_all[0].event_id);
  EXPECT_NE(to_decided[0].id, to_all[0].id);
  EXPECT_EQ(to_decided[0].event_type, "application.decided");
  EXPECT_EQ(to_decided[0].status, "pending");
  EXPECT_EQ(to_decided[0].next_attempt_at_ms, clock_.now_ms());
  EXPECT_TRUE(to_decided[0].attempts.empty());
  EXPECT_FALSE(to_decided[0].delivered_at_ms.has_value());
  EXPECT_TRUE(to_decided[0].event_id.starts_with("evt_"));

  // The stored body is the exact envelope, keys in contract order.
  auto job = service_->load_job(to_decided[0].id);
  ASSERT_TRUE(job && job->has_value());
  const std::string expected = R"({"id":")" + to_decided[0].event_id +
                               R"(","type":"application.decided","created_at":")" + format_utc_ms(clock_.now_ms()) +
                               R"(","data":{"application_id":"app_1","decided_at":"2027-01-15T08:00:00.000Z",)"
                               R"("line_ids":["lin_1"],"outcome":"approved","reasons":[]}})";
  EXPECT_EQ((*job)->body, expected);
  EXPECT_EQ((*job)->secret, "whsec_test_0123456789");
  EXPECT_EQ((*job)->url, "https://a.example/");
  EXPECT_EQ((*job)->event_created_at_ms, clock_.now_ms());
  EXPECT_EQ((*job)->attempt, 0);
}

TEST_P(WebhooksTest, PublishWithoutListenersOrRolledBackStoresNothing) {
  add("https://a.example/", {"application.decided"});
  ASSERT_TRUE(publish("sim.status_changed", {{"line_id", "lin_1"}, {"previous_status", "unregistered"},
                                            {"status", "registered"}, {"application_id", nullptr}}));
  auto events = db().execute("SELECT COUNT(*) FROM webhook_events");
  ASSERT_TRUE(events);
  EXPECT_EQ(events->first().integer(0), 0);

  auto rolled_back = db().transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY(service_->publish(tx, "application.decided", {{"application_id", "app_2"}}));
    return Error::make(ErrorKind::conflict, "test.abort", "abort");
  });
  ASSERT_FALSE(rolled_back);
  auto after = db().execute("SELECT (SELECT COUNT(*) FROM webhook_events) + (SELECT COUNT(*) FROM webhook_deliveries)");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->first().integer(0), 0);
}

TEST_P(WebhooksTest, PublishRefusesUnknownTypesAndNonObjects) {
  add("https://a.example/", event_types());
  const std::pair<std::string, json> cases[] = {
      {"application.deleted", json::object()},
      {"", json::object()},
      {"application.decided", json::array()},
      {"application.decided", "text"},
  };
  for (const auto& [type, data] : cases) {
    auto published = publish(type, data);
    ASSERT_FALSE(published) << type;
    EXPECT_EQ(published.error().kind, ErrorKind::internal);
  }
}

TEST_P(WebhooksTest, DeactivateIsIdempotentStopsPendingDeliveriesAndIsAudited) {
  const Endpoint endpoint = add("https://a.example/", {"application.submitted"});
  ASSERT_TRUE(publish("application.submitted", {{"application_id", "app_1"}}));
  ASSERT_TRUE(service_->deactivate_endpoint(endpoint.id, {"stf_admin", {"127.0.0.1", "req_2"}}));
  ASSERT_TRUE(service_->deactivate_endpoint(endpoint.id, {"stf_admin", {"127.0.0.1", "req_3"}}));
  const auto listed = deliveries(endpoint.id);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].status, "failed");
  EXPECT_FALSE(listed[0].next_attempt_at_ms.has_value());
  auto endpoints = service_->list_endpoints();
  ASSERT_TRUE(endpoints);
  EXPECT_FALSE((*endpoints)[0].active);

  auto missing = service_->deactivate_endpoint("whe_missing", {"stf_admin", {}});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "webhooks.endpoint_not_found");
  EXPECT_EQ(missing.error().kind, ErrorKind::not_found);

  auto audit = audit_->recent(10);
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->size(), 2u);  // added, deactivated once
  EXPECT_EQ((*audit)[0].action, "webhooks.endpoint_deactivated");
  EXPECT_EQ((*audit)[0].details["deliveries_stopped"], 1);
}

TEST_P(WebhooksTest, RedeliverSendsAFinishedDeliveryAgainWithTheSameEvent) {
  const Endpoint endpoint = add("https://a.example/", {"application.submitted"});
  const Endpoint other = add("https://b.example/", {"application.submitted"});
  ASSERT_TRUE(publish("application.submitted", {{"application_id", "app_1"}}));
  const auto first = deliveries(endpoint.id).at(0);
  const Actor admin{"stf_admin", {"127.0.0.1", "req_r"}};

  auto busy = service_->redeliver(endpoint.id, first.id, admin);
  ASSERT_FALSE(busy);
  EXPECT_EQ(busy.error().code, "webhooks.delivery_in_progress");
  EXPECT_EQ(busy.error().kind, ErrorKind::conflict);

  // What the dispatcher leaves behind: given up after the retry window, or delivered.
  for (const std::string finished : {"failed", "delivered"}) {
    SCOPED_TRACE(finished);
    ASSERT_TRUE(db().execute("UPDATE webhook_deliveries SET status = $1, next_attempt_at = NULL, delivered_at = $2 "
                             "WHERE id = $3",
                             {finished, finished == "delivered" ? db::Value{clock_.now_ms()} : db::Value{db::Null{}},
                              first.id}));
    clock_.advance_ms(60'000);
    auto again = service_->redeliver(endpoint.id, first.id, admin);
    ASSERT_TRUE(again) << again.error().code;
    EXPECT_EQ(again->id, first.id);
    EXPECT_EQ(again->event_id, first.event_id);
    EXPECT_EQ(again->status, "pending");
    EXPECT_EQ(again->next_attempt_at_ms, clock_.now_ms());
    EXPECT_FALSE(again->delivered_at_ms.has_value());
  }

  auto missing = service_->redeliver(endpoint.id, "whd_missing", admin);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "webhooks.delivery_not_found");
  auto elsewhere = service_->redeliver(other.id, first.id, admin);  // a delivery of another endpoint
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(elsewhere.error().code, "webhooks.delivery_not_found");
  EXPECT_EQ(service_->redeliver("whe_missing", first.id, admin).error().code, "webhooks.endpoint_not_found");

  ASSERT_TRUE(service_->deactivate_endpoint(endpoint.id, admin));
  auto inactive = service_->redeliver(endpoint.id, first.id, admin);
  ASSERT_FALSE(inactive);
  EXPECT_EQ(inactive.error().code, "webhooks.endpoint_inactive");

  auto audit = audit_->recent(10);
  ASSERT_TRUE(audit);
  const auto requested = std::count_if(audit->begin(), audit->end(), [](const auto& entry) {
    return entry.action == "webhooks.redelivery_requested";
  });
  EXPECT_EQ(requested, 2);
  const auto latest = std::find_if(audit->begin(), audit->end(), [](const auto& entry) {
    return entry.action == "webhooks.redelivery_requested";
  });
  ASSERT_NE(latest, audit->end());
  EXPECT_EQ(latest->details["delivery_id"], first.id);
  EXPECT_EQ(latest->details["previous_status"], "delivered");
}

TEST_P(WebhooksTest, DeliveriesListingLimitsAndUnknownEndpoint) {
  const Endpoint endpoint = add("https://a.example/", {"application.submitted"});
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(publish("application.submitted", {{"application_id", "app_" + std::to_string(i)}}));
    clock_.advance_ms(1);
  }
  auto two = service_->list_deliveries(endpoint.id, 2);
  ASSERT_TRUE(two);
  ASSERT_EQ(two->size(), 2u);
  EXPECT_GT((*two)[0].created_at_ms, (*two)[1].created_at_ms);
  for (const int bad : {0, -1, 501}) {
    auto refused = service_->list_deliveries(endpoint.id, bad);
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().code, "webhooks.invalid_limit");
  }
  auto missing = service_->list_deliveries("whe_missing", 10);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "webhooks.endpoint_not_found");
  auto none = service_->load_job("whd_missing");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
}

INSTANTIATE_TEST_SUITE_P(Engines, WebhooksTest, ::testing::Values(db::testing::Engine::sqlite, db::testing::Engine::postgres),
                         db::testing::EngineParamName());

}  // namespace
}  // namespace simreg::webhooks

// ReviewService on both engines with real keys, blob store, lines linked by SMS code, registration
// submissions, outbox and audit log: claiming (also 50 threads at once), decisions and their
// effects, four-eyes, views and their audit, sampling and statistics.
#include "review/review_service.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

#include "accounts/login_throttle.hpp"
#include "accounts/session_service.hpp"
#include "crypto/password_hasher.hpp"
#include "registration/registration_test_support.hpp"

namespace simreg::review {
namespace {

using db::testing::Engine;
using registration::Application;

const RequestMeta kMeta{"192.0.2.20", "req-review"};

using registration::testing::cn_resident_id;

class RecordingPublisher : public webhooks::EventPublisher {
 public:
  Result<void> publish(db::Session&, std::string_view type, const nlohmann::json& data) override {
    std::lock_guard lock(mutex_);
    events.push_back({std::string(type), data});
    return success();
  }
  std::vector<std::pair<std::string, nlohmann::json>> of(const std::string& type) {
    std::vector<std::pair<std::string, nlohmann::json>> out;
    for (const auto& event : events) {
      if (event.first == type) out.push_back(event);
    }
    return out;
  }
  std::vector<std::pair<std::string, nlohmann::json>> events;

 private:
  std::mutex mutex_;
};

class ReviewServiceTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    auto opened = ground_.open(GetParam());
    if (!opened && opened.error().code == "test.no_postgres") GTEST_SKIP() << "SIMREG_TEST_PG_URL not set";
    ASSERT_TRUE(opened) << opened.error().detail;
    auto& db = storage_.db();
    registrations_ = std::make_unique<registration::RegistrationService>(registration::RegistrationServiceDeps{
        db, storage_.sealer, storage_.indexer, *audit_, *blobs_, *sims_, *ground_.profile, storage_.clock,
        imaging::ImageLimits{}, slots_, &events_});
    sessions_ = std::make_unique<accounts::SessionService>(db, *audit_, storage_.clock, accounts::SessionPolicy{});
    throttle_ = std::make_unique<accounts::LoginThrottle>(db, storage_.clock, accounts::ThrottlePolicy{},
                                                          accounts::ThrottlePolicy{});
    staff_ = std::make_unique<staff::StaffService>(staff::StaffServiceDeps{
        db, storage_.sealer, storage_.indexer, hasher_, *sessions_, *throttle_, *audit_, storage_.clock, "simreg"});
    make_service(0.0);
  }

  void make_service(double sample_rate) {
    service_ = std::make_unique<ReviewService>(ReviewServiceDeps{
        storage_.db(), storage_.sealer, *audit_, *blobs_, *sims_, *outbox_, *registrations_, *staff_, storage_.clock,
        [](const std::string& subscriber) -> Result<SubscriberContact> {
          return SubscriberContact{subscriber + "@example.com", "zh-CN"};
        },
        &events_, 900, sample_rate, [] { return 0.5; }});
  }

  std::vector<std::string> linked_lines(const std::string& subscriber, int count) {
    return ground_.linked_lines(subscriber, count, kMeta);
  }

  // A submitted application of `subscriber` with document number sequence `seq` (1..999).
  std::string submitted(const std::string& subscriber, int seq, int lines = 1) {
    auto started = registrations_->start(subscriber, linked_lines(subscriber, lines), kMeta);
    EXPECT_TRUE(started) << (started ? "" : started.error().code);
    if (!started) return "";
    char order[4];
    std::snprintf(order, sizeof order, "%03d", seq * 2 % 1000 + 1);  // odd: a man's number
    nlohmann::json identity{{"full_name", "Zhang San"},
                            {"date_of_birth", "1990-03-07"},
                            {"sex", "M"},
                            {"nationality", "CN"},
                            {"address", "1 Chang'an Avenue, Beijing"},
                            {"document_type", "cn_resident_id"},
                            {"document_number", cn_resident_id(std::string("11010119900307") + order)},
                            {"document_expiry", "2035-01-01"},
                            {"contact_phone", "+8613800138000"}};
    auto updated = registrations_->update(subscriber, started->id, {{"identity", identity}}, kMeta);
    EXPECT_TRUE(updated) << (updated ? "" : updated.error().code);
    record_documents(*started);
    auto done = registrations_->submit(subscriber, started->id, true, kMeta);
    EXPECT_TRUE(done) << (done ? "" : done.error().code);
    return started->id;
  }

  void record_documents(const Application& started) { ground_.record_documents(*registrations_, started); }

  Reviewer reviewer(const std::string& id) { return {id, {"reviewer"}, "en", kMeta}; }
  Reviewer supervisor(const std::string& id) { return {id, {"reviewer", "supervisor"}, "en", kMeta}; }

  std::int64_t count(const std::string& sql, const std::vector<db::Value>& params = {}) {
    auto rows = storage_.db().execute(sql, params);
    EXPECT_TRUE(rows) << (rows ? "" : rows.error().detail);
    return rows ? rows->first().integer(0) : -1;
  }

  std::string case_id(const Result<std::optional<nlohmann::json>>& next) {
    EXPECT_TRUE(next) << (next ? "" : next.error().code);
    return next && *next ? (**next)["id"].get<std::string>() : "";
  }

  RecordingPublisher events_;
  registration::testing::RegistrationGround ground_{&events_};
  // Short names for the ground's parts, which almost every test uses.
  sims::testing::StorageFixture& storage_ = ground_.storage;
  std::unique_ptr<audit::AuditLog>& audit_ = ground_.audit;
  std::unique_ptr<notify::Outbox>& outbox_ = ground_.outbox;
  std::unique_ptr<blob::FileBlobStore>& blobs_ = ground_.blobs;
  std::unique_ptr<sims::SimService>& sims_ = ground_.sims;
  ConcurrencyLimiter slots_{2};
  std::unique_ptr<registration::RegistrationService> registrations_;
  crypto::PasswordHasher hasher_;
  std::unique_ptr<accounts::SessionService> sessions_;
  std::unique_ptr<accounts::LoginThrottle> throttle_;
  std::unique_ptr<staff::StaffService> staff_;
  std::unique_ptr<ReviewService> service_;
};

TEST_P(ReviewServiceTest, NextClaimsTheMostUrgentAndOneCaseAtATime) {
  const auto first = submitted("sub_a", 1);
  storage_.clock.advance_ms(3 * 24 * 3600 * 1000LL);  // later submission, later due date
  const auto second = submitted("sub_b", 2);
  ASSERT_EQ(events_.of("application.submitted").size(), 2u);

  EXPECT_EQ(case_id(service_->next(reviewer("stf_a"), {})), first);
  EXPECT_EQ(case_id(service_->next(reviewer("stf_a"), {})), first);  // still the one held
  EXPECT_EQ(case_id(service_->next(reviewer("stf_b"), {})), second);
  EXPECT_FALSE(*service_->next(reviewer("stf_c"), {}));

  auto taken = service_->claim(reviewer("stf_c"), first);
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, "review.claimed_by_other");
  auto queue = service_->queue(reviewer("stf_a"), {}, 50);
  ASSERT_TRUE(queue);
  EXPECT_EQ((*queue)["counts"]["claimed"], 2);
  EXPECT_EQ((*queue)["items"][0]["id"], first);
  EXPECT_EQ((*queue)["items"][0]["claim"]["mine"], true);
  EXPECT_EQ((*queue)["items"][0]["full_name_masked"], "Z**** S**");

  auto renewed = service_->renew(reviewer("stf_a"), first);
  ASSERT_TRUE(renewed);
  EXPECT_FALSE(service_->renew(reviewer("stf_b"), first));

  // Leases run out: the case is claimable again, and the system hands lapsed ones back.
  storage_.clock.advance_ms(901'000);
  EXPECT_EQ(case_id(service_->next(reviewer("stf_c"), {})), first);
  auto released = service_->release_lapsed();
  ASSERT_TRUE(released);
  EXPECT_EQ(*released, 1);  // stf_b's
  EXPECT_EQ(count("SELECT COUNT(*) FROM application_events WHERE application_id = $1 AND actor_kind = 'system'",
                  {second}),
            1);
  ASSERT_TRUE(service_->release(reviewer("stf_c"), first));
  EXPECT_FALSE(service_->release(reviewer("stf_c"), first));
  EXPECT_EQ(count("SELECT COUNT(*) FROM applications WHERE status = 'submitted' AND claimed_by IS NULL"), 2);
}

TEST_P(ReviewServiceTest, FiftyConcurrentReviewersNeverShareACaseAndSkipNone) {
  std::set<std::string> expected;
  for (int i = 0; i < 12; ++i) expected.insert(submitted("sub_" + std::to_string(i), i + 1));
  std::mutex mutex;
  std::vector<std::string> handed;
  int errors = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i) {
    threads.emplace_back([&, i] {
      auto next = service_->next(reviewer("stf_" + std::to_string(i)), {});
      std::lock_guard lock(mutex);
      if (!next) {
        ++errors;
      } else if (*next) {
        handed.push_back((**next)["id"].get<std::string>());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(errors, 0);
  EXPECT_EQ(handed.size(), expected.size());
  EXPECT_EQ(std::set<std::string>(handed.begin(), handed.end()), expected);
}

TEST_P(ReviewServiceTest, DecisionsMoveLinesNotifyAndRecord) {
  const auto id = submitted("sub_a", 1, 2);
  ASSERT_EQ(case_id(service_->next(reviewer("stf_a"), {})), id);
  auto refused = service_->decide(reviewer("stf_b"), id, {{"outcome", "approve"}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "review.not_holder");

  auto asked = service_->decide(reviewer("stf_a"), id,
                                {{"outcome", "request_resubmission"}, {"reasons", {"image.blurred"}}, {"note", "Retake"}});
  ASSERT_TRUE(asked) << asked.error().code;
  EXPECT_EQ((*asked)["status"], "resubmission_requested");
  EXPECT_EQ((*asked)["decision"]["reasons"][0]["severity"], "fixable");
  EXPECT_EQ(count("SELECT COUNT(*) FROM sim_lines WHERE application_id = $1 AND status = 'unregistered'", {id}), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE template_id = 'application.resubmission_requested'"), 3);
  auto app = registrations_->get("sub_a", id);
  ASSERT_TRUE(app);
  ASSERT_TRUE(app->decision);
  EXPECT_EQ(app->decision->reasons, std::vector<std::string>{"image.blurred"});
  EXPECT_EQ(app->decision->note, "Retake");

  // The subscriber fixes it and submits again: a new due date, the second submission.
  storage_.clock.advance_ms(3600'000);
  ASSERT_TRUE(registrations_->submit("sub_a", id, true, kMeta));
  app = registrations_->get("sub_a", id);
  EXPECT_EQ(app->submission_count, 2);
  EXPECT_FALSE(app->decision);
  ASSERT_EQ(app->decisions.size(), 1u);
  auto reopened = service_->next(reviewer("stf_b"), {});
  ASSERT_EQ(case_id(reopened), id);
  EXPECT_EQ((**reopened)["previous_decisions"][0]["reasons"][0]["code"], "image.blurred");
  EXPECT_EQ((**reopened)["submission_count"], 2);

  auto approved = service_->decide(reviewer("stf_b"), id, {{"outcome", "approve"}});
  ASSERT_TRUE(approved) << approved.error().code;
  EXPECT_EQ(count("SELECT COUNT(*) FROM sim_lines WHERE application_id = $1 AND status = 'registered' "
                  "AND holder_index IS NOT NULL",
                  {id}),
            2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM application_decisions WHERE application_id = $1", {id}), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE template_id = 'application.approved'"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'review.decided'"), 2);
  const auto decided = events_.of("application.decided");
  ASSERT_EQ(decided.size(), 2u);
  EXPECT_EQ(decided[1].second["outcome"], "approved");
  EXPECT_EQ(decided[1].second["line_ids"].size(), 2u);
  EXPECT_EQ(events_.of("sim.status_changed").size(), 8u);  // pending, unregistered, pending, registered × 2

  auto again = service_->decide(reviewer("stf_b"), id, {{"outcome", "approve"}});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "review.not_holder");
  EXPECT_EQ(service_->claim(reviewer("stf_b"), id).error().code, "application.invalid_transition");

  const auto rejected = submitted("sub_b", 2);
  ASSERT_EQ(case_id(service_->next(reviewer("stf_c"), {})), rejected);
  auto invalid = service_->decide(reviewer("stf_c"), rejected, {{"outcome", "reject"}, {"reasons", {"image.glare"}}});
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().code, "validation.failed");
  ASSERT_TRUE(service_->decide(reviewer("stf_c"), rejected, {{"outcome", "reject"}, {"reasons", {"document.forged"}}}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM sim_lines WHERE application_id = $1 AND status = 'unregistered'", {rejected}),
            1);

  auto stats = service_->stats();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->json["time_to_decision_seconds"]["count"], 3);
  EXPECT_EQ(stats->json["queue_depth"], 0);
  EXPECT_EQ(stats->json["decisions_per_reviewer"].size(), 3u);
  const auto metrics = service_->metrics_text();
  EXPECT_NE(metrics.find("simreg_review_decisions_total{outcome=\"rejected\",reason=\"document.forged\"} 1"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("simreg_review_queue_depth 0"), std::string::npos);
}

TEST_P(ReviewServiceTest, FlaggedCasesNeedTwoPeople) {
  const auto first = submitted("sub_a", 7);
  const auto duplicate = submitted("sub_b", 7);  // another person with the same document number
  auto opened = service_->claim(reviewer("stf_a"), duplicate);
  ASSERT_TRUE(opened) << opened.error().code;
  EXPECT_EQ((*opened)["flags"], nlohmann::json({"duplicate_document"}));
  EXPECT_EQ((*opened)["checks"]["duplicates"][0]["application_id"], first);
  auto single = service_->decide(reviewer("stf_a"), duplicate, {{"outcome", "approve"}});
  ASSERT_FALSE(single);
  EXPECT_EQ(single.error().code, "review.four_eyes_required");

  auto escalated = service_->escalate(reviewer("stf_a"), duplicate, "Same number as another applicant");
  ASSERT_TRUE(escalated) << escalated.error().code;
  EXPECT_EQ((*escalated)["escalated"], true);
  EXPECT_EQ((*escalated)["masked"], true);
  EXPECT_EQ(service_->claim(reviewer("stf_b"), duplicate).error().code, "review.supervisor_only");
  ASSERT_EQ(case_id(service_->next(reviewer("stf_b"), {})), first);  // reviewers never get escalated cases
  auto taken = service_->next(supervisor("stf_s"), {{}, {}, {}, {}, true});
  ASSERT_EQ(case_id(taken), duplicate);
  EXPECT_EQ((**taken)["escalation"]["note"], "Same number as another applicant");
  ASSERT_TRUE(service_->decide(supervisor("stf_s"), duplicate, {{"outcome", "approve"}}));
}

TEST_P(ReviewServiceTest, ALaterDuplicateFlagsTheEarlierCaseEvenWhileItIsOpen) {
  const auto first = submitted("sub_a", 9);
  auto opened = service_->claim(reviewer("stf_a"), first);
  ASSERT_TRUE(opened) << opened.error().code;
  EXPECT_EQ((*opened)["flags"], nlohmann::json::array());
  const auto later = submitted("sub_b", 9);  // the same document number, while the first is open

  auto queue = service_->queue(supervisor("stf_s"), {}, 50);
  ASSERT_TRUE(queue);
  ASSERT_EQ((*queue)["items"].size(), 2u);
  for (const auto& item : (*queue)["items"]) {
    EXPECT_EQ(item["flags"], nlohmann::json({"duplicate_document"})) << item["id"];
  }
  EXPECT_EQ((*queue)["counts"]["flagged"], 2);
  // The reviewer who opened the first case before the duplicate arrived cannot approve it alone.
  auto single = service_->decide(reviewer("stf_a"), first, {{"outcome", "approve"}});
  ASSERT_FALSE(single);
  EXPECT_EQ(single.error().code, "review.four_eyes_required");
  auto fixable = service_->decide(reviewer("stf_a"), first,
                                  {{"outcome", "request_resubmission"}, {"reasons", {"data.document_number_mismatch"}}});
  ASSERT_TRUE(fixable) << fixable.error().code;
  EXPECT_EQ(case_id(service_->next(reviewer("stf_b"), {})), later);
}

TEST_P(ReviewServiceTest, ViewsAreAuditedAndMaskedForOthers) {
  const auto id = submitted("sub_a", 3);
  ASSERT_EQ(case_id(service_->next(reviewer("stf_a"), {})), id);
  auto full = service_->get_case(reviewer("stf_a"), id);
  ASSERT_TRUE(full);
  EXPECT_EQ((*full)["masked"], false);
  EXPECT_EQ((*full)["identity"]["full_name"], "Zhang San");
  EXPECT_EQ((*full)["validation"]["valid"], true);
  EXPECT_EQ((*full)["checks"]["cross_field"]["applicable"], true);
  EXPECT_EQ((*full)["checks"]["cross_field"]["sex_matches"], true);
  EXPECT_EQ((*full)["documents"].size(), 3u);
  EXPECT_EQ(service_->get_case(reviewer("stf_b"), id).error().code, "review.not_holder");
  auto masked = service_->get_case(supervisor("stf_s"), id);
  ASSERT_TRUE(masked);
  EXPECT_EQ((*masked)["masked"], true);
  EXPECT_EQ((*masked)["identity"]["full_name"], "Z**** S**");
  EXPECT_EQ((*masked)["identity"]["document_number"].get<std::string>().substr(0, 14), "**************");

  auto unmasked = service_->unmask(supervisor("stf_s"), id, {"document_number", "full_name"});
  ASSERT_TRUE(unmasked);
  EXPECT_EQ((*unmasked)["identity"]["full_name"], "Zhang San");
  EXPECT_EQ(service_->unmask(reviewer("stf_b"), id, {"full_name"}).error().code, "review.not_holder");
  EXPECT_EQ(service_->unmask(reviewer("stf_a"), id, {"shoe_size"}).error().code, "validation.failed");
  auto image = service_->document(reviewer("stf_a"), id, "selfie");
  ASSERT_TRUE(image) << image.error().code;
  EXPECT_EQ(*image, "jpeg:selfie");
  EXPECT_EQ(service_->document(reviewer("stf_a"), id, "passport").error().code, "document.not_found");

  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'review.case_opened' AND target_id = $1", {id}), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'review.field_unmasked' AND actor_id = 'stf_s'"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'review.image_viewed' AND actor_id = 'stf_a'"), 1);
}

TEST_P(ReviewServiceTest, ReassignAndSamples) {
  auto member = staff_->add("second@simreg.test", {"reviewer"}, std::nullopt, {"", kMeta});
  ASSERT_TRUE(member);
  auto support = staff_->add("support@simreg.test", {"support"}, std::nullopt, {"", kMeta});
  ASSERT_TRUE(support);
  make_service(1.0);
  const auto id = submitted("sub_a", 4);
  auto refused = service_->reassign(supervisor("stf_s"), id, support->staff.id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).code, "staff.not_eligible");
  auto moved = service_->reassign(supervisor("stf_s"), id, member->staff.id);
  ASSERT_TRUE(moved) << moved.error().code;
  EXPECT_EQ((*moved)["claim"]["staff_id"], member->staff.id);
  EXPECT_EQ((*moved)["status"], "in_review");
  auto listed = service_->reviewers();
  ASSERT_TRUE(listed);
  EXPECT_EQ((*listed)["items"].size(), 1u);

  ASSERT_TRUE(service_->decide(reviewer(member->staff.id), id, {{"outcome", "approve"}}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_samples"), 1);
  EXPECT_FALSE(*service_->next_sample(reviewer(member->staff.id)));  // never your own approval
  auto sample = service_->next_sample(reviewer("stf_q"));
  ASSERT_TRUE(sample && *sample);
  EXPECT_EQ((**sample)["case"]["id"], id);
  const auto sample_id = (**sample)["sample_id"].get<std::string>();
  EXPECT_EQ(service_->sample_verdict(reviewer("stf_r"), sample_id, {{"agree", true}}).error().code,
            "review.not_holder");
  ASSERT_TRUE(service_->sample_verdict(reviewer("stf_q"), sample_id,
                                       {{"agree", false}, {"reasons", {"data.name_mismatch"}}, {"note", "Name"}}));
  auto report = service_->sample_report();
  ASSERT_TRUE(report);
  ASSERT_EQ((*report)["items"].size(), 1u);
  EXPECT_EQ((*report)["items"][0]["email"], "second@simreg.test");
  EXPECT_EQ((*report)["items"][0]["sampled"], 1);
  EXPECT_EQ((*report)["items"][0]["reviewed"], 1);
  EXPECT_EQ((*report)["items"][0]["disagreements"], 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, ReviewServiceTest, ::testing::Values(Engine::sqlite, Engine::postgres),
                         db::testing::EngineParamName());

}  // namespace
}  // namespace simreg::review

// The service-level figures from counts and decisions: quantiles of time to decision, decisions per
// reviewer (with or without e-mails), the outcome × reason mix, and the Prometheus text.
#include "review/service_level.hpp"

#include <gtest/gtest.h>

namespace simreg::review {
namespace {

DecisionRow decision(std::string reviewer, std::string outcome, std::vector<std::string> reasons, std::int64_t waited_s) {
  return {std::move(reviewer), std::move(outcome), std::move(reasons), 1'000'000, 1'000'000 + waited_s * 1000};
}

TEST(ServiceLevelTest, NoDecisionsLeavesTheQuantilesOpen) {
  const auto stats = summarize_service_level(QueueCounts{4, 1, 2, 0, 0, 0, 1}, {}, {});
  EXPECT_EQ(stats.decided, 0);
  EXPECT_FALSE(stats.median_seconds);
  EXPECT_EQ(stats.json["queue_depth"], 4);
  EXPECT_EQ(stats.json["overdue"], 1);
  EXPECT_EQ(stats.json["due_today"], 2);
  EXPECT_EQ(stats.json["claimed"], 1);
  EXPECT_TRUE(stats.json["time_to_decision_seconds"]["median"].is_null());
  EXPECT_EQ(stats.json["decisions_per_reviewer"], nlohmann::json::array());
  EXPECT_EQ(stats.json["mix"], nlohmann::json::array());
  EXPECT_EQ(stats.json["window_hours"], 24);
}

TEST(ServiceLevelTest, QuantilesPerReviewerAndMix) {
  const std::vector<DecisionRow> recent = {
      decision("stf_a", "approved", {}, 60),
      decision("stf_a", "resubmission_requested", {"image.blurred", "document.expired"}, 120),
      decision("stf_b", "rejected", {"document.forged"}, 180),
      decision("stf_a", "resubmission_requested", {"image.blurred"}, 240),
  };
  const auto stats = summarize_service_level(QueueCounts{}, recent, {{"stf_a", "a@carrier.example"}});
  EXPECT_EQ(stats.decided, 4);
  EXPECT_DOUBLE_EQ(*stats.median_seconds, 150.0);
  EXPECT_DOUBLE_EQ(*stats.p90_seconds, 222.0);
  EXPECT_EQ(stats.json["decisions_per_reviewer"],
            nlohmann::json::parse(R"([
              {"reviewer_id": "stf_a", "email": "a@carrier.example", "decisions": 3, "per_hour": 0.125},
              {"reviewer_id": "stf_b", "email": null, "decisions": 1, "per_hour": 0.041666666666666664}])"));
  EXPECT_EQ(stats.json["mix"], nlohmann::json::parse(R"([
              {"outcome": "approved", "reason": null, "count": 1},
              {"outcome": "rejected", "reason": "document.forged", "count": 1},
              {"outcome": "resubmission_requested", "reason": "document.expired", "count": 1},
              {"outcome": "resubmission_requested", "reason": "image.blurred", "count": 2}])"));
}

TEST(ServiceLevelTest, AClockStepBackCountsAsNoWait) {
  DecisionRow early = decision("stf_a", "approved", {}, 0);
  early.decided_at_ms = early.submitted_at_ms - 5000;
  const auto stats = summarize_service_level(QueueCounts{}, {early}, {});
  EXPECT_DOUBLE_EQ(*stats.median_seconds, 0.0);
}

TEST(ServiceLevelTest, PrometheusText) {
  const auto stats = summarize_service_level(QueueCounts{7, 2, 3, 0, 0, 0, 0}, {decision("stf_a", "approved", {}, 90)}, {});
  const auto text = service_level_metrics(stats, DecisionTotals{{"approved", "", 5}, {"rejected", "document.forged", 2}});
  for (const std::string line : {
           "# TYPE simreg_review_queue_depth gauge\nsimreg_review_queue_depth 7\n",
           "simreg_review_due_today 3\n",
           "simreg_review_overdue 2\n",
           "simreg_review_time_to_decision_seconds{quantile=\"0.5\"} 90.000000\n",
           "# TYPE simreg_review_decisions_total counter\n",
           "simreg_review_decisions_total{outcome=\"approved\",reason=\"\"} 5\n",
           "simreg_review_decisions_total{outcome=\"rejected\",reason=\"document.forged\"} 2\n",
       }) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\nin:\n" << text;
  }
}

TEST(ServiceLevelTest, UnknownTotalsLeaveTheCounterOutAndEmptyQuantilesAreNaN) {
  const auto text = service_level_metrics(summarize_service_level(QueueCounts{}, {}, {}), std::nullopt);
  EXPECT_EQ(text.find("simreg_review_decisions_total"), std::string::npos);
  EXPECT_NE(text.find("simreg_review_time_to_decision_seconds{quantile=\"0.9\"} NaN\n"), std::string::npos);
}

}  // namespace
}  // namespace simreg::review

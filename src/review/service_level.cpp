#include "review/service_level.hpp"

#include <algorithm>

#include "review/quantiles.hpp"

namespace simreg::review {

Stats summarize_service_level(const QueueCounts& counts, const std::vector<DecisionRow>& recent,
                              const std::map<std::string, std::string>& emails) {
  Stats stats;
  stats.counts = counts;
  std::vector<double> durations;
  std::map<std::string, std::int64_t> per_reviewer;
  std::map<std::pair<std::string, std::string>, std::int64_t> mix;
  for (const auto& decision : recent) {
    // A clock step back must not make a negative duration.
    durations.push_back(
        static_cast<double>(std::max<std::int64_t>(0, decision.decided_at_ms - decision.submitted_at_ms)) / 1000.0);
    per_reviewer[decision.reviewer_id] += 1;
    if (decision.reasons.empty()) mix[{decision.outcome, ""}] += 1;
    for (const auto& reason : decision.reasons) mix[{decision.outcome, reason}] += 1;
  }
  stats.median_seconds = quantile(durations, 0.5);
  stats.p90_seconds = quantile(durations, 0.9);
  stats.decided = static_cast<std::int64_t>(recent.size());

  nlohmann::json reviewers = nlohmann::json::array();
  for (const auto& [reviewer, count] : per_reviewer) {
    const auto email = emails.find(reviewer);
    reviewers.push_back({{"reviewer_id", reviewer},
                         {"email", email != emails.end() ? nlohmann::json(email->second) : nlohmann::json(nullptr)},
                         {"decisions", count},
                         {"per_hour", static_cast<double>(count) / kServiceLevelWindowHours}});
  }
  nlohmann::json mix_json = nlohmann::json::array();
  for (const auto& [key, count] : mix) {
    mix_json.push_back({{"outcome", key.first},
                        {"reason", key.second.empty() ? nlohmann::json(nullptr) : nlohmann::json(key.second)},
                        {"count", count}});
  }
  const auto seconds = [](const std::optional<double>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
  };
  stats.json = {{"queue_depth", counts.total},
                {"due_today", counts.due_today},
                {"overdue", counts.overdue},
                {"claimed", counts.claimed},
                {"time_to_decision_seconds",
                 {{"median", seconds(stats.median_seconds)}, {"p90", seconds(stats.p90_seconds)}, {"count", stats.decided}}},
                {"decisions_per_reviewer", reviewers},
                {"mix", mix_json},
                {"window_hours", kServiceLevelWindowHours}};
  return stats;
}

std::string service_level_metrics(const Stats& stats, const std::optional<DecisionTotals>& totals) {
  std::string out;
  const auto gauge = [&out](const std::string& name, const std::string& help, std::int64_t value) {
    out += "# HELP " + name + " " + help + "\n# TYPE " + name + " gauge\n" + name + " " + std::to_string(value) + "\n";
  };
  gauge("simreg_review_queue_depth", "Applications submitted or in review.", stats.counts.total);
  gauge("simreg_review_due_today", "Open applications due by the end of today.", stats.counts.due_today);
  gauge("simreg_review_overdue", "Open applications past their due date.", stats.counts.overdue);
  out += "# HELP simreg_review_time_to_decision_seconds Submission to decision, decisions of the last 24 hours.\n"
         "# TYPE simreg_review_time_to_decision_seconds gauge\n";
  const auto number = [](const std::optional<double>& value) { return value ? std::to_string(*value) : std::string("NaN"); };
  out += "simreg_review_time_to_decision_seconds{quantile=\"0.5\"} " + number(stats.median_seconds) + "\n";
  out += "simreg_review_time_to_decision_seconds{quantile=\"0.9\"} " + number(stats.p90_seconds) + "\n";
  if (totals) {
    out += "# HELP simreg_review_decisions_total Review decisions by outcome and reason code.\n"
           "# TYPE simreg_review_decisions_total counter\n";
    for (const auto& [outcome, reason, count] : *totals) {
      out += "simreg_review_decisions_total{outcome=\"" + outcome + "\",reason=\"" + reason + "\"} " +
             std::to_string(count) + "\n";
    }
  }
  return out;
}

}  // namespace simreg::review

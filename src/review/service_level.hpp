// The supervisors' service-level view, computed from what the store read: queue counts and the
// decisions of the last 24 hours become the GET /review/stats body and the Prometheus text of
// /metrics. Pure: no I/O, no clock; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "review/review_store.hpp"

namespace simreg::review {

inline constexpr int kServiceLevelWindowHours = 24;

struct Stats {
  QueueCounts counts;
  std::optional<double> median_seconds;  // submission to decision; nullopt with no decisions
  std::optional<double> p90_seconds;
  std::int64_t decided = 0;
  nlohmann::json json;  // the GET /review/stats body
};

// `recent`: the window's decisions; `emails`: reviewer id → e-mail, empty to leave people out
// (the per-reviewer rows then carry "email": null).
Stats summarize_service_level(const QueueCounts& counts, const std::vector<DecisionRow>& recent,
                              const std::map<std::string, std::string>& emails);

// (outcome, reason code or "", count) since the beginning.
using DecisionTotals = std::vector<std::tuple<std::string, std::string, std::int64_t>>;

// Gauges for the queue and time to decision; the decision counter only when `totals` is known.
std::string service_level_metrics(const Stats& stats, const std::optional<DecisionTotals>& totals);

}  // namespace simreg::review

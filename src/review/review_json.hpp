// JSON views of the review API: the queue Summary and the Case (contract 4). Personal values are
// masked in summaries; the case shows them in full only for View::full. Times are ISO-8601 UTC.
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "registration/application.hpp"
#include "registration/automated_checks.hpp"
#include "review/review_rules.hpp"
#include "review/review_store.hpp"
#include "sims/sim_line.hpp"

namespace simreg::review {

// The summary columns of a loaded application (for views built from a full load).
QueueRow row_of(const registration::Application& application);

// `viewer`: the caller's staff id ("mine" in the claim).
nlohmann::json summary_json(const QueueRow& row, const std::string& viewer, std::int64_t now_ms);

struct CaseParts {
  const registration::Application& application;
  const std::vector<sims::Line>& lines;
  const registration::AutomatedChecks& checks;
  const std::vector<FieldError>& validation_errors;
  std::string_view locale;  // reason texts of previous decisions
};

nlohmann::json case_json(const CaseParts& parts, View view, const std::string& viewer, std::int64_t now_ms);

// {"code", "message", "hint"} in `locale` (the quality report's and previous decisions' reasons).
nlohmann::json reason_brief(std::string_view code, std::string_view locale);

}  // namespace simreg::review

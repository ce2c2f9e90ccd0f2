// The review's pure rules: leases, who may see a case and how (full, masked, not at all), the
// four-eyes rule for flagged cases, and a decision's outcome and reasons checked against the
// shared taxonomy. No I/O; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "registration/application.hpp"

namespace simreg::review {

inline constexpr std::string_view kReviewerRole = "reviewer";
inline constexpr std::string_view kSupervisorRole = "supervisor";

bool is_supervisor(const std::set<std::string>& roles);

// A claim counts while its lease has not run out.
bool lease_live(const std::optional<registration::Claim>& claim, std::int64_t now_ms);
// The caller holds the case: a live claim in their name on a case in review.
bool holds(const registration::Application& application, const std::string& staff_id, std::int64_t now_ms);
// Submitted, or in review with a lapsed lease; escalated cases only for supervisors.
bool claimable(const registration::Application& application, bool supervisor, std::int64_t now_ms);

enum class View { full, masked, denied };
// The holder sees everything; a supervisor who does not hold it sees it masked; others nothing.
View view_of(const registration::Application& application, const std::string& staff_id, bool supervisor,
             std::int64_t now_ms);

struct DecisionInput {
  std::string outcome;               // approve | reject | request_resubmission
  std::vector<std::string> reasons;  // taxonomy codes
  std::string note;                  // at most kMaxNoteLength bytes
};

inline constexpr std::size_t kMaxNoteLength = 1000;

// The stored outcome: approved | rejected | resubmission_requested (nullopt for an unknown outcome).
std::optional<registration::ApplicationStatus> outcome_status(std::string_view outcome);

// Reads {"outcome", "reasons", "note"?} and applies the rules: reject needs ≥1 final reason;
// request_resubmission ≥1 fixable and no final one; approve none. Errors: validation.failed with
// /outcome outcome.invalid, /reasons reasons.invalid|reasons.required|reasons.not_allowed|
// reasons.final_required|reasons.fixable_only, /reasons/<i> reason.unknown, /note note.too_long.
Result<DecisionInput> parse_decision(const nlohmann::json& body);

// Approving a flagged case needs a supervisor who is not the one who escalated it, after an
// escalation. Error: review.four_eyes_required (conflict).
Result<void> check_four_eyes(const registration::Application& application, const DecisionInput& decision,
                             const std::string& staff_id, bool supervisor);

// Reason codes for a sample verdict or any list: /reasons/<i> reason.unknown for an unknown code.
std::vector<FieldError> unknown_reasons(const nlohmann::json& reasons);

}  // namespace simreg::review

#include "review/review_rules.hpp"

#include <algorithm>

#include "reasons/reason_catalog.hpp"

namespace simreg::review {

using registration::Application;
using registration::ApplicationStatus;

bool is_supervisor(const std::set<std::string>& roles) { return roles.count(std::string(kSupervisorRole)) > 0; }

bool lease_live(const std::optional<registration::Claim>& claim, std::int64_t now_ms) {
  return claim.has_value() && claim->lease_expires_at_ms > now_ms;
}

bool holds(const Application& application, const std::string& staff_id, std::int64_t now_ms) {
  return application.status == ApplicationStatus::in_review && lease_live(application.claim, now_ms) &&
         application.claim->staff_id == staff_id;
}

bool claimable(const Application& application, bool supervisor, std::int64_t now_ms) {
  if (application.escalation && !supervisor) return false;
  if (application.status == ApplicationStatus::submitted) return true;
  return application.status == ApplicationStatus::in_review && !lease_live(application.claim, now_ms);
}

View view_of(const Application& application, const std::string& staff_id, bool supervisor, std::int64_t now_ms) {
  if (holds(application, staff_id, now_ms)) return View::full;
  return supervisor ? View::masked : View::denied;
}

std::optional<ApplicationStatus> outcome_status(std::string_view outcome) {
  if (outcome == "approve") return ApplicationStatus::approved;
  if (outcome == "reject") return ApplicationStatus::rejected;
  if (outcome == "request_resubmission") return ApplicationStatus::resubmission_requested;
  return std::nullopt;
}

std::vector<FieldError> unknown_reasons(const nlohmann::json& reasons) {
  std::vector<FieldError> errors;
  if (!reasons.is_array()) {
    errors.push_back({"/reasons", "reasons.invalid", "Send the reasons as a list of codes."});
    return errors;
  }
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    const auto& code = reasons[i];
    if (!code.is_string() || reasons::find_reason(code.get<std::string>()) == nullptr) {
      errors.push_back({"/reasons/" + std::to_string(i), "reason.unknown", "This is not a known reason code."});
    }
  }
  return errors;
}

Result<DecisionInput> parse_decision(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  DecisionInput input;
  const auto outcome = body.find("outcome");
  if (outcome == body.end() || !outcome->is_string() || !outcome_status(outcome->get<std::string>())) {
    errors.push_back({"/outcome", "outcome.invalid", "Choose approve, reject or request_resubmission."});
  } else {
    input.outcome = outcome->get<std::string>();
  }
  const auto reasons = body.find("reasons");
  const nlohmann::json none = nlohmann::json::array();
  const auto& list = reasons == body.end() || reasons->is_null() ? none : *reasons;
  auto unknown = unknown_reasons(list);
  errors.insert(errors.end(), unknown.begin(), unknown.end());
  if (unknown.empty()) {
    for (const auto& code : list) {
      const auto text = code.get<std::string>();
      if (std::find(input.reasons.begin(), input.reasons.end(), text) == input.reasons.end()) {
        input.reasons.push_back(text);
      }
    }
  }
  const auto note = body.find("note");
  if (note != body.end() && !note->is_null()) {
    if (!note->is_string()) {
      errors.push_back({"/note", "note.invalid", "The note is text."});
    } else if (note->get<std::string>().size() > kMaxNoteLength) {
      errors.push_back({"/note", "note.too_long", "Keep the note to 1000 characters."});
    } else {
      input.note = note->get<std::string>();
    }
  }
  if (errors.empty()) {
    int fixable = 0;
    int finals = 0;
    for (const auto& code : input.reasons) {
      (reasons::find_reason(code)->severity == reasons::Severity::final ? finals : fixable) += 1;
    }
    if (input.outcome == "approve" && !input.reasons.empty()) {
      errors.push_back({"/reasons", "reasons.not_allowed", "An approval takes no reasons."});
    } else if (input.outcome == "reject" && finals == 0) {
      errors.push_back({"/reasons", "reasons.final_required",
                        "A rejection needs at least one final reason; fixable problems ask for a resubmission."});
    } else if (input.outcome == "request_resubmission" && (fixable == 0 || finals > 0)) {
      errors.push_back({"/reasons", finals > 0 ? "reasons.fixable_only" : "reasons.required",
                        "A resubmission request needs at least one fixable reason and no final one."});
    }
  }
  if (!errors.empty()) return Error::validation(std::move(errors));
  return input;
}

Result<void> check_four_eyes(const Application& application, const DecisionInput& decision,
                             const std::string& staff_id, bool supervisor) {
  if (decision.outcome != "approve" || application.flags.empty()) return success();
  if (supervisor && application.escalation && application.escalation->by != staff_id) return success();
  return Error::make(ErrorKind::conflict, "review.four_eyes_required",
                     "This case was flagged by the automated checks: escalate it; a supervisor must approve it.");
}

}  // namespace simreg::review

#include "sims/sim_service.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "jurisdiction/phone_number.hpp"
#include "sims/line_status.hpp"

namespace simreg::sims {
namespace {

using accounts::CodeOutcome;
using accounts::CodePurpose;

constexpr std::int64_t kLinkCodeTtlMs = std::int64_t{kLinkCodeTtlSeconds} * 1000;
constexpr std::int64_t kLinkResendMs = std::int64_t{kLinkResendSeconds} * 1000;
constexpr std::string_view kLinkSubjectPurpose = "sims.link_code";
constexpr std::string_view kNoDeliverySavepoint = "sims_link_no_delivery";

Error code_invalid() {
  return Error::make(
      ErrorKind::unprocessable, "sims.code_invalid",
      "The code is not correct or has expired. Check the number, or request a new code.");
}

Error too_many_attempts(int retry_after) {
  Error e = Error::make(ErrorKind::rate_limited, "sims.too_many_attempts",
                        "Too many wrong codes: this code no longer works. Request a new code.");
  e.retry_after_seconds = retry_after;
  return e;
}

Error resend_too_soon(int retry_after) {
  Error e =
      Error::make(ErrorKind::rate_limited, "sims.resend_too_soon",
                  "A code was sent to this number moments ago. Wait a little before asking again.");
  e.retry_after_seconds = retry_after;
  return e;
}

// Whole seconds until `until_ms`, at least 1 (a Retry-After of 0 invites an immediate retry).
int seconds_until(std::int64_t until_ms, std::int64_t now_ms) {
  return static_cast<int>(std::max<std::int64_t>(1, (until_ms - now_ms + 999) / 1000));
}

bool six_digits(std::string_view code) {
  return code.size() == 6 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool known_actor_kind(std::string_view kind) {
  return kind == "subscriber" || kind == "staff" || kind == "system";
}

}  // namespace

SimService::SimService(SimServiceDeps deps)
    : deps_(std::move(deps)), store_(deps_.sealer, deps_.indexer) {}

std::string SimService::code_subject(const std::string& subscriber_id,
                                     std::string_view e164) const {
  // Per account and number: one person cannot exhaust or reset the tries of another.
  return deps_.indexer.compute(kLinkSubjectPurpose, subscriber_id + "|" + std::string(e164));
}

Result<void> SimService::audit(db::Session& tx, const std::string& subscriber_id,
                               std::string action, std::string outcome, const std::string& line_id,
                               const RequestMeta& meta, nlohmann::json details) {
  auto event = audit::request_event("subscriber", subscriber_id, std::move(action), "sim_line", line_id, meta);
  event.outcome = std::move(outcome);
  event.details = std::move(details);
  return deps_.audit.append(tx, event);
}

Result<LinkStarted> SimService::link_request(const std::string& subscriber_id,
                                             std::string_view msisdn_text, std::string_view locale,
                                             const RequestMeta& meta) {
  const auto e164 = jurisdiction::normalize_msisdn(msisdn_text, deps_.region);
  if (!e164) {
    const bool foreign =
        jurisdiction::check_msisdn(msisdn_text, deps_.region).has_error("msisdn.wrong_country");
    return Error::validation(
        {{"/msisdn", foreign ? "msisdn.wrong_country" : "msisdn.invalid",
          foreign ? "Enter a mobile number of this country." : "Enter a valid mobile number."}});
  }
  const std::string subject = code_subject(subscriber_id, *e164);
  std::optional<int> retry_after;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    retry_after.reset();
    const std::int64_t now = deps_.clock.now_ms();
    SIMREG_TRY_ASSIGN(auto last,
                      deps_.codes.last_issued_at(tx, CodePurpose::sim_possession, subject));
    if (last && now - *last < kLinkResendMs) {
      retry_after = seconds_until(*last + kLinkResendMs, now);
      return success();
    }
    SIMREG_TRY_ASSIGN(auto line, store_.find_by_msisdn(tx, *e164, false));
    SIMREG_TRY_ASSIGN(auto code, deps_.codes.issue(tx, CodePurpose::sim_possession, subject,
                                                   subscriber_id, kLinkCodeTtlMs));
    const notify::OutboundMessage message{
        notify::Channel::sms, *e164, "sim_link_code", std::string(locale), {{"code", code}}};
    if (line) {
      SIMREG_TRY(deps_.outbox.enqueue(tx, message));
    } else {
      // A number outside the inventory costs the same work, undone: the answer's timing must not
      // tell which numbers the carrier has. The code row stays, so resend limits apply alike.
      const std::string savepoint(kNoDeliverySavepoint);
      SIMREG_TRY(tx.execute_script("SAVEPOINT " + savepoint));
      SIMREG_TRY(deps_.outbox.enqueue(tx, message));
      SIMREG_TRY(tx.execute_script("ROLLBACK TO SAVEPOINT " + savepoint));
      SIMREG_TRY(tx.execute_script("RELEASE SAVEPOINT " + savepoint));
    }
    return audit(tx, subscriber_id, "sims.link_code_requested", "success",
                 line ? line->id : std::string(), meta, {{"in_inventory", line.has_value()}});
  }));
  if (retry_after) return resend_too_soon(*retry_after);
  return LinkStarted{*e164};
}

Result<Line> SimService::link_confirm(const std::string& subscriber_id,
                                      std::string_view msisdn_text, std::string_view code,
                                      const RequestMeta& meta) {
  const auto e164 = jurisdiction::normalize_msisdn(msisdn_text, deps_.region);
  if (!e164 || !six_digits(code)) return code_invalid();
  const std::string subject = code_subject(subscriber_id, *e164);
  enum class Outcome { linked, code_invalid, too_many_attempts, held_by_another, unavailable };
  Outcome outcome = Outcome::code_invalid;
  int retry_after = kLinkResendSeconds;
  Line linked;
  // Commits on every outcome: a wrong code must still count as an attempt.
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    outcome = Outcome::code_invalid;
    const std::int64_t now = deps_.clock.now_ms();
    SIMREG_TRY_ASSIGN(auto check,
                      deps_.codes.check(tx, CodePurpose::sim_possession, subject, code));
    if (check.outcome == CodeOutcome::too_many_attempts) {
      outcome = Outcome::too_many_attempts;
      SIMREG_TRY_ASSIGN(auto last,
                        deps_.codes.last_issued_at(tx, CodePurpose::sim_possession, subject));
      retry_after = seconds_until(last.value_or(now) + kLinkResendMs, now);
      return success();
    }
    if (check.outcome != CodeOutcome::accepted) return success();
    SIMREG_TRY_ASSIGN(auto line, store_.find_by_msisdn(tx, *e164, true));
    // Only reachable by guessing the code of an SMS that was never sent: answered like a wrong
    // code.
    if (!line) return success();

    const auto status = parse_line_status(line->status);
    if (status == LineStatus::frozen || status == LineStatus::cancelled) {
      outcome = Outcome::unavailable;
      return audit(tx, subscriber_id, "sims.link_refused", "failure", line->id, meta,
                   {{"reason", "sims.line_unavailable"}, {"status", line->status}});
    }
    const bool mine = line->subscriber_id == subscriber_id;
    const bool someone_elses = line->subscriber_id.has_value() && !mine;
    if (someone_elses && (status == LineStatus::pending || status == LineStatus::registered)) {
      outcome = Outcome::held_by_another;
      return audit(tx, subscriber_id, "sims.link_refused", "failure", line->id, meta,
                   {{"reason", "sims.held_by_another_person"}, {"status", line->status}});
    }
    outcome = Outcome::linked;
    if (mine) {
      linked = std::move(*line);
      return success();
    }
    // Holding the SIM outweighs an older, unregistered link (a line sold on, a recycled SIM):
    // the line moves to this account without the previous holder's application.
    SIMREG_TRY(store_.link(tx, line->id, subscriber_id, someone_elses, now));
    SIMREG_TRY_ASSIGN(auto reloaded, store_.find_by_msisdn(tx, *e164, false));
    if (!reloaded) return Error::internal("A line vanished while being linked.");
    linked = std::move(*reloaded);
    nlohmann::json details = {{"status", linked.status}};
    if (someone_elses) details["previous_subscriber_id"] = *line->subscriber_id;
    return audit(tx, subscriber_id, "sims.line_linked", "success", linked.id, meta,
                 std::move(details));
  }));
  switch (outcome) {
    case Outcome::linked:
      return linked;
    case Outcome::too_many_attempts:
      return too_many_attempts(retry_after);
    case Outcome::held_by_another:
      return Error::make(
          ErrorKind::conflict, "sims.held_by_another_person",
          "This line is registered, or being registered, to another person. If it is yours, "
          "bring your ID to a store of your carrier.");
    case Outcome::unavailable:
      return Error::make(
          ErrorKind::conflict, "sims.line_unavailable",
          "This line is suspended or closed and cannot be added. Contact your carrier.");
    case Outcome::code_invalid:
      break;
  }
  return code_invalid();
}

Result<std::vector<Line>> SimService::lines_of(const std::string& subscriber_id) {
  std::vector<Line> lines;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& session) -> Result<void> {
    SIMREG_TRY_ASSIGN(lines, store_.linked_to(session, subscriber_id));
    return success();
  }));
  return lines;
}

Result<std::vector<Line>> SimService::lines_for_application(
    db::Session& tx, const std::string& subscriber_id, const std::vector<std::string>& line_ids) {
  std::vector<std::string> unique_ids;
  std::set<std::string> seen;
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < line_ids.size(); ++i) {
    if (seen.insert(line_ids[i]).second) {
      unique_ids.push_back(line_ids[i]);
    } else {
      errors.push_back(
          {"/line_ids/" + std::to_string(i), "line.duplicate", "This line is listed twice."});
    }
  }
  SIMREG_TRY_ASSIGN(auto found, store_.find_by_ids(tx, unique_ids, true));
  std::unordered_map<std::string, Line> by_id;
  for (auto& line : found) {
    if (line.subscriber_id == subscriber_id) by_id.emplace(line.id, std::move(line));
  }
  std::vector<Line> lines;
  std::set<std::string> taken;
  for (std::size_t i = 0; i < line_ids.size(); ++i) {
    if (!taken.insert(line_ids[i]).second) continue;
    const auto it = by_id.find(line_ids[i]);
    if (it == by_id.end()) {
      errors.push_back({"/line_ids/" + std::to_string(i), "line.not_found",
                        "This is not one of your lines. Add the line first."});
      continue;
    }
    lines.push_back(it->second);
  }
  if (!errors.empty()) return Error::validation(std::move(errors));
  return lines;
}

Result<void> SimService::set_status(db::Session& tx, const std::vector<std::string>& line_ids,
                                    std::string_view new_status, std::string_view actor_kind,
                                    std::string_view actor_id, std::string_view reason,
                                    std::optional<std::string> holder_index,
                                    std::optional<std::string> application_id) {
  const auto target = parse_line_status(new_status);
  if (!target) return Error::internal("set_status: unknown line status.");
  if (!known_actor_kind(actor_kind)) return Error::internal("set_status: unknown actor kind.");
  std::vector<std::string> unique_ids;
  for (const auto& id : line_ids) {
    if (std::find(unique_ids.begin(), unique_ids.end(), id) == unique_ids.end())
      unique_ids.push_back(id);
  }
  SIMREG_TRY_ASSIGN(auto lines, store_.find_by_ids(tx, unique_ids, true));
  if (lines.size() != unique_ids.size()) {
    return Error::make(ErrorKind::not_found, "sims.line_not_found", "A line does not exist.");
  }
  // Every line is checked before any changes, so a refusal leaves all of them as they were.
  for (const auto& line : lines) {
    const auto from = parse_line_status(line.status);
    if (!from) return Error::internal("A line has an unknown status.");
    if (*from != *target && !line_transition_allowed(*from, *target)) {
      return Error::make(
          ErrorKind::conflict, "sims.status_transition",
          "A line cannot go from " + line.status + " to " + std::string(new_status) + ".");
    }
  }
  const std::int64_t now = deps_.clock.now_ms();
  for (const auto& line : lines) {
    if (line.status == new_status && !holder_index && !application_id) continue;
    SIMREG_TRY(store_.change_status(
        tx,
        {line.id, line.status, std::string(new_status), std::string(actor_kind),
         std::string(actor_id), std::string(reason), holder_index, application_id},
        now));
    if (deps_.events != nullptr && line.status != new_status) {
      const auto& application = application_id ? application_id : line.application_id;
      SIMREG_TRY(deps_.events->publish(
          tx, "sim.status_changed",
          {{"line_id", line.id},
           {"previous_status", line.status},
           {"status", std::string(new_status)},
           {"application_id", application ? nlohmann::json(*application) : nlohmann::json(nullptr)}}));
    }
  }
  return success();
}

}  // namespace simreg::sims

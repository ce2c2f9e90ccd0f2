#include "review/review_service.hpp"

#include <algorithm>
#include <map>
#include <random>

#include "core/clock.hpp"
#include "jurisdiction/identity_validator.hpp"
#include "reasons/reason_catalog.hpp"
#include "registration/automated_checks.hpp"
#include "registration/identity_fields.hpp"
#include "review/review_json.hpp"

namespace simreg::review {
namespace {

using registration::Actor;
using registration::Application;
using registration::ApplicationStatus;

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr int kLapsedBatch = 100;

Error not_found() {
  return Error::make(ErrorKind::not_found, "application.not_found", "There is no such application.");
}

Error not_holder() {
  return Error::make(ErrorKind::conflict, "review.not_holder", "You do not hold this case. Claim it first.");
}

Error not_reviewable(ApplicationStatus status) {
  return Error::make(ErrorKind::conflict, "application.invalid_transition",
                     "This application is " + std::string(registration::status_name(status)) +
                         " and is not waiting for review.");
}

Error supervisor_only() {
  return Error::make(ErrorKind::forbidden, "review.supervisor_only", "Only a supervisor can take an escalated case.");
}

bool reviewable(ApplicationStatus status) {
  return status == ApplicationStatus::submitted || status == ApplicationStatus::in_review;
}

std::string line_status_after(ApplicationStatus outcome, const sims::Line& line, std::int64_t now_ms) {
  if (outcome == ApplicationStatus::approved) return "registered";
  // A line whose registration deadline has passed goes back restricted, as the inventory demands.
  return line.registration_deadline_ms <= now_ms ? "restricted" : "unregistered";
}

}  // namespace

ReviewService::ReviewService(ReviewServiceDeps deps)
    : deps_(std::move(deps)), store_(deps_.sealer), applications_(deps_.sealer) {}

double ReviewService::random01() {
  if (deps_.random01) return deps_.random01();
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

std::int64_t ReviewService::day_end_ms() const {
  const auto offset_ms = std::int64_t{deps_.registrations.profile().utc_offset_minutes()} * 60'000;
  const auto today = deps_.registrations.today();
  return (jurisdiction::days_from_civil(today) + 1) * kDayMs - offset_ms;
}

Result<void> ReviewService::audit(db::Session& tx, const Reviewer& who, std::string action,
                                  const std::string& target_id, nlohmann::json details) {
  auto event = audit::request_event(who.staff_id.empty() ? "system" : "staff", who.staff_id, std::move(action),
                                    "application", target_id, who.meta);
  event.details = std::move(details);
  return deps_.audit.append(tx, event);
}

Result<Application> ReviewService::load(db::Session& session, const std::string& id, bool lock) {
  SIMREG_TRY_ASSIGN(auto found, applications_.load(session, id, lock));
  if (!found || found->status == ApplicationStatus::draft) return not_found();
  return std::move(*found);
}

Result<bool> ReviewService::checking_sample(db::Session& session, const std::string& application_id,
                                            const std::string& staff_id) {
  SIMREG_TRY_ASSIGN(auto rows, session.execute("SELECT COUNT(*) FROM review_samples WHERE application_id = $1 "
                                               "AND claimed_by = $2 AND checked_at IS NULL",
                                               {application_id, staff_id}));
  return rows.first().integer(0) > 0;
}

Result<registration::AutomatedChecks> ReviewService::recheck(db::Session& tx, Application& app) {
  const auto index = deps_.registrations.document_number_index(app.identity);
  SIMREG_TRY_ASSIGN(auto checks, registration::run_automated_checks(tx, deps_.sims, app, index,
                                                                    deps_.registrations.profile(),
                                                                    deps_.registrations.today()));
  // Flags follow the checks while the case is open for review; a decided case keeps those it was
  // decided on.
  if (reviewable(app.status)) {
    auto flags = registration::flags_of(checks);
    if (flags != app.flags) {
      SIMREG_TRY(applications_.set_flags(tx, app.id, flags));
      app.flags = std::move(flags);
    }
  }
  return checks;
}

Result<nlohmann::json> ReviewService::open_case(db::Session& tx, Application& app, View view, const Reviewer& who,
                                                nlohmann::json audit_details) {
  SIMREG_TRY_ASSIGN(auto checks, recheck(tx, app));
  const auto today = deps_.registrations.today();
  std::vector<sims::Line> lines;
  if (!app.line_ids.empty()) {
    auto found = deps_.sims.lines_for_application(tx, app.subscriber_id, app.line_ids);
    if (found) lines = std::move(*found);
  }
  auto errors = jurisdiction::missing_fields(deps_.registrations.profile(), app.identity);
  auto invalid = jurisdiction::validate_identity(deps_.registrations.profile(), today, app.identity);
  errors.insert(errors.end(), invalid.begin(), invalid.end());
  audit_details["masked"] = view != View::full;
  SIMREG_TRY(audit(tx, who, "review.case_opened", app.id, std::move(audit_details)));
  return case_json({app, lines, checks, errors, who.locale}, view, who.staff_id, deps_.clock.now_ms());
}

Result<void> ReviewService::take(db::Session& tx, Application& app, const std::string& staff_id,
                                 const Reviewer& actor) {
  const auto now = deps_.clock.now_ms();
  if (app.status == ApplicationStatus::submitted) {
    SIMREG_TRY(applications_.change_status(tx, app, ApplicationStatus::in_review, Actor::staff, actor.staff_id, now));
    app.status = ApplicationStatus::in_review;
    app.history.push_back({ApplicationStatus::submitted, ApplicationStatus::in_review, Actor::staff, now});
  }
  const auto expires = now + std::int64_t{deps_.lease_seconds} * 1000;
  SIMREG_TRY(store_.set_claim(tx, app.id, staff_id, now, expires));
  app.claim = registration::Claim{staff_id, now, expires};
  return success();
}

Result<void> ReviewService::hand_back(db::Session& tx, const Application& app, Actor actor,
                                      const std::string& actor_id) {
  if (app.status == ApplicationStatus::in_review) {
    SIMREG_TRY(applications_.change_status(tx, app, ApplicationStatus::submitted, actor, actor_id,
                                           deps_.clock.now_ms()));
  }
  return store_.clear_claim(tx, app.id);
}

Result<nlohmann::json> ReviewService::queue(const Reviewer& who, const QueueFilter& filter, int limit) {
  limit = std::clamp(limit, 1, 200);
  nlohmann::json out;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& session) -> Result<void> {
    const auto now = deps_.clock.now_ms();
    SIMREG_TRY_ASSIGN(auto rows, store_.queue(session, filter, limit));
    SIMREG_TRY_ASSIGN(auto counts, store_.counts(session, now, day_end_ms()));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& row : rows) items.push_back(summary_json(row, who.staff_id, now));
    out = {{"items", items},
           {"counts",
            {{"total", counts.total},
             {"overdue", counts.overdue},
             {"due_today", counts.due_today},
             {"flagged", counts.flagged},
             {"resubmissions", counts.resubmissions},
             {"escalated", counts.escalated},
             {"claimed", counts.claimed}}}};
    return success();
  }));
  return out;
}

Result<std::optional<nlohmann::json>> ReviewService::next(const Reviewer& who, const QueueFilter& filter) {
  std::optional<nlohmann::json> out;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    out.reset();
    const auto now = deps_.clock.now_ms();
    SIMREG_TRY_ASSIGN(auto id, store_.held_by(tx, who.staff_id, now));
    if (!id) {
      SIMREG_TRY_ASSIGN(id, store_.pick_next(tx, filter, is_supervisor(who.roles), now));
    }
    if (!id) return success();
    SIMREG_TRY_ASSIGN(auto app, load(tx, *id, true));
    if (!holds(app, who.staff_id, now)) SIMREG_TRY(take(tx, app, who.staff_id, who));
    SIMREG_TRY_ASSIGN(auto view, open_case(tx, app, View::full, who, {{"via", "next"}}));
    out = std::move(view);
    return success();
  }));
  return out;
}

Result<nlohmann::json> ReviewService::claim(const Reviewer& who, const std::string& id) {
  nlohmann::json out;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    const auto now = deps_.clock.now_ms();
    SIMREG_TRY_ASSIGN(auto app, load(tx, id, true));
    if (!holds(app, who.staff_id, now)) {
      if (!reviewable(app.status)) return not_reviewable(app.status);
      if (app.status == ApplicationStatus::in_review && lease_live(app.claim, now)) {
        return Error::make(ErrorKind::conflict, "review.claimed_by_other", "Another reviewer holds this case.");
      }
      if (!claimable(app, is_supervisor(who.roles), now)) return supervisor_only();
      // One case at a time: a case the caller held before goes back to the queue.
      SIMREG_TRY_ASSIGN(auto previous, store_.held_by(tx, who.staff_id, now));
      if (previous && *previous != id) {
        SIMREG_TRY_ASSIGN(auto held, load(tx, *previous, true));
        SIMREG_TRY(hand_back(tx, held, Actor::staff, who.staff_id));
      }
      SIMREG_TRY(take(tx, app, who.staff_id, who));
    }
    SIMREG_TRY_ASSIGN(out, open_case(tx, app, View::full, who, {{"via", "claim"}}));
    return success();
  }));
  return out;
}

Result<nlohmann::json> ReviewService::renew(const Reviewer& who, const std::string& id) {
  std::int64_t expires = 0;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    const auto now = deps_.clock.now_ms();
    SIMREG_TRY_ASSIGN(auto app, load(tx, id, true));
    if (!holds(app, who.staff_id, now)) return not_holder();
    expires = now + std::int64_t{deps_.lease_seconds} * 1000;
    return store_.set_claim(tx, id, who.staff_id, app.claim->claimed_at_ms, expires);
  }));
  return nlohmann::json{{"lease_expires_at", format_utc_ms(expires)}};
}

Result<void> ReviewService::release(const Reviewer& who, const std::string& id) {
  return deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(auto app, load(tx, id, true));
    if (!holds(app, who.staff_id, deps_.clock.now_ms())) return not_holder();
    SIMREG_TRY(hand_back(tx, app, Actor::staff, who.staff_id));
    return audit(tx, who, "review.released", id);
  });
}

Result<nlohmann::json> ReviewService::get_case(const Reviewer& who, const std::string& id) {
  nlohmann::json out;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(auto app, load(tx, id, true));
    auto view = view_of(app, who.staff_id, is_supervisor(who.roles), deps_.clock.now_ms());
    if (view != View::full) {
      SIMREG_TRY_ASSIGN(const bool checking, checking_sample(tx, id, who.staff_id));
      if (checking) view = View::full;
    }
    if (view == View::denied) return not_holder();
    SIMREG_TRY_ASSIGN(out, open_case(tx, app, view, who, nlohmann::json::object()));
    return success();
  }));
  return out;
}

Result<nlohmann::json> ReviewService::unmask(const Reviewer& who, const std::string& id, const nlohmann::json& fields) {
  std::vector<const registration::IdentityField*> wanted;
  std::vector<FieldError> errors;
  if (!fields.is_array() || fields.empty()) {
    errors.push_back({"/fields", "fields.invalid", "Name the identity fields to show."});
  } else {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const auto* field = fields[i].is_string() ? registration::find_identity_field(fields[i].get<std::string>())
                                                : nullptr;
      if (field == nullptr) {
        errors.push_back({"/fields/" + std::to_string(i), "field.unknown", "This is not an identity field."});
      } else if (std::find(wanted.begin(), wanted.end(), field) == wanted.end()) {
        wanted.push_back(field);
      }
    }
  }
  if (!errors.empty()) return Error::validation(std::move(errors));
  nlohmann::json identity = nlohmann::json::object();
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    identity = nlohmann::json::object();
    SIMREG_TRY_ASSIGN(auto app, load(tx, id, false));
    const auto view = view_of(app, who.staff_id, is_supervisor(who.roles), deps_.clock.now_ms());
    if (view == View::denied) {
      SIMREG_TRY_ASSIGN(const bool checking, checking_sample(tx, id, who.staff_id));
      if (!checking) return not_holder();
    }
    for (const auto* field : wanted) {
      const auto& value = app.identity.*field->member;
      identity[std::string(field->name)] = value ? nlohmann::json(*value) : nlohmann::json(nullptr);
      SIMREG_TRY(audit(tx, who, "review.field_unmasked", id, {{"field", field->name}}));
    }
    return success();
  }));
  return nlohmann::json{{"identity", identity}};
}

Result<std::string> ReviewService::document(const Reviewer& who, const std::string& id, const std::string& kind) {
  std::string blob_id;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(auto app, load(tx, id, false));
    const auto view = view_of(app, who.staff_id, is_supervisor(who.roles), deps_.clock.now_ms());
    if (view == View::denied) {
      SIMREG_TRY_ASSIGN(const bool checking, checking_sample(tx, id, who.staff_id));
      if (!checking) return not_holder();
    }
    const auto found = app.documents.find(kind);
    if (found == app.documents.end()) {
      return Error::make(ErrorKind::not_found, "document.not_found", "This application has no such image.");
    }
    blob_id = found->second.blob_id;
    // Recorded before the bytes leave: a look that cannot be audited does not happen.
    return audit(tx, who, "review.image_viewed", id, {{"kind", kind}});
  }));
  SIMREG_TRY_ASSIGN(auto sealed, deps_.blobs.get(blob_id));
  return deps_.sealer.open(sealed, {"application_documents", "image", id + "/" + kind});
}

Result<nlohmann::json> ReviewService::decide(const Reviewer& who, const std::string& id, const nlohmann::json& body) {
  SIMREG_TRY_ASSIGN(auto input, parse_decision(body));
  const auto outcome = *outcome_status(input.outcome);
  // The subscriber's address and language are read first: the service that has them opens its own
  // transaction, and the decision's must not wait on a second connection.
  std::string subscriber_id;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& session) -> Result<void> {
    SIMREG_TRY_ASSIGN(auto app, load(session, id, false));
    subscriber_id = app.subscriber_id;
    return success();
  }));
  SubscriberContact contact;
  if (deps_.contact_of) {
    if (auto found = deps_.contact_of(subscriber_id)) contact = std::move(*found);
  }
  const std::string outcome_name(registration::status_name(outcome));
  std::int64_t decided_at = 0;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    const auto now = deps_.clock.now_ms();
    decided_at = now;
    SIMREG_TRY_ASSIGN(auto app, load(tx, id, true));
    if (!holds(app, who.staff_id, now)) return not_holder();
    // The world may have changed since the case was opened (another application with the same
    // document number, a line registered elsewhere): four-eyes is judged on the checks as they are now.
    SIMREG_TRY(recheck(tx, app));
    SIMREG_TRY(check_four_eyes(app, input, who.staff_id, is_supervisor(who.roles)));
    SIMREG_TRY(applications_.change_status(tx, app, outcome, Actor::staff, who.staff_id, now));
    registration::Decision decision{outcome_name, input.reasons, input.note, who.staff_id, now};
    SIMREG_TRY_ASSIGN(auto decision_id, applications_.record_decision(tx, app, decision, now));

    SIMREG_TRY_ASSIGN(auto lines, deps_.sims.lines_for_application(tx, app.subscriber_id, app.line_ids));
    std::map<std::string, std::vector<std::string>> by_status;
    for (const auto& line : lines) by_status[line_status_after(outcome, line, now)].push_back(line.id);
    const auto index = deps_.registrations.document_number_index(app.identity);
    for (const auto& [status, ids] : by_status) {
      SIMREG_TRY(deps_.sims.set_status(tx, ids, status, "staff", who.staff_id, "application." + outcome_name,
                                       outcome == ApplicationStatus::approved ? index : std::nullopt, app.id));
    }

    const std::string template_id = "application." + outcome_name;
    if (!contact.email.empty()) {
      SIMREG_TRY(deps_.outbox.enqueue(tx, {notify::Channel::email, contact.email, template_id, contact.locale, {}}));
    }
    for (const auto& line : lines) {
      SIMREG_TRY(deps_.outbox.enqueue(tx, {notify::Channel::sms, line.msisdn, template_id, contact.locale, {}}));
    }
    if (deps_.events != nullptr) {
      SIMREG_TRY(deps_.events->publish(tx, "application.decided",
                                       {{"application_id", app.id},
                                        {"outcome", outcome_name},
                                        {"reasons", input.reasons},
                                        {"line_ids", app.line_ids},
                                        {"decided_at", format_utc_ms(now)}}));
    }
    if (outcome == ApplicationStatus::approved && random01() < deps_.sample_rate) {
      SIMREG_TRY(store_.insert_sample(tx, app.id, decision_id, who.staff_id, now));
    }
    return audit(tx, who, "review.decided", app.id, {{"outcome", outcome_name}, {"reasons", input.reasons}});
  }));
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& code : input.reasons) reasons.push_back(reasons::reason_json(code, who.locale));
  return nlohmann::json{{"application_id", id},
                        {"status", outcome_name},
                        {"decision",
                         {{"outcome", outcome_name},
                          {"reasons", reasons},
                          {"note", input.note.empty() ? nlohmann::json(nullptr) : nlohmann::json(input.note)},
                          {"decided_at", format_utc_ms(decided_at)},
                          {"reviewer_id", who.staff_id}}}};
}

Result<nlohmann::json> ReviewService::escalate(const Reviewer& who, const std::string& id, const std::string& note) {
  if (note.size() > kMaxNoteLength) {
    return Error::validation({{"/note", "note.too_long", "Keep the note to 1000 characters."}});
  }
  nlohmann::json out;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    const auto now = deps_.clock.now_ms();
    SIMREG_TRY_ASSIGN(auto app, load(tx, id, true));
    if (!holds(app, who.staff_id, now)) return not_holder();
    SIMREG_TRY(store_.set_escalation(tx, id, who.staff_id, note, now));
    SIMREG_TRY(hand_back(tx, app, Actor::staff, who.staff_id));
    SIMREG_TRY(audit(tx, who, "review.escalated", id));
    SIMREG_TRY_ASSIGN(auto updated, load(tx, id, false));
    SIMREG_TRY_ASSIGN(out, open_case(tx, updated, View::masked, who, {{"via", "escalate"}}));
    return success();
  }));
  return out;
}

Result<nlohmann::json> ReviewService::reassign(const Reviewer& who, const std::string& id,
                                               const std::optional<std::string>& staff_id) {
  if (staff_id) {
    auto target = deps_.staff.get(*staff_id);
    bool eligible = false;
    if (target && target->status == "active") {
      for (const auto& role : target->roles) eligible = eligible || role == kReviewerRole || role == kSupervisorRole;
    }
    if (!eligible) {
      return Error::validation({{"/staff_id", "staff.not_eligible",
                                 "Choose an active staff member with the reviewer or supervisor role."}});
    }
  }
  nlohmann::json out;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(auto app, load(tx, id, true));
    if (!reviewable(app.status)) return not_reviewable(app.status);
    if (staff_id) {
      SIMREG_TRY(take(tx, app, *staff_id, who));
    } else {
      SIMREG_TRY(hand_back(tx, app, Actor::staff, who.staff_id));
    }
    SIMREG_TRY(audit(tx, who, "review.reassigned", id,
                     {{"to", staff_id ? nlohmann::json(*staff_id) : nlohmann::json(nullptr)}}));
    SIMREG_TRY_ASSIGN(auto row, store_.summary(tx, id));
    out = summary_json(*row, who.staff_id, deps_.clock.now_ms());
    return success();
  }));
  return out;
}

Result<nlohmann::json> ReviewService::reviewers() {
  SIMREG_TRY_ASSIGN(auto staff, deps_.staff.list());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& member : staff) {
    if (member.status != "active") continue;
    const bool reviews = std::any_of(member.roles.begin(), member.roles.end(), [](const std::string& role) {
      return role == kReviewerRole || role == kSupervisorRole;
    });
    if (reviews) items.push_back({{"id", member.id}, {"email", member.email}, {"roles", member.roles}});
  }
  return nlohmann::json{{"items", items}};
}

Result<Stats> ReviewService::stats(bool with_people) {
  const auto now = deps_.clock.now_ms();
  QueueCounts counts;
  std::vector<DecisionRow> recent;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& session) -> Result<void> {
    SIMREG_TRY_ASSIGN(counts, store_.counts(session, now, day_end_ms()));
    SIMREG_TRY_ASSIGN(recent, store_.decisions_since(session, now - kServiceLevelWindowHours * 3600 * 1000LL));
    return success();
  }));
  return summarize_service_level(counts, recent, with_people ? staff_emails() : std::map<std::string, std::string>{});
}

std::map<std::string, std::string> ReviewService::staff_emails() {
  std::map<std::string, std::string> emails;
  // Best effort: without the staff list the figures still stand, with "email": null.
  if (auto staff = deps_.staff.list()) {
    for (const auto& member : *staff) emails[member.id] = member.email;
  }
  return emails;
}

Result<std::optional<nlohmann::json>> ReviewService::next_sample(const Reviewer& who) {
  std::optional<nlohmann::json> out;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    out.reset();
    const auto now = deps_.clock.now_ms();
    const auto stale = now - std::int64_t{deps_.lease_seconds} * 1000;
    SIMREG_TRY_ASSIGN(auto sample, store_.pick_sample(tx, who.staff_id, now, stale));
    if (!sample) return success();
    SIMREG_TRY(store_.claim_sample(tx, sample->id, who.staff_id, now));
    SIMREG_TRY_ASSIGN(auto app, load(tx, sample->application_id, false));
    SIMREG_TRY_ASSIGN(auto view, open_case(tx, app, View::full, who, {{"via", "sample"}, {"sample_id", sample->id}}));
    out = nlohmann::json{{"sample_id", sample->id}, {"case", std::move(view)}};
    return success();
  }));
  return out;
}

Result<nlohmann::json> ReviewService::sample_verdict(const Reviewer& who, const std::string& sample_id,
                                                     const nlohmann::json& body) {
  std::vector<FieldError> errors;
  const auto agree = body.find("agree");
  if (agree == body.end() || !agree->is_boolean()) {
    errors.push_back({"/agree", "agree.invalid", "Say whether you agree: true or false."});
  }
  std::vector<std::string> codes;
  if (body.contains("reasons") && !body.at("reasons").is_null()) {
    auto unknown = unknown_reasons(body.at("reasons"));
    errors.insert(errors.end(), unknown.begin(), unknown.end());
    if (unknown.empty()) {
      for (const auto& code : body.at("reasons")) codes.push_back(code.get<std::string>());
    }
  }
  std::string note;
  if (body.contains("note") && !body.at("note").is_null()) {
    if (!body.at("note").is_string() || body.at("note").get<std::string>().size() > kMaxNoteLength) {
      errors.push_back({"/note", "note.invalid", "The note is text of at most 1000 characters."});
    } else {
      note = body.at("note").get<std::string>();
    }
  }
  if (!errors.empty()) return Error::validation(std::move(errors));
  const bool agreed = agree->get<bool>();
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(auto sample, store_.sample(tx, sample_id));
    if (!sample) return Error::make(ErrorKind::not_found, "review.sample_not_found", "There is no such open sample.");
    if (sample->claimed_by != who.staff_id) return not_holder();
    SIMREG_TRY(store_.record_verdict(tx, sample_id, who.staff_id, agreed, codes, note, deps_.clock.now_ms()));
    return audit(tx, who, "review.sample_checked", sample->application_id,
                 {{"sample_id", sample_id}, {"agree", agreed}, {"reasons", codes}});
  }));
  return nlohmann::json{{"sample_id", sample_id}, {"agree", agreed}};
}

Result<nlohmann::json> ReviewService::sample_report() {
  std::vector<SampleReportRow> rows;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& session) -> Result<void> {
    SIMREG_TRY_ASSIGN(rows, store_.sample_report(session));
    return success();
  }));
  const auto emails = staff_emails();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& row : rows) {
    items.push_back({{"reviewer_id", row.reviewer_id},
                     {"email", emails.count(row.reviewer_id) ? nlohmann::json(emails.at(row.reviewer_id))
                                                             : nlohmann::json(nullptr)},
                     {"sampled", row.sampled},
                     {"reviewed", row.reviewed},
                     {"disagreements", row.disagreements}});
  }
  return nlohmann::json{{"items", items}};
}

Result<int> ReviewService::release_lapsed() {
  int released = 0;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    released = 0;
    const auto now = deps_.clock.now_ms();
    SIMREG_TRY_ASSIGN(auto ids, store_.lapsed(tx, now, kLapsedBatch));
    for (const auto& id : ids) {
      SIMREG_TRY_ASSIGN(auto app, load(tx, id, true));
      if (app.status != ApplicationStatus::in_review || lease_live(app.claim, now)) continue;
      SIMREG_TRY(hand_back(tx, app, Actor::system, ""));
      ++released;
    }
    return success();
  }));
  return released;
}

void ReviewService::refresh_metrics() {
  auto text = metrics_text();
  std::lock_guard lock(metrics_mutex_);
  metrics_cache_ = std::move(text);
}

std::string ReviewService::cached_metrics() const {
  std::lock_guard lock(metrics_mutex_);
  return metrics_cache_;
}

std::string ReviewService::metrics_text() {
  auto current = stats(false);
  if (!current) return "";
  std::optional<DecisionTotals> totals;
  auto read = deps_.db.transaction([&](db::Session& session) -> Result<void> {
    SIMREG_TRY_ASSIGN(totals, store_.decision_totals(session));
    return success();
  });
  if (!read) totals.reset();
  return service_level_metrics(*current, totals);
}

}  // namespace simreg::review

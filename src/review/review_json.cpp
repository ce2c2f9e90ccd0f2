#include "review/review_json.hpp"

#include "core/clock.hpp"
#include "reasons/reason_catalog.hpp"
#include "registration/identity_fields.hpp"
#include "review/masking.hpp"

namespace simreg::review {
namespace {

nlohmann::json optional_time(const std::optional<std::int64_t>& ms) {
  return ms ? nlohmann::json(format_utc_ms(*ms)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json reason_brief(std::string_view code, std::string_view locale) {
  const auto text = reasons::reason_text(code, locale);
  return {{"code", std::string(code)}, {"message", text.message}, {"hint", text.hint}};
}

QueueRow row_of(const registration::Application& application) {
  QueueRow row;
  row.id = application.id;
  row.channel = application.channel;
  row.document_type = application.identity.document_type;
  row.status = std::string(registration::status_name(application.status));
  row.submitted_at_ms = application.submitted_at_ms;
  row.due_at_ms = application.due_at_ms;
  row.flags = application.flags;
  row.submission_count = application.submission_count;
  row.escalated = application.escalation.has_value();
  if (application.claim) {
    row.claimed_by = application.claim->staff_id;
    row.lease_expires_at_ms = application.claim->lease_expires_at_ms;
  }
  row.full_name = application.identity.full_name;
  row.document_number = application.identity.document_number;
  return row;
}

nlohmann::json summary_json(const QueueRow& row, const std::string& viewer, std::int64_t now_ms) {
  nlohmann::json claim = nullptr;
  const bool reviewing = row.status == "in_review";
  if (reviewing && row.claimed_by && row.lease_expires_at_ms && *row.lease_expires_at_ms > now_ms) {
    claim = {{"staff_id", *row.claimed_by},
             {"lease_expires_at", format_utc_ms(*row.lease_expires_at_ms)},
             {"mine", *row.claimed_by == viewer}};
  }
  const bool open = row.status == "submitted" || reviewing;
  return {{"id", row.id},
          {"channel", row.channel},
          {"document_type", row.document_type ? nlohmann::json(*row.document_type) : nlohmann::json(nullptr)},
          {"status", row.status},
          {"submitted_at", optional_time(row.submitted_at_ms)},
          {"due_at", optional_time(row.due_at_ms)},
          {"overdue", open && row.due_at_ms.has_value() && *row.due_at_ms < now_ms},
          {"flags", row.flags},
          {"submission_count", row.submission_count},
          {"escalated", row.escalated},
          {"claim", claim},
          {"full_name_masked", row.full_name ? nlohmann::json(mask_name(*row.full_name)) : nlohmann::json(nullptr)},
          {"document_number_masked",
           row.document_number ? nlohmann::json(mask_number(*row.document_number)) : nlohmann::json(nullptr)}};
}

nlohmann::json case_json(const CaseParts& parts, View view, const std::string& viewer, std::int64_t now_ms) {
  const auto& app = parts.application;
  auto out = summary_json(row_of(app), viewer, now_ms);
  const bool masked = view != View::full;
  out["profile_id"] = app.profile_id;
  out["masked"] = masked;
  nlohmann::json identity = nlohmann::json::object();
  for (const auto& field : registration::kIdentityFields) {
    const auto& value = app.identity.*field.member;
    identity[std::string(field.name)] = masked ? mask_field(field.name, value)
                                               : (value ? nlohmann::json(*value) : nlohmann::json(nullptr));
  }
  out["identity"] = identity;
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& line : parts.lines) {
    lines.push_back({{"id", line.id}, {"msisdn_masked", mask_number(line.msisdn)}, {"status", line.status}});
  }
  out["lines"] = lines;
  nlohmann::json documents = nlohmann::json::array();
  for (const auto& [kind, document] : app.documents) {
    nlohmann::json reasons = nlohmann::json::array();
    if (document.quality.contains("reasons") && document.quality.at("reasons").is_array()) {
      for (const auto& code : document.quality.at("reasons")) {
        if (code.is_string()) reasons.push_back(reason_brief(code.get<std::string>(), parts.locale));
      }
    }
    documents.push_back({{"kind", kind},
                         {"width", document.width},
                         {"height", document.height},
                         {"uploaded_at", format_utc_ms(document.uploaded_at_ms)},
                         {"quality",
                          {{"accepted", document.quality.value("accepted", true)},
                           {"reasons", reasons},
                           {"measurements", document.quality.value("measurements", nlohmann::json::object())}}},
                         {"url", "/api/v1/review/cases/" + app.id + "/documents/" + kind}});
  }
  out["documents"] = documents;
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& error : parts.validation_errors) errors.push_back({{"field", error.field}, {"code", error.code}});
  out["validation"] = {{"valid", parts.validation_errors.empty()}, {"errors", errors}};
  out["checks"] = registration::checks_json(parts.checks);
  out["escalation"] = app.escalation ? nlohmann::json{{"by", app.escalation->by},
                                                      {"note", app.escalation->note.empty()
                                                                   ? nlohmann::json(nullptr)
                                                                   : nlohmann::json(app.escalation->note)},
                                                      {"at", format_utc_ms(app.escalation->at_ms)}}
                                     : nlohmann::json(nullptr);
  nlohmann::json history = nlohmann::json::array();
  for (const auto& event : app.history) {
    history.push_back({{"from", event.from ? nlohmann::json(registration::status_name(*event.from))
                                           : nlohmann::json(nullptr)},
                       {"to", registration::status_name(event.to)},
                       {"actor", registration::actor_name(event.actor)},
                       {"at", format_utc_ms(event.at_ms)}});
  }
  out["history"] = history;
  nlohmann::json previous = nlohmann::json::array();
  for (const auto& decision : app.decisions) {
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& code : decision.reasons) reasons.push_back(reason_brief(code, parts.locale));
    previous.push_back({{"outcome", decision.outcome},
                        {"reasons", reasons},
                        {"note", decision.note.empty() ? nlohmann::json(nullptr) : nlohmann::json(decision.note)},
                        {"decided_at", format_utc_ms(decision.decided_at_ms)},
                        {"reviewer_id", decision.reviewer_id}});
  }
  out["previous_decisions"] = previous;
  return out;
}

}  // namespace simreg::review

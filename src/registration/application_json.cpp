#include "registration/application_json.hpp"

#include "core/clock.hpp"
#include "reasons/reason_catalog.hpp"
#include "registration/identity_fields.hpp"
#include "sims/line_json.hpp"

namespace simreg::registration {
namespace {

nlohmann::json optional_time(const std::optional<std::int64_t>& ms) {
  return ms ? nlohmann::json(format_utc_ms(*ms)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json decision_json(const Decision& decision, std::string_view locale) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& code : decision.reasons) reasons.push_back(reasons::reason_json(code, locale));
  return {{"outcome", decision.outcome},
          {"reasons", reasons},
          {"note", decision.note.empty() ? nlohmann::json(nullptr) : nlohmann::json(decision.note)},
          {"decided_at", decision.decided_at_ms > 0 ? nlohmann::json(format_utc_ms(decision.decided_at_ms))
                                                    : nlohmann::json(nullptr)}};
}

nlohmann::json application_summary_json(const Application& application) {
  return {{"id", application.id},
          {"status", status_name(application.status)},
          {"channel", application.channel},
          {"line_ids", application.line_ids},
          {"created_at", format_utc_ms(application.created_at_ms)},
          {"updated_at", format_utc_ms(application.updated_at_ms)},
          {"submitted_at", optional_time(application.submitted_at_ms)},
          {"due_at", optional_time(application.due_at_ms)},
          {"decided_at", optional_time(application.decided_at_ms)}};
}

nlohmann::json application_json(const Application& application, const std::vector<sims::Line>& lines,
                                const std::vector<std::string>& required, const std::vector<std::string>& missing,
                                std::string_view locale) {
  auto out = application_summary_json(application);
  nlohmann::json identity = nlohmann::json::object();
  for (const auto& field : kIdentityFields) {
    const auto& value = application.identity.*field.member;
    identity[std::string(field.name)] = value ? nlohmann::json(*value) : nlohmann::json(nullptr);
  }
  out["identity"] = identity;
  nlohmann::json line_views = nlohmann::json::array();
  for (const auto& line : lines) line_views.push_back(sims::line_json(line));
  out["lines"] = line_views;
  nlohmann::json documents = nlohmann::json::object();
  for (const auto& [kind, document] : application.documents) {
    documents[kind] = {{"accepted", document.quality.value("accepted", true)},
                       {"uploaded_at", format_utc_ms(document.uploaded_at_ms)},
                       {"width", document.width},
                       {"height", document.height},
                       {"measurements", document.quality.value("measurements", nlohmann::json::object())}};
  }
  out["documents"] = documents;
  out["required_documents"] = required;
  out["missing"] = missing;
  out["declaration_accepted_at"] = optional_time(application.declaration_accepted_at_ms);
  out["submission_count"] = application.submission_count;
  out["decision"] = application.decision ? decision_json(*application.decision, locale) : nlohmann::json(nullptr);
  nlohmann::json previous = nlohmann::json::array();
  for (const auto& decision : application.decisions) previous.push_back(decision_json(decision, locale));
  out["previous_decisions"] = previous;
  nlohmann::json history = nlohmann::json::array();
  for (const auto& event : application.history) {
    history.push_back({{"status", status_name(event.to)},
                       {"at", format_utc_ms(event.at_ms)},
                       {"actor", actor_name(event.actor)}});
  }
  out["history"] = history;
  return out;
}

}  // namespace simreg::registration

#include "registration/automated_checks.hpp"

#include <algorithm>

#include "jurisdiction/document_validators.hpp"

namespace simreg::registration {

std::vector<std::string> flags_of(const AutomatedChecks& checks) {
  std::vector<std::string> flags;
  bool duplicate = checks.registered_lines_other_holder > 0;
  for (const auto& hit : checks.duplicates) {
    if (!hit.same_subscriber && hit.status != "rejected") duplicate = true;
  }
  if (duplicate) flags.emplace_back(kFlagDuplicateDocument);
  if (checks.cap.exceeded) flags.emplace_back(kFlagCapExceeded);
  const auto& cross = checks.cross_field;
  if (cross.applicable && (cross.date_of_birth_matches == false || cross.sex_matches == false)) {
    flags.emplace_back(kFlagCrossFieldMismatch);
  }
  return flags;
}

std::vector<std::string> with_flag(const std::vector<std::string>& flags, std::string_view flag) {
  static constexpr std::string_view kOrder[] = {kFlagDuplicateDocument, kFlagCapExceeded, kFlagCrossFieldMismatch};
  const auto has = [&flags](std::string_view f) { return std::find(flags.begin(), flags.end(), f) != flags.end(); };
  std::vector<std::string> out;
  for (const auto known : kOrder) {
    if (known == flag || has(known)) out.emplace_back(known);
  }
  for (const auto& other : flags) {
    if (std::find(std::begin(kOrder), std::end(kOrder), other) == std::end(kOrder)) out.push_back(other);
  }
  if (std::find(out.begin(), out.end(), flag) == out.end()) out.emplace_back(flag);
  return out;
}

std::vector<std::string> open_duplicates_of_others(const AutomatedChecks& checks) {
  std::vector<std::string> ids;
  for (const auto& hit : checks.duplicates) {
    if (!hit.same_subscriber && (hit.status == "submitted" || hit.status == "in_review")) {
      ids.push_back(hit.application_id);
    }
  }
  return ids;
}

CrossFieldCheck cross_field_check(const jurisdiction::Profile& profile, const Identity& identity,
                                  const jurisdiction::Date& today) {
  CrossFieldCheck out;
  if (!identity.document_type || !identity.document_number) return out;
  const auto* type = profile.document_type(*identity.document_type);
  if (type == nullptr) return out;
  const auto* validator = jurisdiction::find_validator_by_name(type->validator);
  if (validator == nullptr) return out;
  // No declared values in the context: the validator only parses, the comparison is ours.
  jurisdiction::DocumentCheckContext context;
  context.today = today;
  const auto parsed = validator->check(*identity.document_number, context).fields;
  const bool has_birth = parsed.contains("date_of_birth") && parsed.at("date_of_birth").is_string();
  const bool has_sex = parsed.contains("sex") && parsed.at("sex").is_string();
  out.applicable = has_birth || has_sex;
  if (has_birth && identity.date_of_birth) {
    out.date_of_birth_matches = parsed.at("date_of_birth").get<std::string>() == *identity.date_of_birth;
  }
  if (has_sex && identity.sex) out.sex_matches = parsed.at("sex").get<std::string>() == *identity.sex;
  return out;
}

Result<AutomatedChecks> run_automated_checks(db::Session& session, const sims::SimService& sims,
                                             const Application& application,
                                             const std::optional<std::string>& document_number_index,
                                             const jurisdiction::Profile& profile, const jurisdiction::Date& today) {
  AutomatedChecks checks;
  checks.cap.limit = profile.sim_cap_per_person();
  int held_elsewhere = 0;
  if (document_number_index) {
    SIMREG_TRY_ASSIGN(auto others, session.execute(
                                       "SELECT id, status, subscriber_id FROM applications "
                                       "WHERE document_number_index = $1 AND id <> $2 AND status <> 'draft' "
                                       "ORDER BY created_at, id LIMIT 50",
                                       {*document_number_index, application.id}));
    for (const auto& row : others.rows) {
      checks.duplicates.push_back({row.text(0), row.text(1), row.text(2) == application.subscriber_id});
    }
    SIMREG_TRY_ASSIGN(const auto lines,
                      sims.registered_lines_of_holder(session, *document_number_index, application.subscriber_id));
    checks.registered_lines_same_document = lines.registered;
    checks.registered_lines_other_holder = lines.registered_to_others;
    SIMREG_TRY_ASSIGN(auto held, session.execute(
                                     "SELECT COUNT(DISTINCT l.line_id) FROM application_lines l "
                                     "JOIN applications a ON a.id = l.application_id "
                                     "WHERE a.document_number_index = $1 AND a.id <> $2 "
                                     "AND a.status IN ('submitted', 'in_review', 'approved')",
                                     {*document_number_index, application.id}));
    held_elsewhere = static_cast<int>(held.first().integer(0));
  }
  checks.cap.would_hold = held_elsewhere + static_cast<int>(application.line_ids.size());
  checks.cap.exceeded = checks.cap.limit.has_value() && checks.cap.would_hold > *checks.cap.limit;
  checks.cross_field = cross_field_check(profile, application.identity, today);
  return checks;
}

nlohmann::json checks_json(const AutomatedChecks& checks) {
  nlohmann::json duplicates = nlohmann::json::array();
  for (const auto& hit : checks.duplicates) {
    duplicates.push_back(
        {{"application_id", hit.application_id}, {"status", hit.status}, {"same_subscriber", hit.same_subscriber}});
  }
  const auto optional_bool = [](const std::optional<bool>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
  };
  return {{"duplicates", duplicates},
          {"registered_lines_same_document", checks.registered_lines_same_document},
          {"cap",
           {{"limit", checks.cap.limit ? nlohmann::json(*checks.cap.limit) : nlohmann::json(nullptr)},
            {"would_hold", checks.cap.would_hold},
            {"exceeded", checks.cap.exceeded}}},
          {"cross_field",
           {{"applicable", checks.cross_field.applicable},
            {"date_of_birth_matches", optional_bool(checks.cross_field.date_of_birth_matches)},
            {"sex_matches", optional_bool(checks.cross_field.sex_matches)}}}};
}

}  // namespace simreg::registration

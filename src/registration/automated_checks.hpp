// The automated checks a reviewer sees beside a case and the flags they raise (duplicate_document,
// cap_exceeded, cross_field_mismatch): the same document number (blind index) elsewhere, the
// SIMs-per-person cap, and the declared date of birth / sex against what the document number
// encodes. Computed at submission (which also flags the other open applications it duplicates) and
// again when a case is opened and before each decision. flags_of and
// cross_field_check are pure; run_automated_checks reads the caller's session. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "db/database.hpp"
#include "jurisdiction/dates.hpp"
#include "jurisdiction/profile.hpp"
#include "registration/application.hpp"
#include "sims/sim_service.hpp"

namespace simreg::registration {

struct DuplicateHit {
  std::string application_id;
  std::string status;
  bool same_subscriber = false;
};

struct CapCheck {
  std::optional<int> limit;  // nullopt: the profile has no cap
  int would_hold = 0;        // lines this person would hold if approved
  bool exceeded = false;
};

struct CrossFieldCheck {
  bool applicable = false;                     // the document number encodes birth date or sex
  std::optional<bool> date_of_birth_matches;   // nullopt: not encoded or not declared
  std::optional<bool> sex_matches;
};

struct AutomatedChecks {
  std::vector<DuplicateHit> duplicates;  // other non-draft applications with the same document
  int registered_lines_same_document = 0;
  int registered_lines_other_holder = 0;  // of those, held by another subscriber
  CapCheck cap;
  CrossFieldCheck cross_field;
};

inline constexpr std::string_view kFlagDuplicateDocument = "duplicate_document";
inline constexpr std::string_view kFlagCapExceeded = "cap_exceeded";
inline constexpr std::string_view kFlagCrossFieldMismatch = "cross_field_mismatch";

// The flags, in this fixed order: duplicate_document (another subscriber's non-rejected
// application or registered line), cap_exceeded, cross_field_mismatch.
std::vector<std::string> flags_of(const AutomatedChecks& checks);

// `flags` with `flag` added in flags_of's fixed order (unknown flags kept after the known ones).
std::vector<std::string> with_flag(const std::vector<std::string>& flags, std::string_view flag);

// Other subscribers' applications still waiting for review that share the document number: once
// this application is submitted they are duplicates too, and are flagged so (the queue shows it,
// and none of them can then be approved by one person).
std::vector<std::string> open_duplicates_of_others(const AutomatedChecks& checks);

// What the document number encodes against what was declared; not applicable when the validator
// parses neither birth date nor sex from the number.
CrossFieldCheck cross_field_check(const jurisdiction::Profile& profile, const Identity& identity,
                                  const jurisdiction::Date& today);

// `document_number_index`: the application's blind index (nullopt: no number yet, no duplicates).
Result<AutomatedChecks> run_automated_checks(db::Session& session, const sims::SimService& sims,
                                             const Application& application,
                                             const std::optional<std::string>& document_number_index,
                                             const jurisdiction::Profile& profile, const jurisdiction::Date& today);

// {"duplicates", "registered_lines_same_document", "cap", "cross_field"} as the case view shows it.
nlohmann::json checks_json(const AutomatedChecks& checks);

}  // namespace simreg::registration

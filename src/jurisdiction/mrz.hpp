// Machine-readable zones of travel documents (ICAO Doc 9303): TD3 (passport, 2 lines of 44) and
// TD1 (ID card, 3 lines of 30). Verifies every check digit, including the composite, and parses the
// holder's data. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "jurisdiction/dates.hpp"
#include "jurisdiction/validation_result.hpp"

namespace simreg::jurisdiction {

// Each check digit's verdict. personal_number exists only in TD3.
struct MrzChecks {
  bool document_number = false;
  bool date_of_birth = false;
  bool date_of_expiry = false;
  std::optional<bool> personal_number;
  bool composite = false;

  nlohmann::ordered_json to_json() const;
};

struct MrzResult {
  // Errors: mrz.format (wrong line count/length/characters), mrz.check_digit (see `checks`),
  // date.impossible (a date field that passes its check digit but does not exist).
  // Fields: format ("TD3"|"TD1"), document_type, issuing_state, surname, given_names,
  // document_number, nationality (as printed, e.g. "UTO"), nationality_alpha2 (ISO code or null),
  // issuing_state_alpha2, date_of_birth, sex ("F"|"M"|null), date_of_expiry (YYYY-MM-DD),
  // personal_number (TD3) or optional_data_1/optional_data_2 (TD1).
  ValidationResult result;
  std::optional<MrzChecks> checks;  // absent when the shape is wrong (mrz.format)

  // {"valid", "errors", "fields", "checks"} (the `simreg check mrz` output).
  nlohmann::ordered_json to_json() const;
};

// `lines` are the MRZ lines (surrounding spaces ignored; lower case is mrz.format). `today` picks
// the century of two-digit years: birth dates are never in the future; expiry dates are 20xx unless
// that would be more than 50 years ahead.
MrzResult check_mrz(const std::vector<std::string>& lines, const Date& today);

// The 9303 check digit (weights 7-3-1; '<' = 0, A = 10 .. Z = 35); -1 for a character outside
// [0-9A-Z<].
int mrz_check_digit(std::string_view data);

}  // namespace simreg::jurisdiction

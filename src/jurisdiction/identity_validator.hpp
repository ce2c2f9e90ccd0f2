// Validation of the identity a subscriber enters, against the active profile: each field's format,
// the cross-field rules (document number vs date of birth and sex, nationality vs document type,
// minimum age, expiry) and, for submission, which required fields are missing.
// Pure; thread-safe. Messages are English and never repeat the value entered.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "jurisdiction/dates.hpp"
#include "jurisdiction/profile.hpp"

namespace simreg::jurisdiction {

// Every field is optional: a draft fills them in over time. Dates are YYYY-MM-DD, sex F|M,
// nationality ISO 3166-1 alpha-2.
struct Identity {
  std::optional<std::string> full_name;
  std::optional<std::string> date_of_birth;
  std::optional<std::string> sex;
  std::optional<std::string> nationality;
  std::optional<std::string> address;
  std::optional<std::string> document_type;
  std::optional<std::string> document_number;
  std::optional<std::string> document_expiry;
  std::optional<std::string> contact_phone;
};

inline constexpr std::size_t kMaxFullNameChars = 200;  // Unicode code points
inline constexpr std::size_t kMaxAddressChars = 500;
inline constexpr std::size_t kMaxDocumentNumberChars = 40;

// Errors for the fields present (field = "/identity/<name>"). Codes: field.required (present but
// blank), field.too_long, field.invalid_characters (control characters or invalid UTF-8),
// date.format, date.impossible, age.in_future, age.under_minimum, sex.invalid, nationality.invalid,
// document_type.not_accepted, id.* (from the document's validator), document.expired,
// msisdn.invalid.
std::vector<FieldError> validate_identity(const Profile& profile, const Date& today,
                                          const Identity& identity);

// field.required for each field the profile requires that is absent or blank; document_expiry only
// when the chosen document type requires an expiry date.
std::vector<FieldError> missing_fields(const Profile& profile, const Identity& identity);

}  // namespace simreg::jurisdiction

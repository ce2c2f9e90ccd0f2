// Chinese Resident Identity Card number (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check
// character (0-9 or X). Checks province code, embedded birth date, and agreement with the entered
// date of birth and sex. Fields: region_code (6 digits), date_of_birth, sex. Pure; thread-safe.
#pragma once

#include <string_view>

#include "jurisdiction/document_check_context.hpp"
#include "jurisdiction/validation_result.hpp"

namespace simreg::jurisdiction {

// Errors: id.format, id.check_digit, id.region_unknown, id.birth_date_invalid,
// id.birth_date_mismatch (context.date_of_birth differs), id.sex_mismatch (context.sex differs).
// A lower-case x is accepted as X; nothing else is normalized.
ValidationResult check_cn_resident_id(std::string_view number, const DocumentCheckContext& context);

// The check character for the first 17 digits ('0'..'9' or 'X'); the input must be 17 digits.
char cn_resident_id_check_char(std::string_view first17);

}  // namespace simreg::jurisdiction

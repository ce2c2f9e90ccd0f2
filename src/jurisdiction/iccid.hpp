// ICCID, the SIM card's serial number (ITU-T E.118): 19 or 20 digits starting with the telecom
// major industry identifier 89, the last digit a Luhn check digit over all the others.
// Pure; thread-safe. iccid_is_valid is the allocation-free fast path for bulk imports.
#pragma once

#include <string_view>

#include "jurisdiction/validation_result.hpp"

namespace simreg::jurisdiction {

// Spaces and hyphens are dropped first. Errors: iccid.format, iccid.check_digit.
// Fields: normalized (digits), issuer {mii "89", country_code (E.164 calling code, e.g. "86"),
// region (ISO alpha-2 or null), issuer_id (the next two digits, best effort: E.118 lets
// issuers use 1 to 4)}.
ValidationResult check_iccid(std::string_view text);

// True for exactly 19 or 20 ASCII digits, starting 89, passing Luhn. No normalization.
bool iccid_is_valid(std::string_view digits) noexcept;

// Luhn over a string of ASCII digits whose last digit is the check digit.
bool luhn_valid(std::string_view digits) noexcept;

}  // namespace simreg::jurisdiction

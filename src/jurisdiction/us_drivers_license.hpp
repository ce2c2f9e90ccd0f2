// US driver's licence and state ID card numbers by the formats each state's DMV publishes (the
// AAMVA-derived table in README.md; a state issues its ID cards from the same number series).
// With a state, the number must fit that state's formats; without one, any state's. Hyphens and
// spaces (as printed in FL, IL, WI, ...) are dropped; letters are upper-cased. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "jurisdiction/document_check_context.hpp"
#include "jurisdiction/validation_result.hpp"

namespace simreg::jurisdiction {

// Errors: id.region_unknown (context.state is not a US state or DC), id.format.
// Fields: normalized, state (when given), matching_states (the states whose formats fit).
ValidationResult check_us_drivers_license(std::string_view number,
                                          const DocumentCheckContext& context);
ValidationResult check_us_state_id(std::string_view number, const DocumentCheckContext& context);

// The two-letter USPS codes of the 50 states and DC, sorted.
std::vector<std::string> us_state_codes();

}  // namespace simreg::jurisdiction

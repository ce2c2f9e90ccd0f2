// Passport numbers of any country, as typed from the data page: 6 to 9 letters and digits (the
// width of the ICAO 9303 document-number field). Spaces are dropped and letters upper-cased.
// Fields: normalized. Pure; thread-safe.
#pragma once

#include <string_view>

#include "jurisdiction/document_check_context.hpp"
#include "jurisdiction/validation_result.hpp"

namespace simreg::jurisdiction {

// Errors: id.format.
ValidationResult check_passport_number(std::string_view number,
                                       const DocumentCheckContext& context);

}  // namespace simreg::jurisdiction

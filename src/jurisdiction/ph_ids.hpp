// Philippine identity documents by their published number formats:
// PhilSys (national ID): PhilSys Card Number (PCN, 16 digits, printed 1234-5678-9012-3456) or
// PhilSys Number (PSN, 12 digits); LTO driver's licence (N01-12-123456: office letter and two
// digits, two-digit year, six-digit sequence); UMID Common Reference Number (CRN, 12 digits,
// printed 0111-2345678-9). Hyphens and spaces are accepted in the printed positions only. Pure;
// thread-safe.
#pragma once

#include <string_view>

#include "jurisdiction/document_check_context.hpp"
#include "jurisdiction/validation_result.hpp"

namespace simreg::jurisdiction {

// Errors: id.format. Fields: kind ("pcn"|"psn"), normalized (digits only).
ValidationResult check_ph_philsys_id(std::string_view number, const DocumentCheckContext& context);

// Errors: id.format. Fields: normalized ("N01-12-123456"), office_code ("N01"), year ("12").
ValidationResult check_ph_drivers_license(std::string_view number,
                                          const DocumentCheckContext& context);

// Errors: id.format. Fields: normalized ("0111-2345678-9").
ValidationResult check_ph_umid(std::string_view number, const DocumentCheckContext& context);

}  // namespace simreg::jurisdiction

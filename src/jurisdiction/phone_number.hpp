// Phone numbers through libphonenumber (only here and msisdn_fast_path include it): SIM line
// MSISDNs, which must be valid mobile-capable numbers of the profile's country, and contact
// numbers, which may be any valid number. Thread-safe (PhoneNumberUtil is an immutable singleton).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "jurisdiction/validation_result.hpp"

namespace simreg::jurisdiction {

// `text` in international (+86 138 0013 8000) or national (138 0013 8000) form for `region`
// (ISO alpha-2, "CN"). Errors: msisdn.invalid (unparsable, not a valid number, or a type no SIM
// can have, such as fixed_line or toll_free), msisdn.wrong_country (valid, but of another country).
// Fields: e164, region, type ("mobile", "fixed_line_or_mobile", "fixed_line", "toll_free", ...).
ValidationResult check_msisdn(std::string_view text, std::string_view region);

// E.164 ("+8613800138000") when check_msisdn would say valid, else nullopt. Built for bulk
// imports: E.164 input ("+" and digits) of a country's main region is decided by DFAs compiled
// from libphonenumber's own metadata (about 0.2 us, no lock); other input goes through
// libphonenumber (about 20 us, serialized by its regex cache). Both give the same answers.
std::optional<std::string> normalize_msisdn(std::string_view text, std::string_view region);

// Any valid number of any country, national forms read as `default_region`'s.
// Errors: msisdn.invalid. Fields: e164, region, type.
ValidationResult check_phone_number(std::string_view text, std::string_view default_region);

// Whether libphonenumber knows `region` (ISO alpha-2, upper case).
bool is_phone_region(std::string_view region);

// The main region of an E.164 calling code (1 -> "US", 86 -> "CN", 882 -> "001" non-geographic),
// nullopt when the code is unassigned.
std::optional<std::string> region_for_calling_code(int calling_code);

namespace detail {
// normalize_msisdn with libphonenumber alone: the reference the fast path is tested against.
std::optional<std::string> normalize_msisdn_with_libphonenumber(std::string_view text,
                                                                std::string_view region);
}  // namespace detail

}  // namespace simreg::jurisdiction

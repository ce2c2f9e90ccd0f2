// The allocation-light path of normalize_msisdn for E.164 input ("+8613800138000"): DFAs compiled
// from libphonenumber's own metadata decide validity and type in about 0.2 us without taking
// libphonenumber's regex-cache lock. Exactly libphonenumber's answer, or "undecided".
// Thread-safe (per-region rules are compiled once under a mutex, then only read).
#pragma once

#include <string_view>

namespace simreg::jurisdiction {

enum class FastVerdict { valid, invalid, undecided };

// valid: `text` is a mobile-capable number of `region` in E.164 (and is its own E.164 form);
// invalid: it is not; undecided: ask libphonenumber (national forms, punctuation, a region that
// shares its calling code and is not its main region, national-prefix look-alikes, ...).
FastVerdict decide_msisdn_fast(std::string_view text, std::string_view region);

// Whether `region`'s rules compiled (CN, PH, US and most others; not e.g. CA, which shares +1).
bool msisdn_fast_path_available(std::string_view region);

}  // namespace simreg::jurisdiction

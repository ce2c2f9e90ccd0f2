// ISO 3166-1 country codes: the alpha-2 codes nationalities are stored as, and the conversion of
// the three-letter codes printed in passport MRZs (ICAO 9303 Part 3, including "D" for Germany).
// Pure lookups in constant tables; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace simreg::jurisdiction {

// An officially assigned ISO 3166-1 alpha-2 code (upper case), plus XK (Kosovo) which passports
// use.
bool is_country_alpha2(std::string_view code);

// "SWE" -> "SE", "D<<" or "D" -> "DE", "GBD" -> "GB"; nullopt for codes that name no country
// ("UTO", the ICAO specimen state; "UNO", "XXA" stateless, ...). Trailing '<' fillers are ignored.
std::optional<std::string> alpha2_from_mrz_code(std::string_view code);

}  // namespace simreg::jurisdiction

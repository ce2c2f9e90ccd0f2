// The inventory CSV format of `simreg sims import`: columns msisdn,iccid[,imsi][,activated_at],
// an optional header row naming them (then in any order), RFC 4180 quoting within one line, and
// activation times as a date (midnight UTC) or an ISO-8601 date-time. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace simreg::sims {

// Where each column is in a record; -1 when the file has no such column.
struct CsvLayout {
  int msisdn = 0;
  int iccid = 1;
  int imsi = 2;
  int activated_at = 3;
  std::size_t min_fields = 2;  // a record needs at least this many fields ...
  std::size_t max_fields = 4;  // ... and at most this many
  bool has_header = false;
};

// Splits one record (without its line ending) into `fields`. Quoted fields may contain commas and
// doubled quotes; their unescaped text is kept in `scratch`, which must stay alive and unmodified
// while `fields` is used. False when the quoting is broken. Fields are not trimmed.
bool split_csv_record(std::string_view record, std::vector<std::string_view>& fields,
                      std::string& scratch);

// From the first record: a header when it has no digit at all (every data row has a number); its
// names (msisdn, iccid, imsi, activated_at in any case, each at most once, msisdn and iccid
// required) fix the layout. Otherwise the positional layout msisdn,iccid[,imsi][,activated_at].
// Error "sims.import_header" (invalid_input) for a header with unknown, repeated or missing names.
Result<CsvLayout> detect_layout(const std::vector<std::string_view>& first_record);

// "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM[:SS[.fff]]" with "Z", "+HH:MM", "-HH:MM" or no
// zone (UTC); a space may replace the "T". Unix milliseconds, or the reason: "date.format" (shape)
// or "date.impossible" (2026-02-30, 24:00, offsets past 14 h).
struct ParsedTime {
  std::int64_t unix_ms = 0;
  std::string_view error;  // empty when parsed
};
ParsedTime parse_activation_time(std::string_view text);

// Spaces and tabs off both ends.
std::string_view trim_field(std::string_view field);

}  // namespace simreg::sims

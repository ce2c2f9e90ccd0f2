// Calendar dates without time zones: strict YYYY-MM-DD parsing, whole-year ages, expiry and the
// day arithmetic the business calendar needs (proleptic Gregorian, days since 1970-01-01).
// Pure functions on values; thread-safe.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace simreg::jurisdiction {

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  auto operator<=>(const Date&) const = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);
bool is_valid_date(int year, int month, int day);

// Exactly "YYYY-MM-DD" (year 0001..9999). Errors: "date.format" (shape) or "date.impossible"
// (e.g. 2026-02-30), both ErrorKind::invalid_input.
Result<Date> parse_date(std::string_view text);
std::string format_date(const Date& date);  // "YYYY-MM-DD"

std::int64_t days_from_civil(const Date& date);  // 1970-01-01 is 0
Date civil_from_days(std::int64_t days);
Date add_days(const Date& date, std::int64_t days);
int weekday(const Date& date);  // 0 = Sunday .. 6 = Saturday

// The local calendar date of a Unix instant at a fixed UTC offset (minutes east of UTC).
Date local_date(std::int64_t unix_ms, int utc_offset_minutes);

// Completed years on `on`. Someone born on 29 February gains a year on 1 March in common years.
// Negative when born after `on`.
int age_on(const Date& birth, const Date& on);

// A document is expired the day after its expiry date.
bool is_expired(const Date& expiry, const Date& today);

}  // namespace simreg::jurisdiction

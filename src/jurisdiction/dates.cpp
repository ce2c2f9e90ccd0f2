#include "jurisdiction/dates.hpp"

#include <cstdio>

namespace simreg::jurisdiction {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int digits_value(std::string_view text) {
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

bool is_valid_date(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

Result<Date> parse_date(std::string_view text) {
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' && is_digit(text[0]) &&
                      is_digit(text[1]) && is_digit(text[2]) && is_digit(text[3]) &&
                      is_digit(text[5]) && is_digit(text[6]) && is_digit(text[8]) &&
                      is_digit(text[9]);
  if (!shaped) {
    return Error::make(ErrorKind::invalid_input, "date.format", "Dates are written YYYY-MM-DD.");
  }
  Date date{digits_value(text.substr(0, 4)), digits_value(text.substr(5, 2)),
            digits_value(text.substr(8, 2))};
  if (!is_valid_date(date.year, date.month, date.day)) {
    return Error::make(ErrorKind::invalid_input, "date.impossible", "This date does not exist.");
  }
  return date;
}

std::string format_date(const Date& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
std::int64_t days_from_civil(const Date& date) {
  const std::int64_t y = date.month <= 2 ? date.year - 1 : date.year;
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (date.month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = floor_div(days, 146097);
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return Date{year, month, day};
}

Date add_days(const Date& date, std::int64_t days) {
  return civil_from_days(days_from_civil(date) + days);
}

int weekday(const Date& date) {
  // 1970-01-01 was a Thursday (4).
  const std::int64_t shifted = days_from_civil(date) + 4;
  return static_cast<int>(shifted - floor_div(shifted, 7) * 7);
}

Date local_date(std::int64_t unix_ms, int utc_offset_minutes) {
  const std::int64_t local_ms = unix_ms + static_cast<std::int64_t>(utc_offset_minutes) * 60'000;
  return civil_from_days(floor_div(local_ms, 86'400'000));
}

int age_on(const Date& birth, const Date& on) {
  int age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age;
}

bool is_expired(const Date& expiry, const Date& today) { return expiry < today; }

}  // namespace simreg::jurisdiction

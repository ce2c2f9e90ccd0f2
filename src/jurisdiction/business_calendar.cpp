#include "jurisdiction/business_calendar.hpp"

#include <algorithm>

namespace simreg::jurisdiction {

namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;
constexpr std::int64_t kMsPerMinute = 60'000;

std::vector<Date> sorted_unique(std::vector<Date> dates) {
  std::sort(dates.begin(), dates.end());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  return dates;
}

bool contains(const std::vector<Date>& sorted, const Date& date) {
  return std::binary_search(sorted.begin(), sorted.end(), date);
}

}  // namespace

BusinessCalendar::BusinessCalendar(std::array<bool, 7> weekend, std::vector<Date> holidays,
                                   std::vector<Date> working_days, int utc_offset_minutes)
    : weekend_(weekend),
      holidays_(sorted_unique(std::move(holidays))),
      working_days_(sorted_unique(std::move(working_days))),
      utc_offset_minutes_(utc_offset_minutes) {}

bool BusinessCalendar::is_business_day(const Date& date) const {
  if (contains(working_days_, date)) return true;
  if (contains(holidays_, date)) return false;
  return !weekend_[static_cast<std::size_t>(weekday(date))];
}

Date BusinessCalendar::next_business_day(const Date& date) const {
  // Terminates: a week has at least one day that is not weekend (profiles are checked for it)
  // and the holiday list is finite. The cap only guards a calendar built by hand with 7 weekend
  // days.
  Date day = add_days(date, 1);
  for (int i = 0; i < 3660 && !is_business_day(day); ++i) day = add_days(day, 1);
  return day;
}

std::int64_t BusinessCalendar::add_business_days(std::int64_t start_utc_ms, int n) const {
  Date day = local_date(start_utc_ms, utc_offset_minutes_);
  for (int i = 0; i < n; ++i) day = next_business_day(day);
  const std::int64_t local_end = (days_from_civil(day) + 1) * kMsPerDay - 1;
  return local_end - static_cast<std::int64_t>(utc_offset_minutes_) * kMsPerMinute;
}

}  // namespace simreg::jurisdiction

// BusinessCalendar: a profile's working days (weekend days, public holidays and the weekend days
// that are worked instead, as China schedules them) at the profile's fixed UTC offset, and the
// review due date "end of the n-th business day after submission". Immutable; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "jurisdiction/dates.hpp"

namespace simreg::jurisdiction {

class BusinessCalendar {
 public:
  // weekend[0] is Sunday .. weekend[6] Saturday. Dates need not be sorted or unique.
  BusinessCalendar(std::array<bool, 7> weekend, std::vector<Date> holidays,
                   std::vector<Date> working_days, int utc_offset_minutes);

  // A working day overrides weekend and holiday; otherwise weekends and holidays are days off.
  bool is_business_day(const Date& date) const;
  // The first business day strictly after `date`.
  Date next_business_day(const Date& date) const;

  // The due instant (Unix ms) for work submitted at `start_utc_ms`: the last millisecond
  // (23:59:59.999 local) of the n-th business day counted from the first business day after the
  // local submission date. n <= 0 gives the end of the submission's local day.
  std::int64_t add_business_days(std::int64_t start_utc_ms, int n) const;

  int utc_offset_minutes() const { return utc_offset_minutes_; }
  const std::array<bool, 7>& weekend() const { return weekend_; }
  const std::vector<Date>& holidays() const { return holidays_; }
  const std::vector<Date>& working_days() const { return working_days_; }

 private:
  std::array<bool, 7> weekend_;
  std::vector<Date> holidays_;      // sorted, unique
  std::vector<Date> working_days_;  // sorted, unique
  int utc_offset_minutes_;
};

}  // namespace simreg::jurisdiction

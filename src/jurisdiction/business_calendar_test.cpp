#include "jurisdiction/business_calendar.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "jurisdiction/profile_loader.hpp"

namespace simreg::jurisdiction {
namespace {

// Unix ms of a UTC wall-clock time.
std::int64_t utc_ms(int year, int month, int day, int hour, int minute) {
  return (days_from_civil({year, month, day}) * 24 * 60 + hour * 60 + minute) * 60'000LL;
}

struct DueCase {
  const char* name;
  std::string profile;
  std::int64_t submitted_utc_ms;
  int business_days;
  std::string due_utc;  // format_utc_ms of the due instant
};

class DueDateTest : public ::testing::TestWithParam<DueCase> {};

TEST_P(DueDateTest, EndOfTheNthBusinessDayInLocalTime) {
  const auto& c = GetParam();
  auto profile = load_profile(c.profile);
  ASSERT_TRUE(profile.ok()) << profile.error().detail;
  EXPECT_EQ(
      format_utc_ms(profile->calendar().add_business_days(c.submitted_utc_ms, c.business_days)),
      c.due_utc);
}

INSTANTIATE_TEST_SUITE_P(
    Table, DueDateTest,
    ::testing::Values(
        // China, UTC+8: a due date ends at 23:59:59.999 Beijing time = 15:59:59.999Z.
        DueCase{"cn_ordinary_week", "cn", utc_ms(2026, 3, 9, 2, 0), 2, "2026-03-11T15:59:59.999Z"},
        DueCase{"cn_across_weekend", "cn", utc_ms(2026, 3, 13, 7, 0), 2,
                "2026-03-17T15:59:59.999Z"},
        DueCase{"cn_submitted_on_saturday", "cn", utc_ms(2026, 3, 14, 3, 0), 1,
                "2026-03-16T15:59:59.999Z"},
        // 00:30 Friday in Beijing is still Thursday in UTC: the local date counts.
        DueCase{"cn_local_date_not_utc_date", "cn", utc_ms(2026, 3, 12, 16, 30), 1,
                "2026-03-16T15:59:59.999Z"},
        DueCase{"cn_zero_days_is_end_of_today", "cn", utc_ms(2026, 3, 9, 2, 0), 0,
                "2026-03-09T15:59:59.999Z"},
        // National Day week 1-7 October 2026; Saturday 10 October is a make-up working day.
        DueCase{"cn_national_day_eve", "cn", utc_ms(2026, 9, 30, 4, 0), 2,
                "2026-10-09T15:59:59.999Z"},
        DueCase{"cn_straddling_national_day", "cn", utc_ms(2026, 9, 29, 4, 0), 2,
                "2026-10-08T15:59:59.999Z"},
        DueCase{"cn_makeup_saturday_after_national_day", "cn", utc_ms(2026, 10, 9, 4, 0), 1,
                "2026-10-10T15:59:59.999Z"},
        DueCase{"cn_makeup_sunday_before_national_day", "cn", utc_ms(2026, 9, 19, 4, 0), 1,
                "2026-09-20T15:59:59.999Z"},
        // Spring Festival 15-23 February 2026, make-up working Saturday 14 February.
        DueCase{"cn_spring_festival", "cn", utc_ms(2026, 2, 13, 4, 0), 2,
                "2026-02-24T15:59:59.999Z"},
        DueCase{"cn_year_end", "cn", utc_ms(2026, 12, 31, 12, 0), 2, "2027-01-05T15:59:59.999Z"},
        // Philippines: Holy Week 2026 (Maundy Thursday, Good Friday, Black Saturday).
        DueCase{"ph_holy_week", "ph", utc_ms(2026, 4, 1, 2, 0), 1, "2026-04-06T15:59:59.999Z"},
        DueCase{"ph_year_end", "ph", utc_ms(2026, 12, 29, 2, 0), 1, "2027-01-04T15:59:59.999Z"},
        // United States, UTC-5: a day ends at 04:59:59.999Z the next UTC day.
        DueCase{"us_thanksgiving", "us", utc_ms(2026, 11, 25, 15, 0), 2,
                "2026-12-01T04:59:59.999Z"},
        DueCase{"us_observed_christmas_2027", "us", utc_ms(2027, 12, 23, 15, 0), 2,
                "2027-12-29T04:59:59.999Z"},
        // 21:00 Tuesday in New York is already Wednesday in UTC: Tuesday counts.
        DueCase{"us_evening_local_date", "us", utc_ms(2026, 3, 11, 2, 0), 1,
                "2026-03-12T04:59:59.999Z"}),
    [](const auto& info) { return std::string(info.param.name); });

struct BusinessDayCase {
  Date date;
  bool business;
};

class HandBuiltCalendarTest : public ::testing::TestWithParam<BusinessDayCase> {};

// A Friday-Saturday weekend with one holiday and one worked Saturday.
const BusinessCalendar kCalendar({false, false, false, false, false, true, true},
                                 {{2026, 3, 20}, {2026, 3, 20}}, {{2026, 3, 28}}, 180);

TEST_P(HandBuiltCalendarTest, WorkingDaysOverrideWeekendsAndHolidays) {
  EXPECT_EQ(kCalendar.is_business_day(GetParam().date), GetParam().business)
      << format_date(GetParam().date);
}

INSTANTIATE_TEST_SUITE_P(
    Table, HandBuiltCalendarTest,
    ::testing::Values(BusinessDayCase{{2026, 3, 15}, true},    // Sunday
                      BusinessDayCase{{2026, 3, 19}, true},    // Thursday
                      BusinessDayCase{{2026, 3, 20}, false},   // Friday, holiday
                      BusinessDayCase{{2026, 3, 21}, false},   // Saturday
                      BusinessDayCase{{2026, 3, 27}, false},   // Friday
                      BusinessDayCase{{2026, 3, 28}, true}));  // worked Saturday

TEST(BusinessCalendarTest, NextBusinessDaySkipsDaysOff) {
  EXPECT_EQ(kCalendar.next_business_day({2026, 3, 19}), (Date{2026, 3, 22}));
  EXPECT_EQ(kCalendar.next_business_day({2026, 3, 26}), (Date{2026, 3, 28}));
  EXPECT_EQ(kCalendar.holidays().size(), 1u);  // duplicates folded
  EXPECT_EQ(kCalendar.utc_offset_minutes(), 180);
}

}  // namespace
}  // namespace simreg::jurisdiction

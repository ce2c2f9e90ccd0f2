#include "jurisdiction/dates.hpp"

#include <gtest/gtest.h>

namespace simreg::jurisdiction {
namespace {

struct ParseCase {
  const char* name;
  std::string text;
  std::string error;  // "" when valid
  Date date;
};

class ParseDateTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(ParseDateTest, ParsesOrNamesTheProblem) {
  const auto& c = GetParam();
  auto parsed = parse_date(c.text);
  if (c.error.empty()) {
    ASSERT_TRUE(parsed.ok()) << parsed.error().code;
    EXPECT_EQ(*parsed, c.date);
    EXPECT_EQ(format_date(*parsed), c.text);
  } else {
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().code, c.error);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseDateTest,
    ::testing::Values(ParseCase{"plain", "2026-03-14", "", {2026, 3, 14}},
                      ParseCase{"leap_day_2024", "2024-02-29", "", {2024, 2, 29}},
                      ParseCase{"leap_day_2000", "2000-02-29", "", {2000, 2, 29}},
                      ParseCase{"year_end", "1999-12-31", "", {1999, 12, 31}},
                      ParseCase{"no_leap_day_2026", "2026-02-29", "date.impossible", {}},
                      ParseCase{"no_leap_day_1900", "1900-02-29", "date.impossible", {}},
                      ParseCase{"feb_30", "2026-02-30", "date.impossible", {}},
                      ParseCase{"april_31", "2026-04-31", "date.impossible", {}},
                      ParseCase{"month_13", "2026-13-01", "date.impossible", {}},
                      ParseCase{"month_0", "2026-00-10", "date.impossible", {}},
                      ParseCase{"day_0", "2026-01-00", "date.impossible", {}},
                      ParseCase{"year_0", "0000-01-01", "date.impossible", {}},
                      ParseCase{"slashes", "2026/03/14", "date.format", {}},
                      ParseCase{"short_month", "2026-3-14", "date.format", {}},
                      ParseCase{"trailing_space", "2026-03-14 ", "date.format", {}},
                      ParseCase{"letters", "2026-0a-14", "date.format", {}},
                      ParseCase{"with_time", "2026-03-14T00:00:00Z", "date.format", {}},
                      ParseCase{"empty", "", "date.format", {}}),
    [](const auto& info) { return std::string(info.param.name); });

struct AgeCase {
  const char* name;
  Date birth;
  Date on;
  int age;
};

class AgeTest : public ::testing::TestWithParam<AgeCase> {};

TEST_P(AgeTest, CountsCompletedYears) {
  const auto& c = GetParam();
  EXPECT_EQ(age_on(c.birth, c.on), c.age);
}

INSTANTIATE_TEST_SUITE_P(
    Table, AgeTest,
    ::testing::Values(AgeCase{"birthday_today", {2010, 5, 20}, {2026, 5, 20}, 16},
                      AgeCase{"day_before_birthday", {2010, 5, 20}, {2026, 5, 19}, 15},
                      AgeCase{"month_before_birthday", {2010, 5, 20}, {2026, 4, 30}, 15},
                      AgeCase{"leapling_feb_28_common_year", {2008, 2, 29}, {2026, 2, 28}, 17},
                      AgeCase{"leapling_mar_1_common_year", {2008, 2, 29}, {2026, 3, 1}, 18},
                      AgeCase{"leapling_leap_year", {2008, 2, 29}, {2028, 2, 29}, 20},
                      AgeCase{"newborn", {2026, 1, 1}, {2026, 12, 31}, 0},
                      AgeCase{"not_born_yet", {2027, 1, 1}, {2026, 12, 31}, -1}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(DatesTest, ExpiryIsInclusiveOfTheExpiryDay) {
  EXPECT_FALSE(is_expired({2026, 6, 1}, {2026, 6, 1}));
  EXPECT_TRUE(is_expired({2026, 6, 1}, {2026, 6, 2}));
  EXPECT_FALSE(is_expired({2030, 1, 1}, {2026, 6, 2}));
}

TEST(DatesTest, DayArithmeticRoundTripsAndKnowsWeekdays) {
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(days_from_civil({2000, 3, 1}), 11017);
  EXPECT_EQ(civil_from_days(-1), (Date{1969, 12, 31}));
  for (std::int64_t d = -800000; d < 800000; d += 997)
    EXPECT_EQ(days_from_civil(civil_from_days(d)), d);
  EXPECT_EQ(weekday({1970, 1, 1}), 4);    // Thursday
  EXPECT_EQ(weekday({2026, 10, 1}), 4);   // Thursday
  EXPECT_EQ(weekday({2026, 2, 15}), 0);   // Sunday
  EXPECT_EQ(weekday({1969, 12, 27}), 6);  // Saturday, before the epoch
  EXPECT_EQ(add_days({2026, 12, 31}, 1), (Date{2027, 1, 1}));
  EXPECT_EQ(add_days({2028, 3, 1}, -1), (Date{2028, 2, 29}));
}

TEST(DatesTest, LocalDateHonoursTheOffset) {
  const std::int64_t t = 1'767'196'800'000;  // 2025-12-31T16:00:00Z
  EXPECT_EQ(local_date(t, 0), (Date{2025, 12, 31}));
  EXPECT_EQ(local_date(t, 480), (Date{2026, 1, 1}));  // 00:00 in Beijing
  EXPECT_EQ(local_date(t - 1, 480), (Date{2025, 12, 31}));
  EXPECT_EQ(local_date(t, -300), (Date{2025, 12, 31}));
  EXPECT_EQ(local_date(-1, 0), (Date{1969, 12, 31}));
}

}  // namespace
}  // namespace simreg::jurisdiction

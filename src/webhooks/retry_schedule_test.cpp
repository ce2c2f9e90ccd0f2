#include "webhooks/retry_schedule.hpp"

#include <gtest/gtest.h>

namespace simreg::webhooks {
namespace {

TEST(RetryScheduleTest, DelayDoublesFromTheBaseAndCapsAtOneHour) {
  struct Case {
    int attempts;
    std::int64_t base_ms;
    std::int64_t delay_ms;
  };
  const Case cases[] = {
      {1, 30'000, 30'000},     {2, 30'000, 60'000},       {3, 30'000, 120'000},      {7, 30'000, 1'920'000},
      {8, 30'000, 3'600'000},  {9, 30'000, 3'600'000},    {1000, 30'000, 3'600'000}, {0, 30'000, 30'000},
      {-3, 30'000, 30'000},    {1, 1'000, 1'000},         {3, 1'000, 4'000},         {13, 1'000, 3'600'000},
      {1, 7'200'000, 3'600'000}, {2, 0, 2},
  };
  for (const auto& c : cases) EXPECT_EQ(retry_delay_ms(c.attempts, c.base_ms), c.delay_ms) << c.attempts << "/" << c.base_ms;
}

TEST(RetryScheduleTest, NextAttemptStopsAtTheDeadline) {
  const std::int64_t created = 1'800'000'000'000;
  const std::int64_t deadline = created + kGiveUpAfterMs;
  struct Case {
    int attempts;
    std::int64_t now;
    std::optional<std::int64_t> next;
  };
  const Case cases[] = {
      {1, created, created + 30'000},
      {2, created + 30'000, created + 90'000},
      {8, created + 7'200'000, created + 10'800'000},
      {30, deadline - 1'000, deadline},  // the last try falls exactly on the deadline
      {30, deadline - 3'600'000, deadline},
      {30, deadline - 3'600'001, deadline - 1},
      {31, deadline, std::nullopt},
      {31, deadline + 5, std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(next_attempt_at(c.attempts, c.now, created), c.next) << c.attempts;
}

TEST(RetryScheduleTest, AReceiverDownForADayStillGetsAtLeast24HoursOfTries) {
  const std::int64_t created = 0;
  std::int64_t now = created;
  int attempts = 0;
  std::int64_t last = now;
  for (;;) {
    ++attempts;
    last = now;
    const auto next = next_attempt_at(attempts, now, created);
    if (!next) break;
    ASSERT_GT(*next, now);
    now = *next;
  }
  EXPECT_EQ(last, kGiveUpAfterMs);
  // Tries at 0, 30 s, 1.5, 3.5, 7.5, 15.5, 31.5 and 63.5 min, then 22 hourly ones, then one on the
  // deadline itself: 31 tries; the failure of the last one gives up.
  EXPECT_EQ(attempts, 31);
}

}  // namespace
}  // namespace simreg::webhooks

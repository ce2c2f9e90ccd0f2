#include "accounts/login_throttle_policy.hpp"

#include <gtest/gtest.h>

namespace simreg::accounts {
namespace {

constexpr std::int64_t kStart = 1'700'000'000'000;

struct DelayCase {
  int failures;               // consecutive failures recorded at kStart
  std::int64_t expected_wait; // ms until allowed again (0 = not blocked)
};

class ThrottleDelayTest : public ::testing::TestWithParam<DelayCase> {};

TEST_P(ThrottleDelayTest, DelayGrowsAfterFreeFailures) {
  ThrottlePolicy policy;  // 5 free failures, 1 s base, doubling, capped at 15 min
  ThrottleState state;
  for (int i = 0; i < GetParam().failures; ++i) state = policy.after_failure(state, kStart);
  const auto until = policy.blocked_until(state, kStart);
  EXPECT_EQ(until.value_or(kStart) - kStart, GetParam().expected_wait);
}

INSTANTIATE_TEST_SUITE_P(Table, ThrottleDelayTest,
                         ::testing::Values(DelayCase{0, 0}, DelayCase{1, 0}, DelayCase{5, 0}, DelayCase{6, 1000},
                                           DelayCase{7, 2000}, DelayCase{8, 4000}, DelayCase{12, 64000},
                                           DelayCase{30, 15 * 60 * 1000}));

TEST(ThrottlePolicyTest, SuccessResetsDelayButNotHourlyCount) {
  ThrottlePolicy policy;
  ThrottleState state;
  for (int i = 0; i < 7; ++i) state = policy.after_failure(state, kStart);
  state = policy.after_success(state);
  EXPECT_EQ(state.consecutive_failures, 0);
  EXPECT_EQ(state.window_failures, 7);
}

TEST(ThrottlePolicyTest, HourlyCapLocksUntilWindowEnds) {
  ThrottlePolicy policy;
  policy.base_delay_ms = 0;  // isolate the cap from the growing delay
  policy.free_failures = 1000;
  ThrottleState state;
  std::int64_t now = kStart;
  for (int i = 0; i < 99; ++i) {
    state = policy.after_failure(state, now);
    now += 1000;
  }
  EXPECT_FALSE(policy.blocked_until(state, now).has_value());
  state = policy.after_failure(state, now);
  ASSERT_TRUE(policy.blocked_until(state, now).has_value());
  EXPECT_EQ(*policy.blocked_until(state, now), kStart + policy.window_ms);
  EXPECT_FALSE(policy.blocked_until(state, kStart + policy.window_ms).has_value());
}

TEST(ThrottlePolicyTest, NewWindowStartsAfterAnHour) {
  ThrottlePolicy policy;
  ThrottleState state;
  state = policy.after_failure(state, kStart);
  state = policy.after_failure(state, kStart + policy.window_ms + 1);
  EXPECT_EQ(state.window_failures, 1);
  EXPECT_EQ(state.window_started_at_ms, kStart + policy.window_ms + 1);
}

}  // namespace
}  // namespace simreg::accounts

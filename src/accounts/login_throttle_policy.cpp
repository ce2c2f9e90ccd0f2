#include "accounts/login_throttle_policy.hpp"

#include <algorithm>

namespace simreg::accounts {

std::optional<std::int64_t> ThrottlePolicy::blocked_until(const ThrottleState& state,
                                                          std::int64_t now_ms) const {
  if (state.locked_until_ms > now_ms) return state.locked_until_ms;
  return std::nullopt;
}

ThrottleState ThrottlePolicy::after_failure(ThrottleState state, std::int64_t now_ms) const {
  if (now_ms - state.window_started_at_ms >= window_ms) {
    state.window_started_at_ms = now_ms;
    state.window_failures = 0;
  }
  state.consecutive_failures += 1;
  state.window_failures += 1;
  std::int64_t until = 0;
  if (state.window_failures >= max_failures_per_window) {
    until = state.window_started_at_ms + window_ms;
  }
  const int over = state.consecutive_failures - free_failures;
  if (over > 0) {
    std::int64_t delay = base_delay_ms;
    for (int i = 1; i < over && delay < max_delay_ms; ++i) delay *= 2;
    until = std::max(until, now_ms + std::min(delay, max_delay_ms));
  }
  state.locked_until_ms = std::max(state.locked_until_ms, until);
  return state;
}

ThrottleState ThrottlePolicy::after_success(ThrottleState state) const {
  // The hourly window keeps counting: a success between guesses must not reset the cap.
  state.consecutive_failures = 0;
  return state;
}

}  // namespace simreg::accounts

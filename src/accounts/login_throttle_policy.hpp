// Pure sign-in throttling rules: growing delays after consecutive failures and a hard cap of
// failures per rolling hour (NIST SP 800-63B §5.2.2, OWASP ASVS 2.2.1). No I/O; the state is
// loaded and stored by LoginThrottle. Thread-safe (immutable).
#pragma once

#include <cstdint>
#include <optional>

namespace simreg::accounts {

struct ThrottleState {
  int consecutive_failures = 0;
  std::int64_t window_started_at_ms = 0;
  int window_failures = 0;
  std::int64_t locked_until_ms = 0;
};

struct ThrottlePolicy {
  int free_failures = 5;                       // failures before any delay
  std::int64_t base_delay_ms = 1000;           // first delay; doubles with each further failure
  std::int64_t max_delay_ms = 15 * 60 * 1000;  // delays stop growing here
  int max_failures_per_window = 100;
  std::int64_t window_ms = 60 * 60 * 1000;

  // When the caller must wait before trying again, the time it may retry (Unix ms).
  std::optional<std::int64_t> blocked_until(const ThrottleState& state, std::int64_t now_ms) const;
  ThrottleState after_failure(ThrottleState state, std::int64_t now_ms) const;
  ThrottleState after_success(ThrottleState state) const;
};

}  // namespace simreg::accounts

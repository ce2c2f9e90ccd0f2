// When a failed webhook delivery is tried again: base · 2^(attempt-1) (base 30 s by default),
// capped at one hour, for 24 hours after the event was created; the last try falls exactly on
// that deadline, so a receiver that is down for less than a day still gets every event. Pure.
#pragma once

#include <cstdint>
#include <optional>

namespace simreg::webhooks {

inline constexpr std::int64_t kDefaultRetryBaseMs = 30 * 1000;
inline constexpr std::int64_t kMaxRetryDelayMs = 60 * 60 * 1000;
inline constexpr std::int64_t kGiveUpAfterMs = 24 * 60 * 60 * 1000;

// Delay after `attempts` failed tries (1 → base). attempts < 1 counts as 1; base_ms must be > 0.
std::int64_t retry_delay_ms(int attempts, std::int64_t base_ms = kDefaultRetryBaseMs);

// When to try again after the `attempts`-th failure at `now_ms`, or nullopt when the delivery has
// run out of time (now is at or past event_created_ms + kGiveUpAfterMs) and is failed.
std::optional<std::int64_t> next_attempt_at(int attempts, std::int64_t now_ms, std::int64_t event_created_ms,
                                            std::int64_t base_ms = kDefaultRetryBaseMs);

}  // namespace simreg::webhooks

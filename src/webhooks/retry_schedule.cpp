#include "webhooks/retry_schedule.hpp"

#include <algorithm>

namespace simreg::webhooks {

std::int64_t retry_delay_ms(int attempts, std::int64_t base_ms) {
  std::int64_t delay = std::max<std::int64_t>(base_ms, 1);
  // Doubling stops at the cap, so no shift can overflow whatever the attempt count.
  for (int i = 1; i < attempts && delay < kMaxRetryDelayMs; ++i) delay *= 2;
  return std::min(delay, kMaxRetryDelayMs);
}

std::optional<std::int64_t> next_attempt_at(int attempts, std::int64_t now_ms, std::int64_t event_created_ms,
                                            std::int64_t base_ms) {
  const std::int64_t deadline = event_created_ms + kGiveUpAfterMs;
  if (now_ms >= deadline) return std::nullopt;
  return std::min(now_ms + retry_delay_ms(attempts, base_ms), deadline);
}

}  // namespace simreg::webhooks

#include "core/concurrency_limiter.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace simreg {
namespace {

TEST(ConcurrencyLimiter, GrantsUpToTheLimitThenRefuses) {
  ConcurrencyLimiter limiter(2);
  auto first = limiter.try_acquire();
  auto second = limiter.try_acquire();
  auto third = limiter.try_acquire();
  EXPECT_TRUE(first);
  EXPECT_TRUE(second);
  EXPECT_FALSE(third);
  EXPECT_EQ(limiter.in_use(), 2);
}

TEST(ConcurrencyLimiter, ReleasingASlotFreesIt) {
  ConcurrencyLimiter limiter(1);
  {
    auto slot = limiter.try_acquire();
    ASSERT_TRUE(slot);
    EXPECT_FALSE(limiter.try_acquire());
  }
  EXPECT_EQ(limiter.in_use(), 0);
  auto moved_from = limiter.try_acquire();
  auto moved_to = std::move(moved_from);
  EXPECT_TRUE(moved_to);
  EXPECT_FALSE(moved_from);  // NOLINT(bugprone-use-after-move): the moved-from slot must be empty
  EXPECT_EQ(limiter.in_use(), 1);
}

TEST(ConcurrencyLimiter, NeverExceedsTheLimitUnderContention) {
  ConcurrencyLimiter limiter(3);
  std::atomic<int> peak{0};
  std::atomic<int> holding{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        auto slot = limiter.try_acquire();
        if (!slot) continue;
        const int now = holding.fetch_add(1) + 1;
        int seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
        holding.fetch_sub(1);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(peak.load(), 3);
  EXPECT_GE(peak.load(), 1);
  EXPECT_EQ(limiter.in_use(), 0);
}

}  // namespace
}  // namespace simreg

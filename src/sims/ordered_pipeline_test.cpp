#include "sims/ordered_pipeline.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>

namespace simreg::sims {
namespace {

TEST(OrderedPipelineTest, DeliversEveryItemInOrder) {
  struct Case {
    std::size_t count;
    int workers;
    std::size_t window;
  };
  const Case cases[] = {{0, 2, 4}, {1, 1, 1}, {100, 1, 1}, {1000, 4, 3}, {1000, 3, 64}, {7, 8, 2}};
  for (const auto& c : cases) {
    std::atomic<int> calls{0};
    OrderedPipeline<std::size_t> pipeline(
        c.count, c.workers, c.window, [&](std::size_t item, int worker) {
          EXPECT_GE(worker, 0);
          EXPECT_LT(worker, c.workers);
          ++calls;
          // Uneven work, so results finish out of order.
          if (item % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
          return item * 3;
        });
    std::size_t expected = 0;
    while (auto value = pipeline.next()) {
      EXPECT_EQ(*value, expected * 3);
      ++expected;
    }
    EXPECT_EQ(expected, c.count);
    EXPECT_EQ(calls.load(), static_cast<int>(c.count));
  }
}

TEST(OrderedPipelineTest, StaysWithinTheWindow) {
  std::atomic<std::size_t> consumed{0};
  std::atomic<std::size_t> worst_lead{0};
  constexpr std::size_t kWindow = 3;
  OrderedPipeline<int> pipeline(200, 4, kWindow, [&](std::size_t item, int) {
    const std::size_t lead = item - std::min(item, consumed.load());
    if (lead > worst_lead) worst_lead = lead;
    return 0;
  });
  while (pipeline.next()) ++consumed;
  EXPECT_LE(worst_lead.load(), kWindow);
}

TEST(OrderedPipelineTest, StopsEarlyAndRethrows) {
  {
    OrderedPipeline<int> pipeline(1'000'000, 2, 4, [](std::size_t, int) { return 1; });
    ASSERT_TRUE(pipeline.next());
    // The destructor stops and joins without producing the rest.
  }
  OrderedPipeline<int> failing(10, 2, 4, [](std::size_t item, int) {
    if (item == 3) throw std::runtime_error("boom");
    return 0;
  });
  int seen = 0;
  EXPECT_THROW(
      {
        while (failing.next()) ++seen;
      },
      std::runtime_error);
  EXPECT_LE(seen, 3);
}

}  // namespace
}  // namespace simreg::sims

#include "review/quantiles.hpp"

#include <gtest/gtest.h>

namespace simreg::review {
namespace {

TEST(Quantiles, LinearBetweenClosestRanks) {
  struct Case {
    std::vector<double> values;
    double q;
    std::optional<double> expected;
  };
  const std::vector<Case> cases{
      {{}, 0.5, std::nullopt},
      {{7}, 0.5, 7.0},
      {{7}, 0.9, 7.0},
      {{4, 1, 3, 2}, 0.5, 2.5},
      {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9, 9.1},
      {{1, 2, 3, 4, 5}, 0.0, 1.0},
      {{1, 2, 3, 4, 5}, 1.0, 5.0},
      {{10, 20}, 2.0, 20.0},
  };
  for (const auto& c : cases) {
    const auto got = quantile(c.values, c.q);
    ASSERT_EQ(got.has_value(), c.expected.has_value()) << c.q;
    if (got) {
      EXPECT_NEAR(*got, *c.expected, 1e-9) << c.q;
    }
  }
}

}  // namespace
}  // namespace simreg::review

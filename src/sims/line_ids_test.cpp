#include "sims/line_ids.hpp"

#include <gtest/gtest.h>

#include <set>

namespace simreg::sims {
namespace {

TEST(LineIdsTest, KnownValues) {
  struct Case {
    std::int64_t now_ms;
    std::string random;
    std::uint64_t ordinal;
    std::string id;
  };
  const Case cases[] = {
      {0, std::string(10, '\0'), 0, "sim_00000000000000000000000000"},
      {0, std::string(10, '\0'), 31, "sim_0000000000000000000000000z"},
      {0, std::string(10, '\0'), 32, "sim_00000000000000000000000010"},
      // Time 1 ms is bit 80, just above the random bits: the 17th base32 digit from the right.
      {1, std::string(10, '\0'), 0, "sim_00000000010000000000000000"},
      {0, std::string(10, '\xff'), 0, "sim_0000000000zzzzzzzzzzzzzzzz"},
      // The random part overflowing carries into the time bits, still unique and ordered.
      {0, std::string(10, '\xff'), 1, "sim_00000000010000000000000000"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(LineIdSequence(c.now_ms, c.random).at(c.ordinal), c.id)
        << c.now_ms << " " << c.ordinal;
  }
}

TEST(LineIdsTest, ConsecutiveOrdinalsSortAsStrings) {
  const LineIdSequence sequence(1'800'000'000'000, "\x12\x34\x56\x78\x9a\xbc\xde\xf0\x11\x22");
  std::string previous;
  std::set<std::string> seen;
  for (std::uint64_t i = 0; i < 5000; ++i) {
    const std::string id = sequence.at(i * 7919);
    EXPECT_EQ(id.size(), 30u);
    EXPECT_GT(id, previous);
    EXPECT_TRUE(seen.insert(id).second);
    previous = id;
  }
}

TEST(LineIdsTest, LaterSequencesSortAfterEarlierOnes) {
  const auto earlier = LineIdSequence::starting_at(1'800'000'000'000);
  const auto later = LineIdSequence::starting_at(1'800'000'000'001);
  EXPECT_LT(earlier.at(1'000'000), later.at(0));
  EXPECT_NE(LineIdSequence::starting_at(5).at(0), LineIdSequence::starting_at(5).at(0))
      << "random low bits";
}

}  // namespace
}  // namespace simreg::sims

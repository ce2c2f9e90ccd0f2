#include "sims/line_status.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>

namespace simreg::sims {
namespace {

TEST(LineStatusTest, CodesRoundTripAndNothingElseParses) {
  std::set<std::string_view> codes;
  for (const LineStatus status : kAllLineStatuses) {
    const auto code = line_status_code(status);
    codes.insert(code);
    EXPECT_EQ(parse_line_status(code), status) << code;
  }
  EXPECT_EQ(codes, (std::set<std::string_view>{"unregistered", "pending", "registered",
                                               "restricted", "frozen", "cancelled"}));
  for (const std::string_view bad :
       {"", "Pending", "PENDING", " pending", "pending ", "active", "deleted"}) {
    EXPECT_FALSE(parse_line_status(bad)) << bad;
  }
}

TEST(LineStatusTest, TransitionTable) {
  using S = LineStatus;
  // Every allowed edge; every other (from, to) pair must be refused.
  const std::set<std::pair<S, S>> allowed = {
      {S::unregistered, S::pending}, {S::unregistered, S::restricted},
      {S::unregistered, S::frozen},  {S::unregistered, S::cancelled},
      {S::pending, S::registered},   {S::pending, S::unregistered},
      {S::pending, S::restricted},   {S::pending, S::frozen},
      {S::pending, S::cancelled},    {S::registered, S::restricted},
      {S::registered, S::frozen},    {S::registered, S::cancelled},
      {S::restricted, S::pending},   {S::restricted, S::frozen},
      {S::restricted, S::cancelled}, {S::frozen, S::unregistered},
      {S::frozen, S::registered},    {S::frozen, S::restricted},
      {S::frozen, S::cancelled},
  };
  int checked = 0;
  for (const S from : kAllLineStatuses) {
    for (const S to : kAllLineStatuses) {
      EXPECT_EQ(line_transition_allowed(from, to), allowed.contains({from, to}))
          << line_status_code(from) << " -> " << line_status_code(to);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 36);
}

TEST(LineStatusTest, PolicyHighlights) {
  struct Case {
    LineStatus from, to;
    bool allowed;
    const char* why;
  };
  const Case cases[] = {
      {LineStatus::unregistered, LineStatus::registered, false,
       "registration goes through review (pending)"},
      {LineStatus::restricted, LineStatus::registered, false,
       "a restricted line is registered only by review"},
      {LineStatus::restricted, LineStatus::unregistered, false, "a passed deadline is not undone"},
      {LineStatus::cancelled, LineStatus::unregistered, false, "cancelled is final"},
      {LineStatus::cancelled, LineStatus::frozen, false, "cancelled is final"},
      {LineStatus::frozen, LineStatus::pending, false, "unfreezing never invents an application"},
      {LineStatus::pending, LineStatus::pending, false, "no self transitions"},
      {LineStatus::pending, LineStatus::registered, true, "approval"},
      {LineStatus::restricted, LineStatus::pending, true, "late application"},
  };
  for (const auto& c : cases) EXPECT_EQ(line_transition_allowed(c.from, c.to), c.allowed) << c.why;
}

}  // namespace
}  // namespace simreg::sims

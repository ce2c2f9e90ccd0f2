#include "http/target.hpp"

#include <gtest/gtest.h>

namespace simreg::http {
namespace {

TEST(TargetTest, ParsesTable) {
  struct Case {
    std::string target;
    bool ok;
    std::vector<std::string> segments;
    std::map<std::string, std::string> query;
  };
  const std::vector<Case> cases = {
      {"/", true, {}, {}},
      {"/a", true, {"a"}, {}},
      {"/a/", true, {"a", ""}, {}},
      {"/a//b", true, {"a", "", "b"}, {}},
      {"/a%20b/c%2Fd", true, {"a b", "c/d"}, {}},
      {"/a+b", true, {"a+b"}, {}},
      {"/x?q=a+b&r=%26&q=second&flag", true, {"x"}, {{"q", "a b"}, {"r", "&"}, {"flag", ""}}},
      {"/x?", true, {"x"}, {}},
      {"/x?&&a=1", true, {"x"}, {{"a", "1"}}},
      {"", false, {}, {}},
      {"*", false, {}, {}},
      {"http://example.com/x", false, {}, {}},
      {"/../etc/passwd", false, {}, {}},
      {"/a/./b", false, {}, {}},
      {"/a/%2e%2e/b", false, {}, {}},
      {"/a/%2E%2E", false, {}, {}},
      {"/a%zz", false, {}, {}},
      {"/a%2", false, {}, {}},
      {"/a%00b", false, {}, {}},
      {"/x?q=%", false, {}, {}},
      {"/x#frag", false, {}, {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.target);
    const auto target = parse_target(c.target);
    ASSERT_EQ(target.has_value(), c.ok);
    if (!c.ok) continue;
    EXPECT_EQ(target->segments, c.segments);
    EXPECT_EQ(target->query, c.query);
  }
}

TEST(TargetTest, PercentDecodeTable) {
  struct Case {
    std::string text;
    bool plus_is_space;
    std::optional<std::string> decoded;
  };
  const std::vector<Case> cases = {
      {"abc", false, "abc"},        {"a%41", false, "aA"},
      {"a%4a%4A", false, "aJJ"},    {"a+b", true, "a b"},
      {"a+b", false, "a+b"},        {"%e4%b8%ad", false, "\xe4\xb8\xad"},
      {"%", false, std::nullopt},   {"%4", false, std::nullopt},
      {"%g0", false, std::nullopt}, {"%00", false, std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(percent_decode(c.text, c.plus_is_space), c.decoded);
  }
}

}  // namespace
}  // namespace simreg::http

#include "jurisdiction/digit_pattern.hpp"

#include <gtest/gtest.h>

namespace simreg::jurisdiction {
namespace {

struct MatchCase {
  const char* name;
  std::string pattern;
  std::string input;
  bool matches;
  bool matches_prefix;
};

class DigitPatternTest : public ::testing::TestWithParam<MatchCase> {};

TEST_P(DigitPatternTest, MatchesLikeARegex) {
  const auto& c = GetParam();
  auto pattern = DigitPattern::compile(c.pattern);
  ASSERT_TRUE(pattern.has_value()) << c.pattern;
  EXPECT_EQ(pattern->matches(c.input), c.matches);
  EXPECT_EQ(pattern->matches_prefix(c.input), c.matches_prefix);
}

INSTANTIATE_TEST_SUITE_P(
    Table, DigitPatternTest,
    ::testing::Values(
        MatchCase{"literal", "123", "123", true, true},
        MatchCase{"literal_longer_input", "123", "1234", false, true},
        MatchCase{"literal_shorter_input", "123", "12", false, false},
        MatchCase{"any_digit_count", "\\d{3}", "907", true, true},
        MatchCase{"range_class", "[2-4]5", "35", true, true},
        MatchCase{"range_class_outside", "[2-4]5", "55", false, false},
        MatchCase{"class_list_and_range", "[13-57]", "4", true, true},
        MatchCase{"class_list_gap", "[13-57]", "6", false, false},
        MatchCase{"negated_class", "[^0]\\d", "10", true, true},
        MatchCase{"negated_class_rejects", "[^0]\\d", "01", false, false},
        MatchCase{"bounded_low", "1\\d{2,3}", "123", true, true},
        MatchCase{"bounded_high", "1\\d{2,3}", "1234", true, true},
        MatchCase{"bounded_over", "1\\d{2,3}", "12345", false, true},
        MatchCase{"at_least", "9\\d{2,}", "9123456", true, true},
        MatchCase{"optional_group", "1(?:23)?4", "14", true, true},
        MatchCase{"optional_group_present", "1(?:23)?4", "1234", true, true},
        MatchCase{"lazy_quantifier_same_language", "\\d{2}?", "12", true, true},
        MatchCase{"alternation_second", "0|(1(?:[12]\\d|79)\\d\\d)", "17951", true, true},
        MatchCase{"alternation_prefix_only", "0|(1(?:[12]\\d|79)\\d\\d)", "0138", false, true},
        MatchCase{"alternation_none", "0|(1(?:[12]\\d|79)\\d\\d)", "13800138000", false, false},
        MatchCase{"empty_pattern_matches_empty", "", "", true, true},
        MatchCase{"empty_alternative", "(?:|5)7", "7", true, true},
        MatchCase{"star", "12*3", "1223", true, true},
        MatchCase{"plus_needs_one", "12+3", "13", false, false},
        MatchCase{"non_digit_input", "\\d+", "12a", false, true},
        MatchCase{"cn_mobile",
                  "1740[0-5]\\d{6}|1(?:[38]\\d|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])\\d{8}",
                  "13800138000", true, true},
        MatchCase{"cn_mobile_unassigned",
                  "1740[0-5]\\d{6}|1(?:[38]\\d|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])\\d{8}",
                  "12000138000", false, false}),
    [](const auto& info) { return std::string(info.param.name); });

class UnsupportedPatternTest : public ::testing::TestWithParam<std::string> {};

TEST_P(UnsupportedPatternTest, IsRefused) {
  EXPECT_FALSE(DigitPattern::compile(GetParam()).has_value()) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Table, UnsupportedPatternTest,
                         ::testing::Values("1|([457]\\d{6})$", "^1", "a", "(?=1)1", "1.", "[a-z]",
                                           "(12", "12)", "\\w", "1{70}", "1{3,2}", "[2-]",
                                           "[9-0]"));

TEST(DigitPatternLimitTest, GivesUpBeyondTheStateBudget) {
  EXPECT_TRUE(DigitPattern::compile("\\d{20}", 100).has_value());
  EXPECT_FALSE(DigitPattern::compile("\\d{20}", 10).has_value());
}

}  // namespace
}  // namespace simreg::jurisdiction

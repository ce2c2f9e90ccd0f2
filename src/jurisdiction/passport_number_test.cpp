#include "jurisdiction/passport_number.hpp"

#include <gtest/gtest.h>

namespace simreg::jurisdiction {
namespace {

struct PassportCase {
  const char* name;
  std::string number;
  std::string normalized;  // "" when invalid (id.format)
};

class PassportNumberTest : public ::testing::TestWithParam<PassportCase> {};

TEST_P(PassportNumberTest, AcceptsSixToNineAlphanumerics) {
  const auto& c = GetParam();
  const auto result = check_passport_number(c.number, DocumentCheckContext{});
  if (c.normalized.empty()) {
    EXPECT_EQ(result.errors, std::vector<std::string>{"id.format"});
    EXPECT_FALSE(result.valid);
  } else {
    EXPECT_TRUE(result.valid);
    EXPECT_EQ(result.fields["normalized"], c.normalized);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, PassportNumberTest,
    ::testing::Values(
        PassportCase{"icao_specimen", "L898902C3", "L898902C3"},
        PassportCase{"chinese_e_series", "E12345678", "E12345678"},
        PassportCase{"us_nine_digits", "123456789", "123456789"},
        PassportCase{"philippine", "P1234567A", "P1234567A"},
        PassportCase{"six_chars", "AB1234", "AB1234"},
        PassportCase{"lower_case_and_space", "e1234 5678", "E12345678"},
        PassportCase{"five_chars", "AB123", ""}, PassportCase{"ten_chars", "E123456789", ""},
        PassportCase{"hyphen", "E1234-5678", ""}, PassportCase{"mrz_filler", "E1234567<", ""},
        PassportCase{"non_ascii", "E1234567\xC3\xA9", ""}, PassportCase{"empty", "", ""}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace simreg::jurisdiction

#include "jurisdiction/cn_resident_id.hpp"

#include <gtest/gtest.h>

namespace simreg::jurisdiction {
namespace {

struct CnCase {
  const char* name;
  std::string number;
  std::optional<Date> dob;
  std::optional<char> sex;
  std::vector<std::string> errors;
};

const Date kToday{2026, 3, 14};

class CnResidentIdTest : public ::testing::TestWithParam<CnCase> {};

TEST_P(CnResidentIdTest, ReportsExactlyTheExpectedCodes) {
  const auto& c = GetParam();
  DocumentCheckContext context;
  context.today = kToday;
  context.date_of_birth = c.dob;
  context.sex = c.sex;
  const auto result = check_cn_resident_id(c.number, context);
  EXPECT_EQ(result.errors, c.errors);
  EXPECT_EQ(result.valid, c.errors.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Table, CnResidentIdTest,
    ::testing::Values(
        // The two examples printed in GB 11643-1999.
        CnCase{"standard_example_x", "11010519491231002X", Date{1949, 12, 31}, 'F', {}},
        CnCase{"standard_example_1880", "440524188001010014", Date{1880, 1, 1}, 'M', {}},
        CnCase{"lower_case_x", "11010519491231002x", std::nullopt, std::nullopt, {}},
        CnCase{"leap_day_2000", "110101200002290018", Date{2000, 2, 29}, 'M', {}},
        CnCase{"hong_kong_permit", "810000199001010019", std::nullopt, std::nullopt, {}},
        CnCase{"no_cross_check", "310115200506151025", std::nullopt, std::nullopt, {}},
        CnCase{"wrong_check_digit",
               "110105194912310021",
               std::nullopt,
               std::nullopt,
               {"id.check_digit"}},
        // Month and day swapped by a typo: the check digit catches it, and month 21 does not exist.
        CnCase{"transposed_digits",
               "110105194921310020",
               std::nullopt,
               std::nullopt,
               {"id.check_digit", "id.birth_date_invalid"}},
        CnCase{"impossible_month_valid_check",
               "110105194921310021",
               std::nullopt,
               std::nullopt,
               {"id.birth_date_invalid"}},
        CnCase{"unknown_province",
               "990101199003071237",
               std::nullopt,
               std::nullopt,
               {"id.region_unknown"}},
        CnCase{
            "feb_30", "110101199002301236", std::nullopt, std::nullopt, {"id.birth_date_invalid"}},
        CnCase{"born_in_2030",
               "110101203001010014",
               std::nullopt,
               std::nullopt,
               {"id.birth_date_invalid"}},
        CnCase{"dob_mismatch",
               "11010519491231002X",
               Date{1949, 12, 30},
               'F',
               {"id.birth_date_mismatch"}},
        CnCase{"sex_mismatch", "11010519491231002X", Date{1949, 12, 31}, 'M', {"id.sex_mismatch"}},
        CnCase{"both_mismatch",
               "440524188001010014",
               Date{1980, 1, 1},
               'F',
               {"id.birth_date_mismatch", "id.sex_mismatch"}},
        CnCase{"seventeen_chars", "11010519491231002", std::nullopt, std::nullopt, {"id.format"}},
        CnCase{"nineteen_chars", "11010519491231002X1", std::nullopt, std::nullopt, {"id.format"}},
        CnCase{"x_not_last", "1101051949123100X2", std::nullopt, std::nullopt, {"id.format"}},
        CnCase{
            "fifteen_digit_old_card", "110105491231002", std::nullopt, std::nullopt, {"id.format"}},
        CnCase{"spaces", "110105 19491231 002X", std::nullopt, std::nullopt, {"id.format"}},
        CnCase{"empty", "", std::nullopt, std::nullopt, {"id.format"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(CnResidentIdFieldsTest, ParsesRegionBirthDateAndSex) {
  DocumentCheckContext context;
  context.today = kToday;
  const auto result = check_cn_resident_id("11010519491231002x", context);
  ASSERT_TRUE(result.valid);
  EXPECT_EQ(result.fields["region_code"], "110105");
  EXPECT_EQ(result.fields["date_of_birth"], "1949-12-31");
  EXPECT_EQ(result.fields["sex"], "F");
  EXPECT_EQ(result.fields["normalized"], "11010519491231002X");
}

TEST(CnResidentIdFieldsTest, CheckCharacterMatchesTheStandard) {
  EXPECT_EQ(cn_resident_id_check_char("11010519491231002"), 'X');
  EXPECT_EQ(cn_resident_id_check_char("44052418800101001"), '4');
}

}  // namespace
}  // namespace simreg::jurisdiction

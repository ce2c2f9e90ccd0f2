#include "jurisdiction/us_drivers_license.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace simreg::jurisdiction {
namespace {

struct UsCase {
  const char* name;
  std::string number;
  std::string state;
  std::vector<std::string> errors;
};

class UsDriversLicenseTest : public ::testing::TestWithParam<UsCase> {};

TEST_P(UsDriversLicenseTest, FollowsTheStateFormats) {
  const auto& c = GetParam();
  DocumentCheckContext context;
  context.state = c.state;
  for (auto check : {&check_us_drivers_license, &check_us_state_id}) {
    const auto result = check(c.number, context);
    EXPECT_EQ(result.errors, c.errors);
    EXPECT_EQ(result.valid, c.errors.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, UsDriversLicenseTest,
    ::testing::Values(UsCase{"ca", "A1234567", "CA", {}},
                      UsCase{"ca_lower_case_state_and_number", "a1234567", "ca", {}},
                      UsCase{"ca_digits_only", "12345678", "CA", {"id.format"}},
                      UsCase{"ca_too_long", "A12345678", "CA", {"id.format"}},
                      UsCase{"ny_nine_digits", "123456789", "NY", {}},
                      UsCase{"ny_printed_with_spaces", "123 456 789", "NY", {}},
                      UsCase{"ny_letter_seven", "A1234567", "NY", {}},
                      UsCase{"ny_eight_letters", "ABCDEFGH", "NY", {}},
                      UsCase{"ny_ten_digits", "1234567890", "NY", {"id.format"}},
                      UsCase{"tx_eight_digits", "12345678", "TX", {}},
                      UsCase{"tx_letter", "A1234567", "TX", {"id.format"}},
                      UsCase{"tx_nine_digits", "123456789", "TX", {"id.format"}},
                      UsCase{"fl_printed", "A123-456-78-901-0", "FL", {}},
                      UsCase{"fl_compact", "A123456789010", "FL", {}},
                      UsCase{"fl_short", "A123-456-78-901", "FL", {"id.format"}},
                      UsCase{"il_printed", "A123-4567-8901", "IL", {}},
                      UsCase{"wi_printed", "A123-4567-8901-23", "WI", {}},
                      UsCase{"wa_new_format", "WDLABCD456DG", "WA", {}},
                      UsCase{"wa_legacy_format", "SMITHJ*123AB", "WA", {}},
                      UsCase{"wa_legacy_too_short", "SMITHJ*123A", "WA", {"id.format"}},
                      UsCase{"nh", "12ABC34567", "NH", {}}, UsCase{"dc", "1234567", "DC", {}},
                      UsCase{"no_state_any_format", "A123-456-78-901-0", "", {}},
                      UsCase{"no_state_nothing_fits", "ABC-1234567-XYZ", "", {"id.format"}},
                      UsCase{"unknown_state", "A1234567", "ZZ", {"id.region_unknown"}},
                      UsCase{"territory_not_supported", "1234567", "PR", {"id.region_unknown"}},
                      UsCase{"empty", "", "CA", {"id.format"}},
                      UsCase{"punctuation", "A12345.67", "CA", {"id.format"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(UsDriversLicenseFieldsTest, ListsMatchingStatesWhenNoneIsGiven) {
  const auto result = check_us_drivers_license("A1234567", {});
  ASSERT_TRUE(result.valid);
  const auto states = result.fields["matching_states"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(states.begin(), states.end(), "CA"), states.end());
  EXPECT_NE(std::find(states.begin(), states.end(), "NY"), states.end());
  EXPECT_EQ(std::find(states.begin(), states.end(), "TX"), states.end());
  EXPECT_EQ(result.fields["normalized"], "A1234567");
  EXPECT_FALSE(result.fields.contains("state"));
}

TEST(UsDriversLicenseFieldsTest, CoversFiftyStatesAndDc) {
  const auto codes = us_state_codes();
  EXPECT_EQ(codes.size(), 51u);
  EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end()));
  DocumentCheckContext context;
  context.state = "FL";
  const auto fl = check_us_drivers_license("a123 456 78 901 0", context);
  EXPECT_EQ(fl.fields["normalized"], "A123456789010");
  EXPECT_EQ(fl.fields["state"], "FL");
}

}  // namespace
}  // namespace simreg::jurisdiction

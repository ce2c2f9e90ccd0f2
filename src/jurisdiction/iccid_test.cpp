#include "jurisdiction/iccid.hpp"

#include <gtest/gtest.h>

namespace simreg::jurisdiction {
namespace {

struct IccidCase {
  const char* name;
  std::string text;
  std::vector<std::string> errors;
  bool fast_path_valid;  // iccid_is_valid(text) — no normalization on that path
};

class IccidTest : public ::testing::TestWithParam<IccidCase> {};

TEST_P(IccidTest, ChecksLengthPrefixAndLuhn) {
  const auto& c = GetParam();
  const auto result = check_iccid(c.text);
  EXPECT_EQ(result.errors, c.errors);
  EXPECT_EQ(result.valid, c.errors.empty());
  EXPECT_EQ(iccid_is_valid(c.text), c.fast_path_valid);
}

INSTANTIATE_TEST_SUITE_P(
    Table, IccidTest,
    ::testing::Values(
        IccidCase{"china_mobile_19", "8986001234567890120", {}, true},
        IccidCase{"china_20", "89860012345678901238", {}, true},
        IccidCase{"philippines_19", "8963021234567890125", {}, true},
        IccidCase{"us_verizon_19", "8914800000123456788", {}, true},
        IccidCase{"us_old_style_01", "89012601234567890121", {}, true},
        IccidCase{"international_882", "89882112345678901231", {}, true},
        IccidCase{"uk_20", "89441012345678901237", {}, true},
        IccidCase{"spaced_as_printed", "8986 0012 3456 7890 120", {}, false},
        IccidCase{"last_digit_off_by_one", "8986001234567890121", {"iccid.check_digit"}, false},
        IccidCase{"adjacent_swap", "8986001234567890210", {"iccid.check_digit"}, false},
        IccidCase{"18_digits", "898600123456789010", {"iccid.format"}, false},
        IccidCase{"21_digits", "898600123456789012380", {"iccid.format"}, false},
        IccidCase{"not_telecom_mii", "8886001234567890126", {"iccid.format"}, false},
        IccidCase{"letter", "898600123456789012F", {"iccid.format"}, false},
        IccidCase{"empty", "", {"iccid.format"}, false}),
    [](const auto& info) { return std::string(info.param.name); });

struct IssuerCase {
  std::string iccid;
  std::string country_code;
  std::optional<std::string> region;
  std::string issuer_id;
};

class IccidIssuerTest : public ::testing::TestWithParam<IssuerCase> {};

TEST_P(IccidIssuerTest, ReadsCountryAndIssuer) {
  const auto& c = GetParam();
  const auto result = check_iccid(c.iccid);
  ASSERT_TRUE(result.valid);
  EXPECT_EQ(result.fields["normalized"], c.iccid);
  const auto& issuer = result.fields["issuer"];
  EXPECT_EQ(issuer["mii"], "89");
  EXPECT_EQ(issuer["country_code"], c.country_code);
  if (c.region) {
    EXPECT_EQ(issuer["region"], *c.region);
  } else {
    EXPECT_TRUE(issuer["region"].is_null());
  }
  EXPECT_EQ(issuer["issuer_id"], c.issuer_id);
}

INSTANTIATE_TEST_SUITE_P(Table, IccidIssuerTest,
                         ::testing::Values(IssuerCase{"8986001234567890120", "86", "CN", "00"},
                                           IssuerCase{"8963021234567890125", "63", "PH", "02"},
                                           IssuerCase{"8914800000123456788", "1", "US", "48"},
                                           IssuerCase{"89012601234567890121", "1", "US", "26"},
                                           IssuerCase{"89441012345678901237", "44", "GB", "10"},
                                           IssuerCase{"89882112345678901231", "882", std::nullopt,
                                                      "11"}));

TEST(LuhnTest, KnownValues) {
  EXPECT_TRUE(luhn_valid("79927398713"));  // the textbook example
  EXPECT_FALSE(luhn_valid("79927398710"));
  EXPECT_TRUE(luhn_valid("0"));
}

}  // namespace
}  // namespace simreg::jurisdiction

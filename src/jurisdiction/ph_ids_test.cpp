#include "jurisdiction/ph_ids.hpp"

#include <gtest/gtest.h>

namespace simreg::jurisdiction {
namespace {

using Check = ValidationResult (*)(std::string_view, const DocumentCheckContext&);

struct PhCase {
  const char* name;
  Check check;
  std::string number;
  std::string normalized;  // "" when invalid (id.format)
};

class PhIdsTest : public ::testing::TestWithParam<PhCase> {};

TEST_P(PhIdsTest, FollowsThePublishedFormats) {
  const auto& c = GetParam();
  const auto result = c.check(c.number, DocumentCheckContext{});
  if (c.normalized.empty()) {
    EXPECT_EQ(result.errors, std::vector<std::string>{"id.format"});
  } else {
    EXPECT_TRUE(result.valid) << result.to_json().dump();
    EXPECT_EQ(result.fields["normalized"], c.normalized);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, PhIdsTest,
    ::testing::Values(
        PhCase{"pcn_hyphenated", &check_ph_philsys_id, "1234-5678-9101-1213", "1234567891011213"},
        PhCase{"pcn_spaced", &check_ph_philsys_id, "1234 5678 9101 1213", "1234567891011213"},
        PhCase{"pcn_compact", &check_ph_philsys_id, "1234567891011213", "1234567891011213"},
        PhCase{"psn_hyphenated", &check_ph_philsys_id, "1234-5678-9012", "123456789012"},
        PhCase{"psn_compact", &check_ph_philsys_id, "123456789012", "123456789012"},
        PhCase{"pcn_15_digits", &check_ph_philsys_id, "123456789101121", ""},
        PhCase{"pcn_17_digits", &check_ph_philsys_id, "12345678910112131", ""},
        PhCase{"pcn_mixed_separators", &check_ph_philsys_id, "1234-5678 9101-1213", ""},
        PhCase{"pcn_misplaced_hyphens", &check_ph_philsys_id, "12345-678-9101-121", ""},
        PhCase{"pcn_letter", &check_ph_philsys_id, "1234-5678-9101-121A", ""},
        PhCase{"lto_printed", &check_ph_drivers_license, "N01-12-123456", "N01-12-123456"},
        PhCase{"lto_compact_lower", &check_ph_drivers_license, "d0412345678", "D04-12-345678"},
        PhCase{"lto_spaced", &check_ph_drivers_license, "K03 98 765432", "K03-98-765432"},
        PhCase{"lto_no_letter", &check_ph_drivers_license, "001-12-123456", ""},
        PhCase{"lto_two_letters", &check_ph_drivers_license, "NA1-12-123456", ""},
        PhCase{"lto_short_sequence", &check_ph_drivers_license, "N01-12-12345", ""},
        PhCase{"lto_wrong_grouping", &check_ph_drivers_license, "N0-112-123456", ""},
        PhCase{"umid_printed", &check_ph_umid, "0111-2345678-9", "0111-2345678-9"},
        PhCase{"umid_compact", &check_ph_umid, "011123456789", "0111-2345678-9"},
        PhCase{"umid_11_digits", &check_ph_umid, "0111-234567-9", ""},
        PhCase{"umid_sss_style_grouping", &check_ph_umid, "01-1123456-789", ""},
        PhCase{"umid_letter", &check_ph_umid, "0111-23456X8-9", ""},
        PhCase{"empty", &check_ph_umid, "", ""}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(PhIdsFieldsTest, ReportsKindAndOffice) {
  EXPECT_EQ(check_ph_philsys_id("1234-5678-9101-1213", {}).fields["kind"], "pcn");
  EXPECT_EQ(check_ph_philsys_id("1234-5678-9012", {}).fields["kind"], "psn");
  const auto lto = check_ph_drivers_license("N01-12-123456", {});
  EXPECT_EQ(lto.fields["office_code"], "N01");
  EXPECT_EQ(lto.fields["year"], "12");
}

}  // namespace
}  // namespace simreg::jurisdiction

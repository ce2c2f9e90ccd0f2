#include "jurisdiction/check_commands.hpp"

#include <sstream>

#include <gtest/gtest.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "core/clock.hpp"

namespace simreg::jurisdiction {
namespace {

constexpr std::int64_t k20260314 = 1'773'446'400'000;  // 2026-03-14T00:00:00Z

const std::string kTd3Line1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
const std::string kTd3Line2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Parses `args` as `simreg check ...` would and runs the chosen action.
Run run_check(std::vector<std::string> args, const std::string& profile = "cn") {
  CLI::App app{"test"};
  auto* check = app.add_subcommand("check", "checks");
  check->require_subcommand(1);
  std::function<int()> action;
  std::ostringstream out;
  std::ostringstream err;
  const ManualClock clock(k20260314);
  add_check_commands(*check, action, profile, out, err, clock);
  args.insert(args.begin(), {"simreg", "check"});
  std::vector<const char*> argv;
  for (const auto& arg : args) argv.push_back(arg.c_str());
  app.parse(static_cast<int>(argv.size()), argv.data());
  Run run;
  if (!action) return run;
  run.exit_code = action();
  run.out = out.str();
  run.err = err.str();
  return run;
}

struct CliCase {
  const char* name;
  std::vector<std::string> args;
  int exit_code;
  std::vector<std::string> errors;
  std::string field;  // a field that must be present in "fields" ("" for none)
};

class CheckCommandsTest : public ::testing::TestWithParam<CliCase> {};

TEST_P(CheckCommandsTest, PrintsOneJsonObjectAndExits0Or1) {
  const auto& c = GetParam();
  const auto run = run_check(c.args);
  EXPECT_EQ(run.exit_code, c.exit_code) << run.err;
  ASSERT_EQ(run.out.back(), '\n');
  ASSERT_EQ(run.out.find('\n'), run.out.size() - 1) << "exactly one line";
  const auto json = nlohmann::ordered_json::parse(run.out);
  ASSERT_TRUE(json.is_object());
  EXPECT_EQ(json.begin().key(), "valid");
  EXPECT_EQ(json["valid"], c.exit_code == 0);
  EXPECT_EQ(json["errors"].get<std::vector<std::string>>(), c.errors);
  ASSERT_TRUE(json["fields"].is_object());
  if (!c.field.empty()) {
    EXPECT_TRUE(json["fields"].contains(c.field)) << json.dump();
  }
  EXPECT_EQ(json.contains("checks"), c.args[0] == "mrz");
  EXPECT_TRUE(run.err.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Table, CheckCommandsTest,
    ::testing::Values(
        CliCase{"id_cn_valid",
                {"id", "--type", "cn_resident_id", "11010519491231002X", "--dob", "1949-12-31",
                 "--sex", "F"},
                0,
                {},
                "region_code"},
        CliCase{"id_cn_sex_mismatch",
                {"id", "--type", "cn_resident_id", "11010519491231002X", "--sex", "M"},
                1,
                {"id.sex_mismatch"},
                "sex"},
        CliCase{"id_cn_dob_mismatch",
                {"id", "--type", "cn_resident_id", "11010519491231002X", "--dob", "1950-01-01"},
                1,
                {"id.birth_date_mismatch"},
                "date_of_birth"},
        CliCase{"id_cn_check_digit",
                {"id", "--type", "cn_resident_id", "110105194912310021"},
                1,
                {"id.check_digit"},
                ""},
        CliCase{"id_passport", {"id", "--type", "passport", "L898902C3"}, 0, {}, "normalized"},
        CliCase{
            "id_philsys", {"id", "--type", "ph_philsys_id", "1234-5678-9101-1213"}, 0, {}, "kind"},
        CliCase{"id_us_state_given",
                {"id", "--type", "us_drivers_license", "A1234567", "--state", "TX"},
                1,
                {"id.format"},
                ""},
        CliCase{"id_us_any_state",
                {"id", "--type", "us_state_id", "A1234567"},
                0,
                {},
                "matching_states"},
        CliCase{"mrz_td3", {"mrz", kTd3Line1, kTd3Line2}, 0, {}, "surname"},
        CliCase{"mrz_td3_bad_composite",
                {"mrz", kTd3Line1, kTd3Line2.substr(0, 43) + "1"},
                1,
                {"mrz.check_digit"},
                "document_number"},
        CliCase{"mrz_td1",
                {"mrz", "I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
                 "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"},
                0,
                {},
                "given_names"},
        CliCase{"mrz_garbage", {"mrz", "hello", "world"}, 1, {"mrz.format"}, ""},
        CliCase{"iccid_valid", {"iccid", "8986001234567890120"}, 0, {}, "issuer"},
        CliCase{"iccid_check_digit",
                {"iccid", "8986001234567890121"},
                1,
                {"iccid.check_digit"},
                "normalized"},
        CliCase{"iccid_short", {"iccid", "898600"}, 1, {"iccid.format"}, ""},
        CliCase{"msisdn_profile_country", {"msisdn", "13800138000"}, 0, {}, "e164"},
        CliCase{"msisdn_wrong_country",
                {"msisdn", "+63 917 123 4567"},
                1,
                {"msisdn.wrong_country"},
                "region"},
        CliCase{"msisdn_explicit_country",
                {"msisdn", "0917 123 4567", "--country", "ph"},
                0,
                {},
                "type"},
        CliCase{"msisdn_invalid", {"msisdn", "12345"}, 1, {"msisdn.invalid"}, ""}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(CheckCommandsUsageTest, UnknownTypeExits2ListingTheKnownTypes) {
  const auto run = run_check({"id", "--type", "drivers_licence", "123"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(run.out.empty());
  for (const char* type :
       {"cn_resident_id", "passport", "ph_philsys_id", "us_drivers_license", "us_state_id"}) {
    EXPECT_NE(run.err.find(type), std::string::npos) << type;
  }
}

TEST(CheckCommandsUsageTest, UnknownCountryExits2) {
  const auto run = run_check({"msisdn", "13800138000", "--country", "ZZ"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(run.out.empty());
  EXPECT_NE(run.err.find("ZZ"), std::string::npos);
}

TEST(CheckCommandsUsageTest, DefaultCountryComesFromTheProfile) {
  EXPECT_EQ(run_check({"msisdn", "0917 123 4567"}, "ph").exit_code, 0);
  EXPECT_EQ(run_check({"msisdn", "0917 123 4567"}, "cn").exit_code, 1);
  const auto unknown = run_check({"msisdn", "0917 123 4567"}, "zz");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("profile.unknown"), std::string::npos);
}

TEST(CheckCommandsUsageTest, ProfileOptionOverridesTheConfiguredDefault) {
  EXPECT_EQ(run_check({"msisdn", "0917 123 4567", "--profile", "ph"}, "cn").exit_code, 0);
  EXPECT_EQ(run_check({"msisdn", "0917 123 4567", "--profile", "cn"}, "ph").exit_code, 1);
  EXPECT_EQ(run_check({"msisdn", "13800138000", "--profile", "zz"}, "cn").exit_code, 2);
}

struct UsageCase {
  const char* name;
  std::vector<std::string> args;
};

class CheckCommandsParseErrorTest : public ::testing::TestWithParam<UsageCase> {};

TEST_P(CheckCommandsParseErrorTest, IsACli11ParseError) {
  EXPECT_THROW(run_check(GetParam().args), CLI::ParseError);
}

INSTANTIATE_TEST_SUITE_P(
    Table, CheckCommandsParseErrorTest,
    ::testing::Values(
        UsageCase{"id_without_type", {"id", "11010519491231002X"}},
        UsageCase{"id_without_number", {"id", "--type", "passport"}},
        UsageCase{"id_bad_sex",
                  {"id", "--type", "cn_resident_id", "11010519491231002X", "--sex", "X"}},
        UsageCase{"id_impossible_dob",
                  {"id", "--type", "cn_resident_id", "11010519491231002X", "--dob", "1949-02-30"}},
        UsageCase{"mrz_one_line", {"mrz", "P<UTO"}},
        UsageCase{"mrz_four_lines", {"mrz", "a", "b", "c", "d"}},
        UsageCase{"iccid_missing", {"iccid"}}, UsageCase{"no_subcommand", {}}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace simreg::jurisdiction

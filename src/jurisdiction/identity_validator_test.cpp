#include "jurisdiction/identity_validator.hpp"

#include <gtest/gtest.h>

#include "jurisdiction/profile_loader.hpp"

namespace simreg::jurisdiction {
namespace {

const Date kToday{2026, 3, 14};

const Profile& profile(const std::string& id) {
  static const auto cn = load_profile("cn");
  static const auto ph = load_profile("ph");
  static const auto us = load_profile("us");
  const auto& loaded = id == "cn" ? cn : id == "ph" ? ph : us;
  EXPECT_TRUE(loaded.ok());
  return *loaded;
}

Identity valid_cn_identity() {
  Identity identity;
  identity.full_name = "张三";
  identity.date_of_birth = "1949-12-31";
  identity.sex = "F";
  identity.nationality = "CN";
  identity.address = "北京市朝阳区建国路 1 号";
  identity.document_type = "cn_resident_id";
  identity.document_number = "11010519491231002X";
  identity.document_expiry = "2036-01-01";
  identity.contact_phone = "13800138000";
  return identity;
}

using Pair = std::pair<std::string, std::string>;                 // field, code
using Edit = std::pair<std::string, std::optional<std::string>>;  // field, new value

enum class Base { empty, valid_cn };

std::optional<std::string>& member(Identity& identity, const std::string& field) {
  if (field == "full_name") return identity.full_name;
  if (field == "date_of_birth") return identity.date_of_birth;
  if (field == "sex") return identity.sex;
  if (field == "nationality") return identity.nationality;
  if (field == "address") return identity.address;
  if (field == "document_type") return identity.document_type;
  if (field == "document_number") return identity.document_number;
  if (field == "document_expiry") return identity.document_expiry;
  EXPECT_EQ(field, "contact_phone");
  return identity.contact_phone;
}

Identity build(Base base, const std::vector<Edit>& edits) {
  Identity identity = base == Base::valid_cn ? valid_cn_identity() : Identity{};
  for (const auto& [field, value] : edits) member(identity, field) = value;
  return identity;
}

std::string repeat(std::string_view unit, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += unit;
  return out;
}

struct IdentityCase {
  const char* name;
  std::string profile;
  Base base;
  std::vector<Edit> edits;
  std::vector<Pair> expected;
};

class IdentityValidatorTest : public ::testing::TestWithParam<IdentityCase> {};

TEST_P(IdentityValidatorTest, ReportsExactlyTheExpectedFieldErrors) {
  const auto& c = GetParam();
  std::vector<Pair> got;
  for (const auto& error : validate_identity(profile(c.profile), kToday, build(c.base, c.edits))) {
    got.emplace_back(error.field, error.code);
    EXPECT_FALSE(error.message.empty());
  }
  EXPECT_EQ(got, c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, IdentityValidatorTest,
    ::testing::Values(
        IdentityCase{"complete_cn_identity", "cn", Base::valid_cn, {}, {}},
        IdentityCase{"empty_draft", "cn", Base::empty, {}, {}},
        IdentityCase{
            "name_200_code_points", "cn", Base::empty, {{"full_name", repeat("\u5f20", 200)}}, {}},
        IdentityCase{"name_201_code_points",
                     "cn",
                     Base::empty,
                     {{"full_name", repeat("\u5f20", 201)}},
                     {{"/identity/full_name", "field.too_long"}}},
        IdentityCase{"name_with_newline",
                     "cn",
                     Base::empty,
                     {{"full_name", "Zhang\nSan"}},
                     {{"/identity/full_name", "field.invalid_characters"}}},
        IdentityCase{"name_with_c1_control",
                     "cn",
                     Base::empty,
                     {{"full_name", "Zhang\xC2\x85San"}},
                     {{"/identity/full_name", "field.invalid_characters"}}},
        IdentityCase{"name_invalid_utf8",
                     "cn",
                     Base::empty,
                     {{"full_name", "Zhang\xFF"}},
                     {{"/identity/full_name", "field.invalid_characters"}}},
        IdentityCase{"name_overlong_utf8",
                     "cn",
                     Base::empty,
                     {{"full_name", "\xC0\xAF"}},
                     {{"/identity/full_name", "field.invalid_characters"}}},
        IdentityCase{"name_blank",
                     "cn",
                     Base::empty,
                     {{"full_name", "   "}},
                     {{"/identity/full_name", "field.required"}}},
        IdentityCase{"address_too_long",
                     "cn",
                     Base::empty,
                     {{"address", std::string(501, 'a')}},
                     {{"/identity/address", "field.too_long"}}},
        IdentityCase{"address_with_tab",
                     "cn",
                     Base::empty,
                     {{"address", "1 Main St\tApt 2"}},
                     {{"/identity/address", "field.invalid_characters"}}},
        IdentityCase{"dob_format",
                     "cn",
                     Base::empty,
                     {{"date_of_birth", "1990/01/01"}},
                     {{"/identity/date_of_birth", "date.format"}}},
        IdentityCase{"dob_impossible",
                     "cn",
                     Base::empty,
                     {{"date_of_birth", "1990-02-30"}},
                     {{"/identity/date_of_birth", "date.impossible"}}},
        IdentityCase{"dob_future",
                     "cn",
                     Base::empty,
                     {{"date_of_birth", "2027-01-01"}},
                     {{"/identity/date_of_birth", "age.in_future"}}},
        IdentityCase{"cn_turns_16_tomorrow",
                     "cn",
                     Base::empty,
                     {{"date_of_birth", "2010-03-15"}},
                     {{"/identity/date_of_birth", "age.under_minimum"}}},
        IdentityCase{"cn_16_today", "cn", Base::empty, {{"date_of_birth", "2010-03-14"}}, {}},
        IdentityCase{"ph_17",
                     "ph",
                     Base::empty,
                     {{"date_of_birth", "2009-01-01"}},
                     {{"/identity/date_of_birth", "age.under_minimum"}}},
        IdentityCase{
            "sex_x", "cn", Base::empty, {{"sex", "X"}}, {{"/identity/sex", "sex.invalid"}}},
        IdentityCase{"sex_lower_case",
                     "cn",
                     Base::empty,
                     {{"sex", "f"}},
                     {{"/identity/sex", "sex.invalid"}}},
        IdentityCase{"nationality_alpha3",
                     "cn",
                     Base::empty,
                     {{"nationality", "CHN"}},
                     {{"/identity/nationality", "nationality.invalid"}}},
        IdentityCase{"foreigner_with_resident_id",
                     "cn",
                     Base::valid_cn,
                     {{"nationality", "PH"}},
                     {{"/identity/nationality", "nationality.invalid"}}},
        IdentityCase{"foreigner_with_passport",
                     "cn",
                     Base::valid_cn,
                     {{"nationality", "PH"},
                      {"document_type", "passport"},
                      {"document_number", "P1234567A"}},
                     {}},
        IdentityCase{"document_type_of_another_profile",
                     "cn",
                     Base::valid_cn,
                     {{"document_type", "us_drivers_license"}},
                     {{"/identity/document_type", "document_type.not_accepted"}}},
        IdentityCase{"number_vs_dob",
                     "cn",
                     Base::valid_cn,
                     {{"date_of_birth", "1949-12-30"}},
                     {{"/identity/document_number", "id.birth_date_mismatch"}}},
        IdentityCase{"number_vs_sex",
                     "cn",
                     Base::valid_cn,
                     {{"sex", "M"}},
                     {{"/identity/document_number", "id.sex_mismatch"}}},
        IdentityCase{"number_check_digit",
                     "cn",
                     Base::valid_cn,
                     {{"document_number", "110105194912310021"}},
                     {{"/identity/document_number", "id.check_digit"}}},
        // An invalid date of birth is reported once, not again as a mismatch with the number.
        IdentityCase{"bad_dob_no_mismatch_noise",
                     "cn",
                     Base::valid_cn,
                     {{"date_of_birth", "1949-13-31"}},
                     {{"/identity/date_of_birth", "date.impossible"}}},
        IdentityCase{
            "number_without_type", "cn", Base::empty, {{"document_number", "anything"}}, {}},
        IdentityCase{"number_too_long",
                     "cn",
                     Base::valid_cn,
                     {{"document_number", std::string(41, '1')}},
                     {{"/identity/document_number", "field.too_long"}}},
        IdentityCase{"expired_yesterday",
                     "cn",
                     Base::valid_cn,
                     {{"document_expiry", "2026-03-13"}},
                     {{"/identity/document_expiry", "document.expired"}}},
        IdentityCase{
            "expires_today", "cn", Base::valid_cn, {{"document_expiry", "2026-03-14"}}, {}},
        IdentityCase{"expiry_impossible",
                     "cn",
                     Base::valid_cn,
                     {{"document_expiry", "2030-02-29"}},
                     {{"/identity/document_expiry", "date.impossible"}}},
        IdentityCase{"contact_phone_invalid",
                     "cn",
                     Base::valid_cn,
                     {{"contact_phone", "12345"}},
                     {{"/identity/contact_phone", "msisdn.invalid"}}},
        IdentityCase{"contact_phone_foreign",
                     "cn",
                     Base::valid_cn,
                     {{"contact_phone", "+1 201 555 0123"}},
                     {}},
        IdentityCase{"ph_philsys",
                     "ph",
                     Base::valid_cn,
                     {{"document_type", "ph_philsys_id"},
                      {"document_number", "1234-5678-9101-1213"},
                      {"contact_phone", "0917 123 4567"},
                      {"nationality", "PH"}},
                     {}},
        IdentityCase{"ph_lto_bad_format",
                     "ph",
                     Base::empty,
                     {{"document_type", "ph_drivers_license"}, {"document_number", "N0112123456X"}},
                     {{"/identity/document_number", "id.format"}}},
        IdentityCase{"us_license",
                     "us",
                     Base::valid_cn,
                     {{"document_type", "us_drivers_license"},
                      {"document_number", "A1234567"},
                      {"nationality", "US"},
                      {"contact_phone", "(201) 555-0123"}},
                     {}},
        IdentityCase{"several_at_once",
                     "cn",
                     Base::valid_cn,
                     {{"sex", "Q"}, {"document_expiry", "2020-01-01"}, {"full_name", ""}},
                     {{"/identity/full_name", "field.required"},
                      {"/identity/sex", "sex.invalid"},
                      {"/identity/document_expiry", "document.expired"}}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(IdentityValidatorMessageTest, UnderAgeMessageCarriesTheMinorsRule) {
  Identity identity;
  identity.date_of_birth = "2012-01-01";
  const auto errors = validate_identity(profile("cn"), kToday, identity);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("16"), std::string::npos);
  EXPECT_NE(errors[0].message.find("guardian"), std::string::npos);
  EXPECT_EQ(errors[0].message.find("2012"), std::string::npos);  // never echoes the value
}

struct MissingCase {
  const char* name;
  std::string profile;
  Base base;
  std::vector<Edit> edits;
  std::vector<std::string> missing;
};

class MissingFieldsTest : public ::testing::TestWithParam<MissingCase> {};

TEST_P(MissingFieldsTest, ListsRequiredFieldsThatAreAbsent) {
  const auto& c = GetParam();
  std::vector<std::string> got;
  for (const auto& error : missing_fields(profile(c.profile), build(c.base, c.edits))) {
    EXPECT_EQ(error.code, "field.required");
    got.push_back(error.field);
  }
  EXPECT_EQ(got, c.missing);
}

INSTANTIATE_TEST_SUITE_P(
    Table, MissingFieldsTest,
    ::testing::Values(
        MissingCase{"empty_without_type",
                    "cn",
                    Base::empty,
                    {},
                    {"/identity/full_name", "/identity/date_of_birth", "/identity/sex",
                     "/identity/nationality", "/identity/address", "/identity/document_type",
                     "/identity/document_number", "/identity/contact_phone"}},
        MissingCase{"type_needing_expiry",
                    "cn",
                    Base::empty,
                    {{"document_type", "cn_resident_id"}},
                    {"/identity/full_name", "/identity/date_of_birth", "/identity/sex",
                     "/identity/nationality", "/identity/address", "/identity/document_number",
                     "/identity/document_expiry", "/identity/contact_phone"}},
        MissingCase{"complete", "cn", Base::valid_cn, {}, {}},
        MissingCase{"blank_counts_as_missing",
                    "cn",
                    Base::valid_cn,
                    {{"address", " "}},
                    {"/identity/address"}},
        MissingCase{"philsys_has_no_expiry",
                    "ph",
                    Base::valid_cn,
                    {{"document_type", "ph_philsys_id"}, {"document_expiry", std::nullopt}},
                    {}},
        MissingCase{"lto_needs_expiry",
                    "ph",
                    Base::valid_cn,
                    {{"document_type", "ph_drivers_license"}, {"document_expiry", std::nullopt}},
                    {"/identity/document_expiry"}}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace simreg::jurisdiction

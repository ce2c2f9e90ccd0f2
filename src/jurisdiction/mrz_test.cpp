#include "jurisdiction/mrz.hpp"

#include <gtest/gtest.h>

namespace simreg::jurisdiction {
namespace {

const Date kToday{2026, 3, 14};

// ICAO Doc 9303 Part 4 (TD3) and Part 5 (TD1) specimens.
const std::string kTd3Line1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
const std::string kTd3Line2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";
const std::string kTd1Line1 = "I<UTOD231458907<<<<<<<<<<<<<<<";
const std::string kTd1Line2 = "7408122F1204159UTO<<<<<<<<<<<6";
const std::string kTd1Line3 = "ERIKSSON<<ANNA<MARIA<<<<<<<<<<";

std::string with_char(std::string line, std::size_t index, char c) {
  line[index] = c;
  return line;
}

struct MrzCase {
  const char* name;
  std::vector<std::string> lines;
  std::vector<std::string> errors;
  // Expected verdicts: document_number, date_of_birth, date_of_expiry, personal_number (-1: absent,
  // 0 false, 1 true), composite. Ignored when the shape is wrong.
  std::array<int, 5> checks;
};

class MrzTest : public ::testing::TestWithParam<MrzCase> {};

TEST_P(MrzTest, VerifiesEveryCheckDigit) {
  const auto& c = GetParam();
  const auto result = check_mrz(c.lines, kToday);
  EXPECT_EQ(result.result.errors, c.errors);
  EXPECT_EQ(result.result.valid, c.errors.empty());
  if (c.errors == std::vector<std::string>{"mrz.format"}) {
    EXPECT_FALSE(result.checks.has_value());
    return;
  }
  ASSERT_TRUE(result.checks.has_value());
  EXPECT_EQ(result.checks->document_number, c.checks[0] == 1);
  EXPECT_EQ(result.checks->date_of_birth, c.checks[1] == 1);
  EXPECT_EQ(result.checks->date_of_expiry, c.checks[2] == 1);
  if (c.checks[3] < 0) {
    EXPECT_FALSE(result.checks->personal_number.has_value());
  } else {
    EXPECT_EQ(result.checks->personal_number, c.checks[3] == 1);
  }
  EXPECT_EQ(result.checks->composite, c.checks[4] == 1);
}

INSTANTIATE_TEST_SUITE_P(
    Table, MrzTest,
    ::testing::Values(
        MrzCase{"td3_specimen", {kTd3Line1, kTd3Line2}, {}, {1, 1, 1, 1, 1}},
        MrzCase{
            "td3_surrounding_spaces", {"  " + kTd3Line1, kTd3Line2 + " \n"}, {}, {1, 1, 1, 1, 1}},
        MrzCase{"td3_lower_case",
                {"p<utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<<", kTd3Line2},
                {"mrz.format"},
                {}},
        MrzCase{"td3_bad_document_check",
                {kTd3Line1, with_char(kTd3Line2, 9, '5')},
                {"mrz.check_digit"},
                {0, 1, 1, 1, 0}},
        MrzCase{"td3_bad_birth_check",
                {kTd3Line1, with_char(kTd3Line2, 19, '3')},
                {"mrz.check_digit"},
                {1, 0, 1, 1, 0}},
        MrzCase{"td3_bad_expiry_check",
                {kTd3Line1, with_char(kTd3Line2, 27, '0')},
                {"mrz.check_digit"},
                {1, 1, 0, 1, 0}},
        MrzCase{"td3_bad_personal_check",
                {kTd3Line1, with_char(kTd3Line2, 42, '2')},
                {"mrz.check_digit"},
                {1, 1, 1, 0, 0}},
        MrzCase{"td3_bad_composite_only",
                {kTd3Line1, with_char(kTd3Line2, 43, '1')},
                {"mrz.check_digit"},
                {1, 1, 1, 1, 0}},
        // A changed birth year is caught by its own digit and the composite.
        MrzCase{"td3_altered_birth_year",
                {kTd3Line1, with_char(kTd3Line2, 13, '8')},
                {"mrz.check_digit"},
                {1, 0, 1, 1, 0}},
        MrzCase{"td3_empty_personal_number_filler_check",
                {"P<CHNZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
                 "E123456782CHN9003071M3303067<<<<<<<<<<<<<<<6"},
                {},
                {1, 1, 1, 1, 1}},
        MrzCase{"td3_empty_personal_number_zero_check",
                {"P<CHNZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
                 "E123456782CHN9003071M3303067<<<<<<<<<<<<<<06"},
                {},
                {1, 1, 1, 1, 1}},
        MrzCase{"td3_impossible_birth_date_with_valid_digits",
                {kTd3Line1, "L898902C36UTO7402304F1204159ZE184226B<<<<<16"},
                {"date.impossible"},
                {1, 1, 1, 1, 1}},
        MrzCase{
            "td3_not_a_passport", {with_char(kTd3Line1, 0, 'V'), kTd3Line2}, {"mrz.format"}, {}},
        MrzCase{"td3_bad_sex", {kTd3Line1, with_char(kTd3Line2, 20, 'Q')}, {"mrz.format"}, {}},
        MrzCase{"td3_letter_in_birth_date",
                {kTd3Line1, with_char(kTd3Line2, 15, 'O')},
                {"mrz.format"},
                {}},
        MrzCase{"td3_short_line", {kTd3Line1, kTd3Line2.substr(0, 43)}, {"mrz.format"}, {}},
        MrzCase{
            "td3_bad_character", {kTd3Line1, with_char(kTd3Line2, 30, '-')}, {"mrz.format"}, {}},
        MrzCase{"td1_specimen", {kTd1Line1, kTd1Line2, kTd1Line3}, {}, {1, 1, 1, -1, 1}},
        MrzCase{"td1_long_document_number",
                {"I<UTOD23145890<7349<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", kTd1Line3},
                {},
                {1, 1, 1, -1, 1}},
        MrzCase{"td1_bad_document_check",
                {with_char(kTd1Line1, 14, '8'), kTd1Line2, kTd1Line3},
                {"mrz.check_digit"},
                {0, 1, 1, -1, 0}},
        MrzCase{"td1_bad_composite",
                {kTd1Line1, with_char(kTd1Line2, 29, '7'), kTd1Line3},
                {"mrz.check_digit"},
                {1, 1, 1, -1, 0}},
        MrzCase{"td1_bad_expiry_check",
                {kTd1Line1, with_char(kTd1Line2, 14, '1'), kTd1Line3},
                {"mrz.check_digit"},
                {1, 1, 0, -1, 0}},
        MrzCase{"td1_wrong_document_code",
                {with_char(kTd1Line1, 0, 'P'), kTd1Line2, kTd1Line3},
                {"mrz.format"},
                {}},
        MrzCase{"td1_two_lines_only", {kTd1Line1, kTd1Line2}, {"mrz.format"}, {}},
        MrzCase{"td2_is_not_supported",
                {std::string(36, '<'), std::string(36, '<')},
                {"mrz.format"},
                {}},
        MrzCase{"one_line", {kTd3Line1}, {"mrz.format"}, {}},
        MrzCase{"mixed_lengths", {kTd3Line1, kTd1Line2}, {"mrz.format"}, {}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(MrzFieldsTest, Td3SpecimenFields) {
  const auto result = check_mrz({kTd3Line1, kTd3Line2}, kToday);
  const auto& f = result.result.fields;
  EXPECT_EQ(f["format"], "TD3");
  EXPECT_EQ(f["document_type"], "P");
  EXPECT_EQ(f["issuing_state"], "UTO");
  EXPECT_TRUE(f["issuing_state_alpha2"].is_null());
  EXPECT_EQ(f["surname"], "ERIKSSON");
  EXPECT_EQ(f["given_names"], "ANNA MARIA");
  EXPECT_EQ(f["document_number"], "L898902C3");
  EXPECT_EQ(f["nationality"], "UTO");
  EXPECT_EQ(f["date_of_birth"], "1974-08-12");
  EXPECT_EQ(f["sex"], "F");
  EXPECT_EQ(f["date_of_expiry"], "2012-04-15");
  EXPECT_EQ(f["personal_number"], "ZE184226B");
}

TEST(MrzFieldsTest, Td1SpecimenFields) {
  const auto result = check_mrz({kTd1Line1, kTd1Line2, kTd1Line3}, kToday);
  const auto& f = result.result.fields;
  EXPECT_EQ(f["format"], "TD1");
  EXPECT_EQ(f["document_type"], "I");
  EXPECT_EQ(f["document_number"], "D23145890");
  EXPECT_EQ(f["surname"], "ERIKSSON");
  EXPECT_EQ(f["given_names"], "ANNA MARIA");
  EXPECT_EQ(f["date_of_birth"], "1974-08-12");
  EXPECT_EQ(f["date_of_expiry"], "2012-04-15");
  EXPECT_EQ(f["optional_data_1"], "");
}

TEST(MrzFieldsTest, Td1LongDocumentNumberIsReassembled) {
  const auto result = check_mrz(
      {"I<UTOD23145890<7349<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", kTd1Line3}, kToday);
  EXPECT_EQ(result.result.fields["document_number"], "D23145890734");
}

TEST(MrzFieldsTest, CenturiesAndCountryCodes) {
  // Born 2005, expires 2035; Germany's one-letter code.
  const auto result = check_mrz({"P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<",
                                 "C01X00T478D<<0508126F3508116<<<<<<<<<<<<<<<8"},
                                kToday);
  ASSERT_TRUE(result.result.valid) << result.to_json().dump();
  const auto& f = result.result.fields;
  EXPECT_EQ(f["date_of_birth"], "2005-08-12");
  EXPECT_EQ(f["date_of_expiry"], "2035-08-11");
  EXPECT_EQ(f["nationality"], "D");
  EXPECT_EQ(f["nationality_alpha2"], "DE");
  EXPECT_EQ(f["issuing_state_alpha2"], "DE");
  EXPECT_EQ(f["surname"], "MUSTERMANN");
}

TEST(MrzFieldsTest, JsonShapeHasChecks) {
  const auto json = check_mrz({kTd3Line1, kTd3Line2}, kToday).to_json();
  EXPECT_EQ(json["valid"], true);
  EXPECT_EQ(json["errors"], nlohmann::ordered_json::array());
  EXPECT_EQ(json["checks"]["composite"], true);
  EXPECT_EQ(json["checks"]["personal_number"], true);
  const auto td1 = check_mrz({kTd1Line1, kTd1Line2, kTd1Line3}, kToday).to_json();
  EXPECT_FALSE(td1["checks"].contains("personal_number"));
}

TEST(MrzCheckDigitTest, Weights731) {
  EXPECT_EQ(mrz_check_digit("L898902C3"), 6);
  EXPECT_EQ(mrz_check_digit("740812"), 2);
  EXPECT_EQ(mrz_check_digit("120415"), 9);
  EXPECT_EQ(mrz_check_digit("ZE184226B<<<<<"), 1);
  EXPECT_EQ(mrz_check_digit("<<<"), 0);
  EXPECT_EQ(mrz_check_digit("a"), -1);
}

}  // namespace
}  // namespace simreg::jurisdiction

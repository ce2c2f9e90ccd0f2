#include "jurisdiction/phone_number.hpp"

#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "jurisdiction/msisdn_fast_path.hpp"

namespace simreg::jurisdiction {
namespace {

struct MsisdnCase {
  const char* name;
  std::string text;
  std::string region;
  std::vector<std::string> errors;
  std::string e164;  // expected when the number parsed, "" otherwise
  std::string type;
};

class MsisdnTest : public ::testing::TestWithParam<MsisdnCase> {};

TEST_P(MsisdnTest, ValidatesWithLibphonenumber) {
  const auto& c = GetParam();
  const auto result = check_msisdn(c.text, c.region);
  EXPECT_EQ(result.errors, c.errors);
  EXPECT_EQ(result.valid, c.errors.empty());
  if (!c.e164.empty()) {
    EXPECT_EQ(result.fields["e164"], c.e164);
    EXPECT_EQ(result.fields["type"], c.type);
  }
  const auto normalized = normalize_msisdn(c.text, c.region);
  if (c.errors.empty()) {
    EXPECT_EQ(normalized, c.e164);
  } else {
    EXPECT_FALSE(normalized.has_value());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, MsisdnTest,
    ::testing::Values(
        MsisdnCase{"cn_international", "+86 138 0013 8000", "CN", {}, "+8613800138000", "mobile"},
        MsisdnCase{"cn_national", "13800138000", "CN", {}, "+8613800138000", "mobile"},
        MsisdnCase{"cn_hyphens", "138-0013-8000", "CN", {}, "+8613800138000", "mobile"},
        MsisdnCase{"cn_19x_range", "+8619912345678", "CN", {}, "+8619912345678", "mobile"},
        MsisdnCase{"cn_fixed_line",
                   "010 6552 9988",
                   "CN",
                   {"msisdn.invalid"},
                   "+861065529988",
                   "fixed_line"},
        MsisdnCase{"cn_too_short", "1380013800", "CN", {"msisdn.invalid"}, "", ""},
        MsisdnCase{"cn_unassigned_prefix", "12000138000", "CN", {"msisdn.invalid"}, "", ""},
        MsisdnCase{"ph_national", "0917 123 4567", "PH", {}, "+639171234567", "mobile"},
        MsisdnCase{"ph_international", "+63 917 123 4567", "PH", {}, "+639171234567", "mobile"},
        MsisdnCase{
            "us_national", "(201) 555-0123", "US", {}, "+12015550123", "fixed_line_or_mobile"},
        MsisdnCase{"us_toll_free",
                   "+1 800 253 0000",
                   "US",
                   {"msisdn.invalid"},
                   "+18002530000",
                   "toll_free"},
        MsisdnCase{"ph_number_for_cn",
                   "+63 917 123 4567",
                   "CN",
                   {"msisdn.wrong_country"},
                   "+639171234567",
                   "mobile"},
        MsisdnCase{"cn_number_for_ph",
                   "+8613800138000",
                   "PH",
                   {"msisdn.wrong_country"},
                   "+8613800138000",
                   "mobile"},
        MsisdnCase{"canada_for_us",
                   "+1 613 555 0123",
                   "US",
                   {"msisdn.wrong_country"},
                   "+16135550123",
                   "fixed_line_or_mobile"},
        MsisdnCase{"letters", "+86 138 CALL ME", "CN", {"msisdn.invalid"}, "", ""},
        MsisdnCase{"extension", "+8613800138000 ext. 12", "CN", {"msisdn.invalid"}, "", ""},
        MsisdnCase{"too_long_input", std::string(41, '1'), "CN", {"msisdn.invalid"}, "", ""},
        MsisdnCase{"empty", "", "CN", {"msisdn.invalid"}, "", ""},
        MsisdnCase{
            "unknown_region_national_form", "13800138000", "XX", {"msisdn.invalid"}, "", ""}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(PhoneNumberTest, ContactPhoneMayBeAnyValidNumber) {
  const auto fixed = check_phone_number("010 6552 9988", "CN");
  EXPECT_TRUE(fixed.valid);
  EXPECT_EQ(fixed.fields["e164"], "+861065529988");
  EXPECT_EQ(fixed.fields["region"], "CN");
  const auto foreign = check_phone_number("+63 917 123 4567", "CN");
  EXPECT_TRUE(foreign.valid);
  EXPECT_EQ(foreign.fields["region"], "PH");
  EXPECT_EQ(check_phone_number("12345", "CN").errors, std::vector<std::string>{"msisdn.invalid"});
}

TEST(PhoneNumberTest, RegionsAndCallingCodes) {
  EXPECT_TRUE(is_phone_region("CN"));
  EXPECT_TRUE(is_phone_region("PH"));
  EXPECT_FALSE(is_phone_region("XX"));
  EXPECT_FALSE(is_phone_region("cn"));
  EXPECT_FALSE(is_phone_region("CHN"));
  EXPECT_EQ(region_for_calling_code(86), "CN");
  EXPECT_EQ(region_for_calling_code(1), "US");
  EXPECT_EQ(region_for_calling_code(882), "001");
  EXPECT_EQ(region_for_calling_code(89), std::nullopt);
}

TEST(PhoneNumberTest, SafeFromManyThreads) {
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&wrong] {
      for (int i = 0; i < 500; ++i) {
        if (normalize_msisdn("13800138000", "CN") != "+8613800138000") ++wrong;
        if (normalize_msisdn("0917 123 4567", "PH") != "+639171234567") ++wrong;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(MsisdnFastPathTest, CoversTheShippedCountriesButNotSharedCodes) {
  for (const char* region : {"CN", "PH", "US", "GB", "DE", "IN"}) {
    EXPECT_TRUE(msisdn_fast_path_available(region)) << region;
  }
  // Canada shares +1 with the US: libphonenumber parses its numbers with US rules first.
  EXPECT_FALSE(msisdn_fast_path_available("CA"));
  EXPECT_FALSE(msisdn_fast_path_available("XX"));
}

// The fast path must give libphonenumber's answer for every input. Valid numbers of several
// countries are mutated (digits changed, inserted, removed) into a mix of valid and invalid ones.
TEST(MsisdnFastPathTest, AgreesWithLibphonenumberOnMutatedNumbers) {
  const std::vector<std::pair<std::string, std::string>> seeds = {
      {"+8613800138000", "CN"}, {"+8619912345678", "CN"}, {"+8617400012345", "CN"},
      {"+861065529988", "CN"},  {"+8617951138001", "CN"}, {"+639171234567", "PH"},
      {"+639051234567", "PH"},  {"+63281234567", "PH"},   {"+12015550123", "US"},
      {"+16505551234", "US"},   {"+18002530000", "US"},   {"+447400123456", "GB"},
      {"+442079460000", "GB"},  {"+4915123456789", "DE"}, {"+4930123456", "DE"},
      {"+919812345678", "IN"},  {"+79123456789", "RU"},   {"+77012345678", "KZ"},
      {"+14165550123", "CA"},   {"+5511961234567", "BR"}, {"+819012345678", "JP"},
      {"+33612345678", "FR"},   {"+390612345678", "IT"}};
  std::mt19937 random(20260314);
  int valid = 0;
  int invalid = 0;
  int compared = 0;
  for (int round = 0; round < 400; ++round) {
    for (const auto& [seed, seed_region] : seeds) {
      std::string number = seed;
      const int mutations = static_cast<int>(random() % 3);
      for (int m = 0; m < mutations; ++m) {
        const std::size_t pos = 1 + random() % (number.size() - 1);
        const char digit = static_cast<char>('0' + random() % 10);
        switch (random() % 4) {
          case 0:
            number.insert(pos, 1, digit);
            break;
          case 1:
            if (number.size() > 3) number.erase(pos, 1);
            break;
          default:
            number[pos] = digit;
            break;
        }
      }
      for (const std::string& region : {seed_region, std::string("CN"), std::string("US")}) {
        const auto fast = normalize_msisdn(number, region);
        const auto reference = detail::normalize_msisdn_with_libphonenumber(number, region);
        ASSERT_EQ(fast, reference) << number << " in " << region;
        (fast ? valid : invalid)++;
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, 400 * 23 * 3);
  EXPECT_GT(valid, compared / 10);
  EXPECT_GT(invalid, compared / 10);
}

}  // namespace
}  // namespace simreg::jurisdiction

#include "sims/bulk_msisdn_validator.hpp"

#include <gtest/gtest.h>

#include <random>

#include "jurisdiction/phone_number.hpp"

namespace simreg::sims {
namespace {

TEST(BulkMsisdnValidatorTest, Examples) {
  struct Case {
    std::string text;
    std::string e164;   // empty: invalid
    std::string error;  // for invalid input
  };
  const Case cases[] = {
      {"+8613912345678", "+8613912345678", ""},
      {" +8613912345678\t", "+8613912345678", ""},
      {"13912345678", "+8613912345678", ""},
      {"+86 139 1234 5678", "+8613912345678", ""},
      {"+86-139-1234-5678", "+8613912345678", ""},
      {"+8612012345678", "", "msisdn.invalid"},
      {"+861391234567", "", "msisdn.invalid"},
      {"+86139123456789", "", "msisdn.invalid"},
      {"+8601012345678", "", "msisdn.invalid"},
      {"+447911123456", "", "msisdn.wrong_country"},
      {"+14155552671", "", "msisdn.wrong_country"},
      {"hello", "", "msisdn.invalid"},
      {"+", "", "msisdn.invalid"},
      {"", "", "msisdn.invalid"},
  };
  auto validator = BulkMsisdnValidator::for_region("CN");
  ASSERT_TRUE(validator);
  for (int round = 0; round < 2; ++round) {  // the second round is answered from the cache
    for (const auto& c : cases) {
      const auto outcome = validator->check(c.text);
      EXPECT_EQ(outcome.e164, c.e164) << c.text;
      EXPECT_EQ(std::string(outcome.error), c.error) << c.text;
    }
  }
  EXPECT_GT(validator->stats().cache_hits, 0u);
}

TEST(BulkMsisdnValidatorTest, UnknownRegion) {
  auto validator = BulkMsisdnValidator::for_region("XX");
  ASSERT_FALSE(validator);
  EXPECT_EQ(validator.error().code, "sims.unknown_region");
}

// The cache must never change a verdict: random numbers of the shipped profiles' countries, shaped
// so that many are valid, must get exactly normalize_msisdn's answers.
TEST(BulkMsisdnValidatorTest, AgreesWithJurisdictionOnRandomNumbers) {
  struct Region {
    std::string region;
    std::string calling_code;
    std::vector<std::string> leads;  // how generated national numbers start
    std::vector<std::size_t> lengths;
  };
  const Region regions[] = {
      {"CN", "86", {"1", "13", "15", "17", "18", "19", "10", "2", "5", "8"}, {7, 8, 10, 11, 12}},
      {"PH", "63", {"9", "9", "9", "8", "2", "1800"}, {8, 10, 10, 10, 11}},
      {"US", "1", {"2", "3", "4", "5", "6", "7", "8", "9", "1"}, {7, 10, 11}},
  };
  std::mt19937_64 random(20260302);
  for (const auto& region : regions) {
    auto validator = BulkMsisdnValidator::for_region(region.region);
    ASSERT_TRUE(validator);
    std::size_t valid = 0;
    constexpr int kNumbers = 10000;
    for (int i = 0; i < kNumbers; ++i) {
      std::string national = region.leads[random() % region.leads.size()];
      const std::size_t length = region.lengths[random() % region.lengths.size()];
      while (national.size() < length) national += static_cast<char>('0' + random() % 10);
      const std::string text = "+" + region.calling_code + national;
      const auto expected = jurisdiction::normalize_msisdn(text, region.region);
      const auto outcome = validator->check(text);
      ASSERT_EQ(outcome.valid(), expected.has_value()) << text;
      if (expected) {
        EXPECT_EQ(outcome.e164, *expected) << text;
        ++valid;
      }
    }
    // Enough valid numbers that the cache did real work.
    EXPECT_GT(valid, kNumbers / 10) << region.region;
    EXPECT_GT(validator->stats().cache_hits, valid / 2) << region.region;
  }
}

}  // namespace
}  // namespace simreg::sims

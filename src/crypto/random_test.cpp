#include "crypto/random.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <set>
#include <string>

#include "crypto/encoding.hpp"

namespace simreg::crypto {
namespace {

TEST(RandomBytes, HasRequestedLengthAndVaries) {
  for (const std::size_t n : {0u, 1u, 16u, 32u, 1000u}) {
    EXPECT_EQ(random_bytes(n).size(), n) << n;
  }
  EXPECT_NE(random_bytes(32), random_bytes(32));
}

TEST(RandomToken, IsUnpaddedBase64urlOfRequestedBytes) {
  struct Case {
    std::size_t bytes;
    std::size_t chars;
  };
  for (const Case& c : {Case{32, 43}, Case{16, 22}, Case{15, 20}, Case{1, 2}}) {
    const std::string token = random_token(c.bytes);
    EXPECT_EQ(token.size(), c.chars) << c.bytes;
    EXPECT_EQ(
        token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    auto decoded = base64url_decode(token);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded->size(), c.bytes);
  }
  EXPECT_EQ(random_token().size(), 43u);
  EXPECT_NE(random_token(), random_token());
}

TEST(RandomId, PrefixUnderscoreAnd26LowercaseBase32) {
  for (const std::string prefix : {"ses", "sub", "stf", ""}) {
    const std::string id = random_id(prefix);
    ASSERT_EQ(id.size(), prefix.size() + 1 + 26) << id;
    EXPECT_EQ(id.substr(0, prefix.size() + 1), prefix + "_");
    const std::string body = id.substr(prefix.size() + 1);
    EXPECT_EQ(body.find_first_not_of("abcdefghijklmnopqrstuvwxyz234567"), std::string::npos) << id;
  }
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) ids.insert(random_id("x"));
  EXPECT_EQ(ids.size(), 1000u);
}

TEST(RandomDigits, LengthAndAlphabet) {
  struct Case {
    int count;
    std::size_t length;
  };
  for (const Case& c : {Case{6, 6}, Case{1, 1}, Case{20, 20}, Case{0, 0}, Case{-3, 0}}) {
    const std::string digits = random_digits(c.count);
    EXPECT_EQ(digits.size(), c.length) << c.count;
    EXPECT_EQ(digits.find_first_not_of("0123456789"), std::string::npos);
  }
}

TEST(RandomDigits, EveryDigitIsRoughlyEquallyLikely) {
  std::array<int, 10> counts{};
  const std::string digits = random_digits(100000);
  for (const char c : digits) ++counts[static_cast<std::size_t>(c - '0')];
  // Expected 10000 each; a standard deviation is ~95, so ±600 fails only on a real bias.
  for (int i = 0; i < 10; ++i) {
    EXPECT_GT(counts[static_cast<std::size_t>(i)], 9400) << i;
    EXPECT_LT(counts[static_cast<std::size_t>(i)], 10600) << i;
  }
}

}  // namespace
}  // namespace simreg::crypto

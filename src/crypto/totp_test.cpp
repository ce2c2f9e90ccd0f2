#include "crypto/totp.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "crypto/random.hpp"

namespace simreg::crypto {
namespace {

const std::string kSeed20 = "12345678901234567890";
const std::string kSeed32 = "12345678901234567890123456789012";
const std::string kSeed64 = "1234567890123456789012345678901234567890123456789012345678901234";

TEST(Hotp, Rfc4226AppendixD) {
  const char* const expected[] = {"755224", "287082", "359152", "969429", "338314",
                                  "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t counter = 0; counter < 10; ++counter) {
    EXPECT_EQ(hotp_code(kSeed20, counter, 6, TotpAlgorithm::sha1), expected[counter]) << counter;
  }
}

TEST(Totp, Rfc6238AppendixB) {
  struct Case {
    std::int64_t time;
    TotpAlgorithm algorithm;
    const std::string* seed;
    const char* code;
  };
  const Case cases[] = {
      {59, TotpAlgorithm::sha1, &kSeed20, "94287082"},
      {59, TotpAlgorithm::sha256, &kSeed32, "46119246"},
      {59, TotpAlgorithm::sha512, &kSeed64, "90693936"},
      {1111111109, TotpAlgorithm::sha1, &kSeed20, "07081804"},
      {1111111109, TotpAlgorithm::sha256, &kSeed32, "68084774"},
      {1111111109, TotpAlgorithm::sha512, &kSeed64, "25091201"},
      {1111111111, TotpAlgorithm::sha1, &kSeed20, "14050471"},
      {1111111111, TotpAlgorithm::sha256, &kSeed32, "67062674"},
      {1111111111, TotpAlgorithm::sha512, &kSeed64, "99943326"},
      {1234567890, TotpAlgorithm::sha1, &kSeed20, "89005924"},
      {1234567890, TotpAlgorithm::sha256, &kSeed32, "91819424"},
      {1234567890, TotpAlgorithm::sha512, &kSeed64, "93441116"},
      {2000000000, TotpAlgorithm::sha1, &kSeed20, "69279037"},
      {2000000000, TotpAlgorithm::sha256, &kSeed32, "90698825"},
      {2000000000, TotpAlgorithm::sha512, &kSeed64, "38618901"},
      {20000000000, TotpAlgorithm::sha1, &kSeed20, "65353130"},
      {20000000000, TotpAlgorithm::sha256, &kSeed32, "77737706"},
      {20000000000, TotpAlgorithm::sha512, &kSeed64, "47863826"},
  };
  for (const Case& c : cases) {
    const TotpParams params{8, 30, c.algorithm};
    EXPECT_EQ(totp_code(*c.seed, c.time, params), c.code)
        << c.time << " alg " << static_cast<int>(c.algorithm);
    // The same step, seen from a time that is not at its start, matches too.
    EXPECT_EQ(totp_match(*c.seed, c.code, c.time, 0, params), c.time / 30) << c.time;
  }
}

TEST(Totp, DefaultsAreSixDigitsSha1ThirtySeconds) {
  // RFC 6238's 8-digit SHA-1 code at t=59 is 94287082; six digits keep the last six.
  EXPECT_EQ(totp_code(kSeed20, 59), "287082");
  EXPECT_EQ(totp_code(kSeed20, 30), totp_code(kSeed20, 59));
  EXPECT_NE(totp_code(kSeed20, 59), totp_code(kSeed20, 60));
  EXPECT_EQ(totp_code(kSeed20, -100), totp_code(kSeed20, 0));  // before 1970 counts as step 0
}

TEST(TotpMatch, WindowTable) {
  const std::string secret = random_bytes(20);
  const std::int64_t now = 1700000015;  // inside step 56666667
  const std::int64_t step = now / 30;
  struct Case {
    const char* name;
    std::int64_t code_time;
    int window;
    std::optional<std::int64_t> expected;
  };
  const Case cases[] = {
      {"current step", now, 1, step},
      {"previous step", now - 30, 1, step - 1},
      {"next step", now + 30, 1, step + 1},
      {"two steps old", now - 60, 1, std::nullopt},
      {"two steps ahead", now + 60, 1, std::nullopt},
      {"two steps old, window 2", now - 60, 2, step - 2},
      {"previous step, window 0", now - 30, 0, std::nullopt},
      {"current step, window 0", now, 0, step},
      {"current step, negative window", now, -3, step},
      {"previous step, negative window", now - 30, -3, std::nullopt},
  };
  for (const Case& c : cases) {
    const std::string code = totp_code(secret, c.code_time);
    EXPECT_EQ(totp_match(secret, code, now, c.window), c.expected) << c.name;
  }
}

TEST(TotpMatch, RejectsMalformedCodesAndOtherSecrets) {
  const std::string secret = random_bytes(20);
  const std::int64_t now = 1700000015;
  const std::string code = totp_code(secret, now);
  for (const std::string& bad : {std::string(), code.substr(0, 5), code + "0", " " + code.substr(1),
                                 code.substr(0, 5) + "a", std::string("12345\0", 6)}) {
    EXPECT_FALSE(totp_match(secret, bad, now).has_value()) << bad;
  }
  EXPECT_FALSE(totp_match(random_bytes(20), code, now, 0).has_value());
}

TEST(TotpMatch, NeverMatchesStepsBefore1970) {
  // At t=10 the previous step would be -1; only step 0 (and 1) can match.
  EXPECT_EQ(totp_match(kSeed20, totp_code(kSeed20, 10), 10), 0);
  EXPECT_EQ(totp_match(kSeed20, totp_code(kSeed20, 40), 10), 1);
}

TEST(TotpDeathTest, RejectsImpossibleParameters) {
  EXPECT_DEATH(hotp_code(kSeed20, 0, 5, TotpAlgorithm::sha1), "digits");
  EXPECT_DEATH(hotp_code(kSeed20, 0, 10, TotpAlgorithm::sha1), "digits");
  EXPECT_DEATH(totp_code(kSeed20, 59, TotpParams{6, 0, TotpAlgorithm::sha1}), "period");
}

TEST(TotpUri, Table) {
  struct Case {
    std::string issuer;
    std::string account;
    std::string uri;
  };
  const Case cases[] = {
      {"SimReg", "ada@example.org",
       "otpauth://totp/"
       "SimReg:ada%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=SimReg"
       "&algorithm=SHA1&digits=6&period=30"},
      {"Sim Reg & Co", "a:b/c?d",
       "otpauth://totp/Sim%20Reg%20%26%20Co:a%3Ab%2Fc%3Fd?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
       "&issuer=Sim%20Reg%20%26%20Co&algorithm=SHA1&digits=6&period=30"},
      {"Opérateur", "x_y.z-~1",
       "otpauth://totp/Op%C3%A9rateur:x_y.z-~1?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
       "&issuer=Op%C3%A9rateur&algorithm=SHA1&digits=6&period=30"},
  };
  for (const Case& c : cases) EXPECT_EQ(totp_uri(c.issuer, c.account, kSeed20), c.uri) << c.issuer;
}

}  // namespace
}  // namespace simreg::crypto

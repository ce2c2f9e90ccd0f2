#include "crypto/hashing.hpp"

#include <gtest/gtest.h>

#include <string>

#include "crypto/encoding.hpp"

namespace simreg::crypto {
namespace {

TEST(Sha256, KnownAnswers) {
  struct Case {
    std::string data;
    std::string hex;
  };
  const Case cases[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
  };
  for (const Case& c : cases) EXPECT_EQ(hex_encode(sha256(c.data)), c.hex) << c.data;
}

TEST(Blake2b, KnownAnswersAndLengths) {
  // RFC 7693 Appendix A (BLAKE2b-512 of "abc") and the well-known BLAKE2b-256 of "".
  EXPECT_EQ(hex_encode(blake2b("abc", 64)),
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
            "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
  EXPECT_EQ(hex_encode(blake2b("")),
            "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  for (const std::size_t n : {16u, 32u, 48u, 64u}) EXPECT_EQ(blake2b("x", n).size(), n);
}

TEST(Blake2b, KeyChangesTheDigest) {
  const std::string key_a(32, 'a');
  const std::string key_b(32, 'b');
  EXPECT_NE(blake2b("value", 32, key_a), blake2b("value", 32, key_b));
  EXPECT_NE(blake2b("value", 32, key_a), blake2b("value"));
  EXPECT_EQ(blake2b("value", 32, key_a), blake2b("value", 32, key_a));
}

TEST(Blake2bDeathTest, RejectsLengthsLibsodiumCannotProduce) {
  EXPECT_DEATH(blake2b("x", 8), "output length");
  EXPECT_DEATH(blake2b("x", 65), "output length");
  EXPECT_DEATH(blake2b("x", 32, "short key"), "key length");
}

TEST(HmacSha256, Rfc4231Vectors) {
  struct Case {
    const char* name;
    std::string key;
    std::string message;
    std::string hex;
  };
  const Case cases[] = {
      {"case 1", std::string(20, '\x0b'), "Hi There",
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {"case 2", "Jefe", "what do ya want for nothing?",
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {"case 3", std::string(20, '\xaa'), std::string(50, '\xdd'),
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
      {"case 6 (key longer than a block)", std::string(131, '\xaa'),
       "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
  };
  for (const Case& c : cases) EXPECT_EQ(hex_encode(hmac_sha256(c.key, c.message)), c.hex) << c.name;
}

TEST(ConstantTimeEqual, Table) {
  struct Case {
    std::string a;
    std::string b;
    bool equal;
  };
  const Case cases[] = {
      {"", "", true},        {"abc", "abc", true},
      {"abc", "abd", false}, {"abc", "ab", false},
      {"", "a", false},      {std::string("a\0b", 3), std::string("a\0c", 3), false},
  };
  for (const Case& c : cases)
    EXPECT_EQ(constant_time_equal(c.a, c.b), c.equal) << c.a << " vs " << c.b;
}

}  // namespace
}  // namespace simreg::crypto

#include "crypto/encoding.hpp"

#include <gtest/gtest.h>

#include <string>

#include "crypto/random.hpp"

namespace simreg::crypto {
namespace {

struct Vector {
  std::string bytes;
  std::string base64;
  std::string base64url;
  std::string base32;
  std::string hex;
};

// RFC 4648 §10 test vectors (base32 and base64url without padding, hex in lower case), plus bytes
// that exercise the characters where base64 and base64url differ.
const Vector kVectors[] = {
    {"", "", "", "", ""},
    {"f", "Zg==", "Zg", "MY", "66"},
    {"fo", "Zm8=", "Zm8", "MZXQ", "666f"},
    {"foo", "Zm9v", "Zm9v", "MZXW6", "666f6f"},
    {"foob", "Zm9vYg==", "Zm9vYg", "MZXW6YQ", "666f6f62"},
    {"fooba", "Zm9vYmE=", "Zm9vYmE", "MZXW6YTB", "666f6f6261"},
    {"foobar", "Zm9vYmFy", "Zm9vYmFy", "MZXW6YTBOI", "666f6f626172"},
    {"\xfb\xff\xbf", "+/+/", "-_-_", "7P736", "fbffbf"},
    {std::string("\x00\x01\xfe", 3), "AAH+", "AAH-", "AAA74", "0001fe"},
};

TEST(Encoding, Rfc4648Vectors) {
  for (const Vector& v : kVectors) {
    EXPECT_EQ(base64_encode(v.bytes), v.base64) << v.hex;
    EXPECT_EQ(base64url_encode(v.bytes), v.base64url) << v.hex;
    EXPECT_EQ(base32_encode(v.bytes), v.base32) << v.hex;
    EXPECT_EQ(hex_encode(v.bytes), v.hex);

    auto b64 = base64_decode(v.base64);
    ASSERT_TRUE(b64.ok()) << v.base64;
    EXPECT_EQ(*b64, v.bytes);
    auto b64url = base64url_decode(v.base64url);
    ASSERT_TRUE(b64url.ok()) << v.base64url;
    EXPECT_EQ(*b64url, v.bytes);
    auto b32 = base32_decode(v.base32);
    ASSERT_TRUE(b32.ok()) << v.base32;
    EXPECT_EQ(*b32, v.bytes);
    auto hex = hex_decode(v.hex);
    ASSERT_TRUE(hex.ok()) << v.hex;
    EXPECT_EQ(*hex, v.bytes);
  }
}

TEST(Encoding, RandomRoundTrips) {
  for (std::size_t n = 0; n < 70; ++n) {
    const std::string bytes = random_bytes(n);
    EXPECT_EQ(*base64_decode(base64_encode(bytes)), bytes) << n;
    EXPECT_EQ(*base64url_decode(base64url_encode(bytes)), bytes) << n;
    EXPECT_EQ(*base32_decode(base32_encode(bytes)), bytes) << n;
    EXPECT_EQ(*hex_decode(hex_encode(bytes)), bytes) << n;
  }
}

TEST(Base32Decode, ForgivesWhatPeopleType) {
  struct Case {
    std::string text;
    std::string bytes;
  };
  const Case cases[] = {
      {"mzxw6ytboi", "foobar"},        // lower case
      {"MZXW 6YTB OI", "foobar"},      // grouped with spaces
      {"MZXW6YTBOI======", "foobar"},  // RFC 4648 padding
      {"MY======", "f"},
      {" mZxW6 ", "foo"},
  };
  for (const Case& c : cases) {
    auto decoded = base32_decode(c.text);
    ASSERT_TRUE(decoded.ok()) << c.text;
    EXPECT_EQ(*decoded, c.bytes) << c.text;
  }
}

TEST(Decoders, RejectMalformedInput) {
  struct Case {
    const char* name;
    Result<std::string> (*decode)(std::string_view);
    std::string text;
    const char* code;
  };
  const Case cases[] = {
      {"base32 digit 1", base32_decode, "MZXW1", "encoding.invalid_base32"},
      {"base32 digit 8", base32_decode, "MZ8W6", "encoding.invalid_base32"},
      {"base32 impossible length", base32_decode, "MZX", "encoding.invalid_base32"},
      {"base32 single symbol", base32_decode, "M", "encoding.invalid_base32"},
      {"base32 non-zero trailing bits", base32_decode, "MZ", "encoding.invalid_base32"},
      {"base32 data after padding", base32_decode, "MY==MY", "encoding.invalid_base32"},
      {"base32 punctuation", base32_decode, "MZXW-6", "encoding.invalid_base32"},
      {"base64 missing padding", base64_decode, "Zg", "encoding.invalid_base64"},
      {"base64 short padding", base64_decode, "Zg=", "encoding.invalid_base64"},
      {"base64 url alphabet", base64_decode, "-_-_", "encoding.invalid_base64"},
      {"base64 non-zero trailing bits", base64_decode, "Zh==", "encoding.invalid_base64"},
      {"base64 trailing garbage", base64_decode, "Zm9v!", "encoding.invalid_base64"},
      {"base64 whitespace", base64_decode, "Zm9v YmFy", "encoding.invalid_base64"},
      {"base64url padding", base64url_decode, "Zg==", "encoding.invalid_base64url"},
      {"base64url standard alphabet", base64url_decode, "+/+/", "encoding.invalid_base64url"},
      {"base64url impossible length", base64url_decode, "Zm9vY", "encoding.invalid_base64url"},
      {"hex odd length", hex_decode, "abc", "encoding.invalid_hex"},
      {"hex non-hex", hex_decode, "zz", "encoding.invalid_hex"},
      {"hex separator", hex_decode, "ab:cd", "encoding.invalid_hex"},
  };
  for (const Case& c : cases) {
    auto decoded = c.decode(c.text);
    ASSERT_FALSE(decoded.ok()) << c.name;
    EXPECT_EQ(decoded.error().code, c.code) << c.name;
    EXPECT_EQ(decoded.error().kind, ErrorKind::invalid_input) << c.name;
    EXPECT_EQ(decoded.error().detail.find(c.text), std::string::npos)
        << c.name << ": error echoes input";
  }
}

TEST(HexDecode, AcceptsUpperCase) {
  auto decoded = hex_decode("666F6F626172");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, "foobar");
}

}  // namespace
}  // namespace simreg::crypto

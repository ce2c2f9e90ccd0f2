#include "db/postgres/pg_codec.hpp"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace simreg::db {
namespace {

struct DecodeCase {
  const char* name;
  unsigned int oid;
  std::string text;
  Value expected;
};

class PgDecodeTest : public ::testing::TestWithParam<DecodeCase> {};

TEST_P(PgDecodeTest, MapsByTypeOid) {
  EXPECT_EQ(decode_pg_text(GetParam().oid, GetParam().text), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PgDecodeTest,
    ::testing::Values(
        DecodeCase{"int2", 21, "-7", Value{std::int64_t{-7}}},
        DecodeCase{"int4", 23, "2147483647", Value{std::int64_t{2147483647}}},
        DecodeCase{"int8_min", 20, "-9223372036854775808", Value{std::numeric_limits<std::int64_t>::min()}},
        DecodeCase{"oid", 26, "16384", Value{std::int64_t{16384}}},
        DecodeCase{"float8", 701, "0.1", Value{0.1}},
        DecodeCase{"float4", 700, "1.5", Value{1.5}},
        DecodeCase{"numeric", 1700, "12345.250", Value{12345.25}},
        DecodeCase{"float8_infinity", 701, "-Infinity", Value{-std::numeric_limits<double>::infinity()}},
        DecodeCase{"bool_true", 16, "t", Value{std::int64_t{1}}},
        DecodeCase{"bool_false", 16, "f", Value{std::int64_t{0}}},
        DecodeCase{"bytea_hex", 17, "\\x00ff41", Value{Bytes{std::string("\0\xff" "A", 3)}}},
        DecodeCase{"bytea_empty", 17, "\\x", Value{Bytes{}}},
        DecodeCase{"text", 25, "Zoë", Value{std::string("Zoë")}},
        DecodeCase{"varchar", 1043, "", Value{std::string()}},
        DecodeCase{"timestamptz_as_text", 1184, "2026-01-01 00:00:00+00", Value{std::string("2026-01-01 00:00:00+00")}},
        DecodeCase{"void", 2278, "", Value{std::string()}},
        DecodeCase{"unparsable_int_kept_as_text", 20, "12x", Value{std::string("12x")}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(PgDecodeNaN, ReadsNaN) {
  const Value value = decode_pg_text(701, "NaN");
  ASSERT_TRUE(std::holds_alternative<double>(value));
  EXPECT_TRUE(std::isnan(std::get<double>(value)));
}

struct ByteaCase {
  const char* name;
  std::string text;
  std::optional<std::string> expected;
};

class ByteaTest : public ::testing::TestWithParam<ByteaCase> {};

TEST_P(ByteaTest, Decodes) { EXPECT_EQ(decode_bytea(GetParam().text), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Cases, ByteaTest,
    ::testing::Values(ByteaCase{"hex_lower", "\\xdeadbeef", std::string("\xde\xad\xbe\xef")},
                      ByteaCase{"hex_upper", "\\xDEADBEEF", std::string("\xde\xad\xbe\xef")},
                      ByteaCase{"odd_length", "\\xabc", std::nullopt},
                      ByteaCase{"bad_digit", "\\xzz", std::nullopt},
                      ByteaCase{"escape_format", "a\\000\\377", std::string("a\0\xff", 3)}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(PgEncodeTest, DeclaresTypesAndFormats) {
  const std::vector<Value> params{Null{}, std::int64_t{-42}, 0.5, std::string("text"), Bytes{std::string("\0\xff", 2)}};
  auto encoded = encode_pg_params(params);
  ASSERT_TRUE(encoded.has_value());
  EXPECT_EQ(encoded->signature, "nidtb");
  EXPECT_EQ(encoded->types, (std::vector<unsigned int>{0, 20, 701, 0, 17}));
  EXPECT_EQ(encoded->formats, (std::vector<int>{0, 0, 0, 0, 1}));
  EXPECT_EQ(encoded->values[0], nullptr);
  EXPECT_STREQ(encoded->values[1], "-42");
  EXPECT_STREQ(encoded->values[2], "0.5");
  EXPECT_STREQ(encoded->values[3], "text");
  EXPECT_EQ(encoded->lengths[4], 2);
  EXPECT_EQ(std::string(encoded->values[4], 2), std::string("\0\xff", 2));
}

TEST(PgEncodeTest, RejectsNulInText) {
  EXPECT_FALSE(encode_pg_params({std::string("a\0b", 3)}).has_value());
  EXPECT_TRUE(encode_pg_params({Bytes{std::string("a\0b", 3)}}).has_value());
}

TEST(PgEncodeTest, DoublesRoundTripThroughText) {
  for (const double d : {0.1, 1e300, -2.5e-300, 123456789.123456789}) {
    auto encoded = encode_pg_params({d});
    ASSERT_TRUE(encoded.has_value());
    EXPECT_EQ(decode_pg_text(701, encoded->values[0]), Value{d}) << encoded->values[0];
  }
}

}  // namespace
}  // namespace simreg::db

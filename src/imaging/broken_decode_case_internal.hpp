// For the codec tests: one row of a table of broken files, and the check every decoder must pass
// on it — the damage is reported as an error value with a stable code, never a crash or a picture.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

namespace simreg::imaging::testing {

struct BrokenDecodeCase {
  const char* name;
  std::function<std::string()> bytes;
  std::uint64_t max_pixels;
  const char* code;
};
inline void PrintTo(const BrokenDecodeCase& c, std::ostream* os) { *os << c.name; }

template <class Decoder>
void expect_decode_error(Decoder decode, const BrokenDecodeCase& c) {
  auto decoded = decode(c.bytes(), c.max_pixels);
  ASSERT_FALSE(decoded.ok()) << c.name << " decoded";
  EXPECT_EQ(decoded.error().code, c.code);
}

}  // namespace simreg::imaging::testing

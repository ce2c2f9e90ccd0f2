#include "imaging/exif_orientation.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace simreg::imaging {
namespace {

// A TIFF block with IFD0 at offset 8 holding `entries` (tag, type, count, value) in the byte order.
struct Entry {
  std::uint16_t tag;
  std::uint16_t type;
  std::uint32_t count;
  std::uint16_t value;
};

std::string tiff(bool big_endian, std::initializer_list<Entry> entries, std::uint32_t ifd_offset = 8) {
  std::string out;
  auto u16 = [&](std::uint16_t v) {
    const char hi = static_cast<char>(v >> 8);
    const char lo = static_cast<char>(v & 0xFF);
    out += big_endian ? std::string{hi, lo} : std::string{lo, hi};
  };
  auto u32 = [&](std::uint32_t v) {
    if (big_endian) {
      u16(static_cast<std::uint16_t>(v >> 16));
      u16(static_cast<std::uint16_t>(v));
    } else {
      u16(static_cast<std::uint16_t>(v));
      u16(static_cast<std::uint16_t>(v >> 16));
    }
  };
  out += big_endian ? std::string("MM\0*", 4) : std::string("II*\0", 4);
  u32(ifd_offset);
  u16(static_cast<std::uint16_t>(entries.size()));
  for (const auto& e : entries) {
    u16(e.tag);
    u16(e.type);
    u32(e.count);
    u16(e.value);
    u16(0);
  }
  u32(0);
  return out;
}

struct OrientationCase {
  const char* name;
  std::string bytes;
  int expected;
};
void PrintTo(const OrientationCase& c, std::ostream* os) { *os << c.name; }

class ExifOrientationTest : public ::testing::TestWithParam<OrientationCase> {};

TEST_P(ExifOrientationTest, ReadsTheTagOrFallsBackToUpright) {
  EXPECT_EQ(exif_orientation(GetParam().bytes), GetParam().expected);
}

const std::string kExif("Exif\0\0", 6);

INSTANTIATE_TEST_SUITE_P(
    Table, ExifOrientationTest,
    ::testing::Values(
        OrientationCase{"little_endian_6", tiff(false, {{0x0112, 3, 1, 6}}), 6},
        OrientationCase{"big_endian_8", tiff(true, {{0x0112, 3, 1, 8}}), 8},
        OrientationCase{"big_endian_3", tiff(true, {{0x0112, 3, 1, 3}}), 3},
        OrientationCase{"with_app1_prefix", kExif + tiff(false, {{0x0112, 3, 1, 5}}), 5},
        OrientationCase{"after_other_tags", tiff(false, {{0x010F, 2, 4, 0}, {0x0110, 2, 4, 0}, {0x0112, 3, 1, 7}}), 7},
        OrientationCase{"upright_1", tiff(false, {{0x0112, 3, 1, 1}}), 1},
        OrientationCase{"zero_is_invalid", tiff(false, {{0x0112, 3, 1, 0}}), 1},
        OrientationCase{"nine_is_invalid", tiff(false, {{0x0112, 3, 1, 9}}), 1},
        OrientationCase{"wrong_type_long", tiff(false, {{0x0112, 4, 1, 6}}), 1},
        OrientationCase{"wrong_count", tiff(false, {{0x0112, 3, 2, 6}}), 1},
        OrientationCase{"no_orientation_tag", tiff(false, {{0x010F, 2, 4, 0}}), 1},
        OrientationCase{"ifd_beyond_end", tiff(false, {{0x0112, 3, 1, 6}}, 4000), 1},
        OrientationCase{"truncated_entry", tiff(false, {{0x0112, 3, 1, 6}}).substr(0, 16), 1},
        OrientationCase{"entry_count_lies", tiff(false, {}).replace(8, 2, "\xFF\xFF"), 1},
        OrientationCase{"bad_byte_order", std::string("XX*\0\x08\0\0\0", 8), 1},
        OrientationCase{"empty", std::string(), 1},
        OrientationCase{"prefix_only", kExif, 1}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace simreg::imaging

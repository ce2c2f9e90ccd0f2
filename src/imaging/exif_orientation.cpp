#include "imaging/exif_orientation.hpp"

#include <cstdint>

namespace simreg::imaging {
namespace {

constexpr std::uint16_t kOrientationTag = 0x0112;
constexpr std::uint16_t kTypeShort = 3;
constexpr std::string_view kExifPrefix{"Exif\0\0", 6};

class TiffReader {
 public:
  TiffReader(std::string_view bytes, bool little_endian) : bytes_(bytes), little_(little_endian) {}

  bool u16(std::size_t at, std::uint16_t& out) const {
    if (at > bytes_.size() || bytes_.size() - at < 2) return false;
    const auto b0 = static_cast<std::uint8_t>(bytes_[at]);
    const auto b1 = static_cast<std::uint8_t>(bytes_[at + 1]);
    out = little_ ? static_cast<std::uint16_t>(b0 | (b1 << 8)) : static_cast<std::uint16_t>((b0 << 8) | b1);
    return true;
  }

  bool u32(std::size_t at, std::uint32_t& out) const {
    std::uint16_t a = 0;
    std::uint16_t b = 0;
    if (!u16(at, a) || !u16(at + 2, b)) return false;
    out = little_ ? (static_cast<std::uint32_t>(b) << 16) | a : (static_cast<std::uint32_t>(a) << 16) | b;
    return true;
  }

 private:
  std::string_view bytes_;
  bool little_;
};

}  // namespace

int exif_orientation(std::string_view tiff) {
  if (tiff.substr(0, kExifPrefix.size()) == kExifPrefix) tiff.remove_prefix(kExifPrefix.size());
  if (tiff.size() < 8) return 1;
  bool little = false;
  if (tiff.substr(0, 4) == std::string_view("II*\0", 4)) {
    little = true;
  } else if (tiff.substr(0, 4) != std::string_view("MM\0*", 4)) {
    return 1;
  }
  const TiffReader reader(tiff, little);
  std::uint32_t ifd = 0;
  std::uint16_t count = 0;
  if (!reader.u32(4, ifd) || !reader.u16(ifd, count)) return 1;
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::size_t entry = static_cast<std::size_t>(ifd) + 2 + 12 * static_cast<std::size_t>(i);
    std::uint16_t tag = 0;
    std::uint16_t type = 0;
    std::uint32_t n = 0;
    std::uint16_t value = 0;
    if (!reader.u16(entry, tag) || !reader.u16(entry + 2, type) || !reader.u32(entry + 4, n)) return 1;
    if (tag != kOrientationTag) continue;
    if (type != kTypeShort || n != 1 || !reader.u16(entry + 8, value)) return 1;
    return value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}

}  // namespace simreg::imaging

#include "imaging/image_format.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "imaging/exif_orientation.hpp"
#include "imaging/image_errors.hpp"

namespace simreg::imaging {
namespace {

constexpr std::string_view kPngSignature{"\x89PNG\r\n\x1a\n", 8};
constexpr std::string_view kExifApp1Prefix{"Exif\0\0", 6};

std::uint8_t byte_at(std::string_view bytes, std::size_t at) { return static_cast<std::uint8_t>(bytes[at]); }

std::uint32_t be16(std::string_view b, std::size_t at) {
  return (static_cast<std::uint32_t>(byte_at(b, at)) << 8) | byte_at(b, at + 1);
}
std::uint32_t be32(std::string_view b, std::size_t at) { return (be16(b, at) << 16) | be16(b, at + 2); }
std::uint32_t le16(std::string_view b, std::size_t at) {
  return byte_at(b, at) | (static_cast<std::uint32_t>(byte_at(b, at + 1)) << 8);
}
std::uint32_t le24(std::string_view b, std::size_t at) {
  return le16(b, at) | (static_cast<std::uint32_t>(byte_at(b, at + 2)) << 16);
}
std::uint32_t le32(std::string_view b, std::size_t at) { return le16(b, at) | (le16(b, at + 2) << 16); }

Error unreadable() { return image_error(kUnreadable); }

// ---- JPEG -----------------------------------------------------------------------------------

bool is_sof(std::uint8_t marker) {
  // SOF0..SOF15 minus DHT (C4), JPG (C8) and DAC (CC).
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

bool is_standalone(std::uint8_t marker) { return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7); }

// Visits JPEG segments from after SOI. `on_segment(marker, payload)` returns false to stop early.
// Returns false when the structure is broken or ends before EOI (unless stopped early).
template <class OnSegment>
bool walk_jpeg(std::string_view b, OnSegment&& on_segment) {
  std::size_t pos = 2;
  const std::size_t n = b.size();
  while (true) {
    if (pos >= n || byte_at(b, pos) != 0xFF) return false;
    while (pos < n && byte_at(b, pos) == 0xFF) ++pos;  // fill bytes
    if (pos >= n) return false;
    const std::uint8_t marker = byte_at(b, pos++);
    if (marker == 0xD9) return true;  // EOI
    if (marker == 0xD8 || marker == 0x00) return false;
    if (is_standalone(marker)) continue;
    if (n - pos < 2) return false;
    const std::size_t length = be16(b, pos);
    if (length < 2 || n - pos < length) return false;
    if (!on_segment(marker, b.substr(pos + 2, length - 2))) return true;
    pos += length;
    if (marker != 0xDA) continue;
    // Entropy-coded data: runs until a marker that is neither stuffing (FF 00) nor a restart.
    while (true) {
      const void* hit = std::memchr(b.data() + pos, 0xFF, n - pos);
      if (hit == nullptr) return false;
      pos = static_cast<std::size_t>(static_cast<const char*>(hit) - b.data());
      if (pos + 1 >= n) return false;
      const std::uint8_t next = byte_at(b, pos + 1);
      if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
        pos += 2;
        continue;
      }
      if (next == 0xFF) {  // fill byte before a marker
        ++pos;
        continue;
      }
      break;
    }
  }
}

Result<ImageHeader> jpeg_header(std::string_view b) {
  ImageHeader header{ImageFormat::jpeg, 0, 0};
  bool found = false;
  bool broken = false;
  walk_jpeg(b, [&](std::uint8_t marker, std::string_view payload) {
    if (marker == 0xDA) {  // a scan before any frame header
      broken = true;
      return false;
    }
    if (!is_sof(marker)) return true;
    if (payload.size() < 6) {
      broken = true;
      return false;
    }
    header.height = be16(payload, 1);
    header.width = be16(payload, 3);
    found = true;
    return false;
  });
  // Height 0 means "defined later by a DNL marker", which no camera writes and decoders reject.
  if (broken || !found || header.width == 0 || header.height == 0) return unreadable();
  return header;
}

Result<ContainerInfo> jpeg_scan(std::string_view b) {
  ContainerInfo info;
  bool exif_seen = false;
  bool frame_seen = false;
  bool scan_seen = false;
  bool broken = false;
  const bool complete = walk_jpeg(b, [&](std::uint8_t marker, std::string_view payload) {
    if (is_sof(marker)) frame_seen = true;
    if (marker == 0xDA) {
      if (!frame_seen) {
        broken = true;
        return false;
      }
      scan_seen = true;
    }
    if (marker == 0xE1 && !exif_seen && payload.substr(0, kExifApp1Prefix.size()) == kExifApp1Prefix) {
      exif_seen = true;
      info.orientation = exif_orientation(payload);
    }
    return true;
  });
  if (!complete || broken || !scan_seen) return unreadable();
  return info;
}

// ---- PNG ------------------------------------------------------------------------------------

Result<ImageHeader> png_header(std::string_view b) {
  // Signature, then IHDR: length 13, "IHDR", width, height, ...
  if (b.size() < 8 + 8 + 13 || be32(b, 8) != 13 || b.substr(12, 4) != "IHDR") return unreadable();
  ImageHeader header{ImageFormat::png, be32(b, 16), be32(b, 20)};
  // The PNG spec caps each side at 2^31-1; zero is invalid.
  if (header.width == 0 || header.height == 0 || header.width > 0x7FFFFFFFu || header.height > 0x7FFFFFFFu) {
    return unreadable();
  }
  return header;
}

Result<ContainerInfo> png_scan(std::string_view b) {
  ContainerInfo info;
  std::size_t pos = 8;
  bool idat_seen = false;
  bool first = true;
  while (true) {
    if (b.size() - pos < 12) return unreadable();
    const std::size_t length = be32(b, pos);
    const std::string_view type = b.substr(pos + 4, 4);
    if (length > 0x7FFFFFFFu || b.size() - pos - 12 < length) return unreadable();
    if (first && type != "IHDR") return unreadable();
    first = false;
    const std::string_view data = b.substr(pos + 8, length);
    if (type == "IDAT") idat_seen = true;
    if (type == "eXIf") info.orientation = exif_orientation(data);
    if (type == "IEND") return idat_seen ? Result<ContainerInfo>(info) : Result<ContainerInfo>(unreadable());
    pos += 12 + length;
  }
}

// ---- WebP -----------------------------------------------------------------------------------

constexpr std::uint8_t kVp8xAnimation = 0x02;

Result<ImageHeader> webp_header(std::string_view b) {
  if (b.size() < 12 + 8) return unreadable();
  const std::string_view fourcc = b.substr(12, 4);
  const std::size_t size = le32(b, 16);
  const std::string_view payload = b.substr(20, std::min(size, b.size() - 20));
  ImageHeader header{ImageFormat::webp, 0, 0};
  if (fourcc == "VP8 ") {
    // Frame tag (3 bytes, bit 0 clear on a key frame), start code 9D 01 2A, 14-bit sizes.
    if (payload.size() < 10 || (byte_at(payload, 0) & 0x01) != 0 || payload.substr(3, 3) != "\x9d\x01\x2a") {
      return unreadable();
    }
    header.width = le16(payload, 6) & 0x3FFF;
    header.height = le16(payload, 8) & 0x3FFF;
  } else if (fourcc == "VP8L") {
    if (payload.size() < 5 || byte_at(payload, 0) != 0x2F) return unreadable();
    const std::uint32_t bits = le32(payload, 1);
    header.width = (bits & 0x3FFF) + 1;
    header.height = ((bits >> 14) & 0x3FFF) + 1;
  } else if (fourcc == "VP8X") {
    if (payload.size() < 10) return unreadable();
    if ((byte_at(payload, 0) & kVp8xAnimation) != 0) return image_error(kUnsupportedType);
    header.width = le24(payload, 4) + 1;
    header.height = le24(payload, 7) + 1;
  } else {
    return unreadable();
  }
  if (header.width == 0 || header.height == 0) return unreadable();
  return header;
}

Result<ContainerInfo> webp_scan(std::string_view b) {
  ContainerInfo info;
  const std::size_t riff_size = le32(b, 4);
  // The RIFF size counts everything after its own field; it is even, and the file may not be shorter.
  if (riff_size < 4 || riff_size % 2 != 0 || b.size() - 8 < riff_size) return unreadable();
  const std::string_view body = b.substr(0, 8 + riff_size);
  std::size_t pos = 12;
  bool image_seen = false;
  while (pos < body.size()) {
    if (body.size() - pos < 8) return unreadable();
    const std::string_view fourcc = body.substr(pos, 4);
    const std::size_t size = le32(body, pos + 4);
    const std::size_t padded = size + (size & 1);
    if (body.size() - pos - 8 < padded) return unreadable();
    if (fourcc == "VP8 " || fourcc == "VP8L") image_seen = true;
    if (fourcc == "EXIF") info.orientation = exif_orientation(body.substr(pos + 8, size));
    pos += 8 + padded;
  }
  if (!image_seen) return unreadable();
  return info;
}

}  // namespace

std::string_view format_name(ImageFormat format) {
  switch (format) {
    case ImageFormat::jpeg: return "jpeg";
    case ImageFormat::png: return "png";
    case ImageFormat::webp: return "webp";
  }
  return "jpeg";
}

std::string_view format_media_type(ImageFormat format) {
  switch (format) {
    case ImageFormat::jpeg: return "image/jpeg";
    case ImageFormat::png: return "image/png";
    case ImageFormat::webp: return "image/webp";
  }
  return "image/jpeg";
}

std::optional<ImageFormat> sniff_image_format(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xFF\xD8\xFF") return ImageFormat::jpeg;
  if (bytes.substr(0, kPngSignature.size()) == kPngSignature) return ImageFormat::png;
  if (bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP") return ImageFormat::webp;
  return std::nullopt;
}

std::optional<ImageFormat> format_from_media_type(std::string_view content_type) {
  const std::size_t semicolon = content_type.find(';');
  std::string_view type = content_type.substr(0, semicolon);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  std::string lowered(type);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (ImageFormat format : {ImageFormat::jpeg, ImageFormat::png, ImageFormat::webp}) {
    if (lowered == format_media_type(format)) return format;
  }
  return std::nullopt;
}

Result<ImageHeader> read_image_header(std::string_view bytes) {
  const auto format = sniff_image_format(bytes);
  if (!format) return image_error(kUnsupportedType);
  switch (*format) {
    case ImageFormat::jpeg: return jpeg_header(bytes);
    case ImageFormat::png: return png_header(bytes);
    case ImageFormat::webp: return webp_header(bytes);
  }
  return image_error(kUnsupportedType);
}

Result<ContainerInfo> scan_container(std::string_view bytes, ImageFormat format) {
  if (sniff_image_format(bytes) != format) return unreadable();
  switch (format) {
    case ImageFormat::jpeg: return jpeg_scan(bytes);
    case ImageFormat::png: return png_scan(bytes);
    case ImageFormat::webp: return webp_scan(bytes);
  }
  return unreadable();
}

}  // namespace simreg::imaging

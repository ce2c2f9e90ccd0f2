// Image container formats simreg accepts (JPEG, PNG, WebP), decided from the bytes alone, and a
// structural reader that gets dimensions and EXIF orientation without decoding any pixel (the
// pixel-flood guard runs on these numbers). Hostile input is expected: every read is bounds-checked.
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/result.hpp"

namespace simreg::imaging {

enum class ImageFormat { jpeg, png, webp };

std::string_view format_name(ImageFormat format);        // "jpeg", "png", "webp"
std::string_view format_media_type(ImageFormat format);  // "image/jpeg", ...

// From the magic bytes: FF D8 FF, the 8-byte PNG signature, or "RIFF" ???? "WEBP".
std::optional<ImageFormat> sniff_image_format(std::string_view bytes);

// A Content-Type header value ("image/JPEG; foo=bar" is JPEG); nullopt for every other type.
std::optional<ImageFormat> format_from_media_type(std::string_view content_type);

struct ImageHeader {
  ImageFormat format = ImageFormat::jpeg;
  std::uint32_t width = 0;
  std::uint32_t height = 0;
};

// Reads only as far as the dimensions (JPEG SOFn, PNG IHDR, WebP VP8/VP8L/VP8X).
// Errors: image.unsupported_type (not one of the three, or an animated WebP),
// image.unreadable (malformed header, zero dimension).
Result<ImageHeader> read_image_header(std::string_view bytes);

struct ContainerInfo {
  int orientation = 1;  // EXIF orientation 1..8 (1 = upright, also when absent)
};

// Walks the whole container: every JPEG segment and entropy-coded scan up to EOI, every PNG chunk
// up to IEND, every WebP chunk within the RIFF size. A file that ends early (truncated upload) or
// has impossible lengths is image.unreadable; decoders would otherwise fill the gap with grey.
Result<ContainerInfo> scan_container(std::string_view bytes, ImageFormat format);

}  // namespace simreg::imaging

// The server's image decoders behind one call: bytes whose format image_format sniffed → an 8-bit
// BGR cv::Mat, through the formats' reference libraries only (libjpeg-turbo, libpng, libwebp).
// OpenCV's imgcodecs is deliberately not linked: it parses a dozen more formats and loads ~140
// shared libraries (GDAL, poppler, OpenEXR, ...) that a server accepting three formats has no use
// for. No exception escapes. Thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include <opencv2/core.hpp>

#include "core/result.hpp"
#include "imaging/image_format.hpp"

namespace simreg::imaging {

// Decodes without applying any EXIF orientation (the caller turns the picture upright). Each decoder
// reads its own header first and refuses more than `max_pixels` before allocating the picture.
// Errors: image.too_many_pixels, image.unreadable, image.unsupported_type (animated WebP), internal
// imaging.failed (out of memory). See jpeg_codec_internal.hpp, png_codec_internal.hpp and
// webp_codec_internal.hpp for what each format accepts.
Result<cv::Mat> decode_image(std::string_view bytes, ImageFormat format, std::uint64_t max_pixels);

}  // namespace simreg::imaging

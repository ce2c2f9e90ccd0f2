// WebP decoding through libwebp (WebPGetFeatures, WebPDecodeBGRInto / WebPDecodeBGRAInto), the
// server's only WebP parser: lossy and lossless still pictures become an 8-bit BGR cv::Mat decoded
// straight into its buffer; a picture with alpha is flattened onto white. Pure C calls that return
// status codes; nothing is printed. Thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include <opencv2/core.hpp>

#include "core/result.hpp"

namespace simreg::imaging {

// Errors: image.unsupported_type for an animation; image.too_many_pixels when the canvas's
// width × height exceeds max_pixels (checked before any pixel buffer exists); image.unreadable when
// the headers or the bitstream are broken, or the file ends early; internal imaging.failed when
// memory runs out.
Result<cv::Mat> decode_webp(std::string_view bytes, std::uint64_t max_pixels);

}  // namespace simreg::imaging

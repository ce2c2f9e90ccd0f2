// PNG decoding through libpng (classic API), the server's only PNG parser. Every PNG colour type and
// depth becomes an 8-bit BGR cv::Mat: 16-bit samples keep their high byte, palette and 1/2/4-bit
// grey are expanded, grey is copied to B, G and R, and any transparency (an alpha channel or a tRNS
// chunk) is flattened onto white. gAMA, iCCP and the other ancillary chunks are ignored, as OpenCV
// did. libpng's errors longjmp back into an Error value; nothing is printed. Thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include <opencv2/core.hpp>

#include "core/result.hpp"

namespace simreg::imaging {

// Errors: image.too_many_pixels when IHDR's width × height exceeds max_pixels (checked before any
// pixel buffer exists); image.unreadable for a bad signature or IHDR, a CRC error in a critical
// chunk, a broken or short zlib stream, a file that ends early; internal imaging.failed when memory
// runs out.
Result<cv::Mat> decode_png(std::string_view bytes, std::uint64_t max_pixels);

}  // namespace simreg::imaging

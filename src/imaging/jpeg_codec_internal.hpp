// JPEG through libjpeg-turbo's jpeglib.h, the server's only JPEG parser and writer. Decoding gives
// an 8-bit BGR cv::Mat from grey, YCbCr, RGB, CMYK or YCCK files (baseline, progressive or
// arithmetic-coded); encoding writes the baseline JFIF copy that gets stored. libjpeg's fatal errors
// come back as Error values (error_exit longjmps out of the library), never as abort() or exit(),
// and nothing is printed. Thread-safe: each call owns its libjpeg state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <opencv2/core.hpp>

#include "core/result.hpp"

namespace simreg::imaging {

// A legitimate progressive file has about 10 scans (libjpeg's and mozjpeg's scripts); a crafted one
// can hold thousands, each costing a pass over every coefficient. TurboJPEG's own limit is 500.
inline constexpr int kMaxJpegScans = 100;

// Errors: image.too_many_pixels when the frame header's width × height exceeds max_pixels (checked
// before any pixel buffer exists); image.unreadable for a broken header or stream, an unsupported
// colour space or precision, more than kMaxJpegScans scans, or pixels libjpeg says it had to make up
// (the file or a scan ends early, a lost restart marker, a bad arithmetic code, a bad Huffman code
// where libjpeg-turbo's slow path notices it); internal imaging.failed when memory runs out. CMYK and YCCK are converted as Adobe writes them
// (inverted), as OpenCV does.
Result<cv::Mat> decode_jpeg(std::string_view bytes, std::uint64_t max_pixels);

// A CV_8UC3 BGR picture → baseline JFIF JPEG (4:2:0, standard tables scaled to `quality`, clamped to
// 1..100), with no other marker: no EXIF, no ICC profile, no comment.
// Error: internal imaging.failed (empty or not CV_8UC3, out of memory).
Result<std::string> encode_jpeg(const cv::Mat& bgr, int quality);

}  // namespace simreg::imaging

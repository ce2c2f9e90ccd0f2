#include "imaging/alpha_flatten_internal.hpp"

namespace simreg::imaging {

cv::Mat flatten_onto_white(const cv::Mat& bgra) {
  CV_Assert(bgra.type() == CV_8UC4);
  cv::Mat bgr(bgra.rows, bgra.cols, CV_8UC3);
  for (int y = 0; y < bgra.rows; ++y) {
    const std::uint8_t* in = bgra.ptr<std::uint8_t>(y);
    std::uint8_t* out = bgr.ptr<std::uint8_t>(y);
    for (int x = 0; x < bgra.cols; ++x, in += 4, out += 3) {
      const unsigned alpha = in[3];
      const unsigned white = 255u * (255u - alpha);
      for (int c = 0; c < 3; ++c) out[c] = static_cast<std::uint8_t>((in[c] * alpha + white + 127u) / 255u);
    }
  }
  return bgr;
}

}  // namespace simreg::imaging

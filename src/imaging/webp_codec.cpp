#include "imaging/webp_codec_internal.hpp"


#include <webp/decode.h>

#include "imaging/alpha_flatten_internal.hpp"
#include "imaging/image_errors.hpp"
#include "imaging/no_exceptions_internal.hpp"

namespace simreg::imaging {
namespace {

Result<cv::Mat> decode(std::string_view bytes, std::uint64_t max_pixels) {
  const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
  WebPBitstreamFeatures features;
  if (WebPGetFeatures(data, bytes.size(), &features) != VP8_STATUS_OK) return image_error(kUnreadable);
  if (features.has_animation != 0) return image_error(kUnsupportedType);
  if (features.width <= 0 || features.height <= 0) return image_error(kUnreadable);
  if (static_cast<std::uint64_t>(features.width) * static_cast<std::uint64_t>(features.height) > max_pixels) {
    return image_error(kTooManyPixels);
  }
  // libwebp checks that the frame matches the VP8X canvas and that the buffer fits the picture.
  if (features.has_alpha == 0) {
    cv::Mat bgr(features.height, features.width, CV_8UC3);
    if (WebPDecodeBGRInto(data, bytes.size(), bgr.data, bgr.step * bgr.rows, static_cast<int>(bgr.step)) == nullptr) {
      return image_error(kUnreadable);
    }
    return bgr;
  }
  cv::Mat bgra(features.height, features.width, CV_8UC4);
  if (WebPDecodeBGRAInto(data, bytes.size(), bgra.data, bgra.step * bgra.rows, static_cast<int>(bgra.step)) == nullptr) {
    return image_error(kUnreadable);
  }
  return flatten_onto_white(bgra);
}

}  // namespace

Result<cv::Mat> decode_webp(std::string_view bytes, std::uint64_t max_pixels) {
  return without_exceptions([&] { return decode(bytes, max_pixels); });
}

}  // namespace simreg::imaging

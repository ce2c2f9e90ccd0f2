#include "imaging/image_codec_internal.hpp"

#include "imaging/image_errors.hpp"
#include "imaging/jpeg_codec_internal.hpp"
#include "imaging/png_codec_internal.hpp"
#include "imaging/webp_codec_internal.hpp"

namespace simreg::imaging {

Result<cv::Mat> decode_image(std::string_view bytes, ImageFormat format, std::uint64_t max_pixels) {
  switch (format) {
    case ImageFormat::jpeg: return decode_jpeg(bytes, max_pixels);
    case ImageFormat::png: return decode_png(bytes, max_pixels);
    case ImageFormat::webp: return decode_webp(bytes, max_pixels);
  }
  return image_error(kUnsupportedType);
}

}  // namespace simreg::imaging

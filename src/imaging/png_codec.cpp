#include "imaging/png_codec_internal.hpp"

#include <csetjmp>
#include <cstring>
#include <vector>

#include <png.h>

#include "imaging/alpha_flatten_internal.hpp"
#include "imaging/image_errors.hpp"
#include "imaging/no_exceptions_internal.hpp"

// Every libpng call below is made from a "step" function that holds the setjmp and owns no object
// with a destructor, so the longjmp out of libpng never skips one. The C++ objects (the cv::Mat,
// the row pointers, the state holder) live in the callers, outside the jump.

namespace simreg::imaging {
namespace {

struct Source {
  const unsigned char* data;
  std::size_t size;
  std::size_t offset;
};

void read_from_source(png_structp png, png_bytep out, png_size_t length) {
  auto* source = static_cast<Source*>(png_get_io_ptr(png));
  if (source->size - source->offset < length) png_error(png, "truncated");
  std::memcpy(out, source->data + source->offset, length);
  source->offset += length;
}

[[noreturn]] void on_error(png_structp png, png_const_charp) { png_longjmp(png, 1); }
void on_warning(png_structp, png_const_charp) {}

struct Reader {
  png_structp png = nullptr;
  png_infop info = nullptr;
  Source source{};
  ~Reader() { png_destroy_read_struct(&png, &info, nullptr); }
};

bool read_info(Reader& r) {
  if (setjmp(png_jmpbuf(r.png)) != 0) return false;
  png_set_read_fn(r.png, &r.source, read_from_source);
  // Text, time, palette histograms and private chunks are of no use here: skip what can be skipped.
  png_set_keep_unknown_chunks(r.png, PNG_HANDLE_CHUNK_NEVER, nullptr, 0);
  png_read_info(r.png, r.info);
  return true;
}

// Asks libpng for 8-bit B, G, R (and A when the file has transparency), whatever the file holds.
bool set_transforms(Reader& r, bool with_alpha) {
  if (setjmp(png_jmpbuf(r.png)) != 0) return false;
  const int color_type = png_get_color_type(r.png, r.info);
  const int bit_depth = png_get_bit_depth(r.png, r.info);
  if (bit_depth == 16) png_set_strip_16(r.png);
  if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(r.png);
  if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(r.png);
  if (png_get_valid(r.png, r.info, PNG_INFO_tRNS) != 0) png_set_tRNS_to_alpha(r.png);
  if ((color_type & PNG_COLOR_MASK_COLOR) == 0) png_set_gray_to_rgb(r.png);
  png_set_bgr(r.png);
  png_set_interlace_handling(r.png);
  png_read_update_info(r.png, r.info);
  return png_get_channels(r.png, r.info) == (with_alpha ? 4 : 3) && png_get_bit_depth(r.png, r.info) == 8;
}

// Reads every row (all seven passes when interlaced), then the chunks through IEND, whose CRCs are
// checked like the others.
bool read_rows(Reader& r, png_bytepp rows) {
  if (setjmp(png_jmpbuf(r.png)) != 0) return false;
  png_read_image(r.png, rows);
  png_read_end(r.png, nullptr);
  return true;
}

Result<cv::Mat> decode(std::string_view bytes, std::uint64_t max_pixels) {
  Reader r;
  r.source = {reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), 0};
  r.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, on_error, on_warning);
  if (r.png == nullptr) return imaging_failed();
  r.info = png_create_info_struct(r.png);
  if (r.info == nullptr) return imaging_failed();
  if (!read_info(r)) return image_error(kUnreadable);

  const std::uint64_t width = png_get_image_width(r.png, r.info);
  const std::uint64_t height = png_get_image_height(r.png, r.info);
  if (width == 0 || height == 0) return image_error(kUnreadable);
  if (width * height > max_pixels) return image_error(kTooManyPixels);
  const bool with_alpha = (png_get_color_type(r.png, r.info) & PNG_COLOR_MASK_ALPHA) != 0 ||
                          png_get_valid(r.png, r.info, PNG_INFO_tRNS) != 0;
  if (!set_transforms(r, with_alpha)) return image_error(kUnreadable);

  cv::Mat pixels(static_cast<int>(height), static_cast<int>(width), with_alpha ? CV_8UC4 : CV_8UC3);
  std::vector<png_bytep> rows(static_cast<std::size_t>(height));
  for (int y = 0; y < pixels.rows; ++y) rows[static_cast<std::size_t>(y)] = pixels.ptr<png_byte>(y);
  if (!read_rows(r, rows.data())) return image_error(kUnreadable);
  return with_alpha ? flatten_onto_white(pixels) : pixels;
}

}  // namespace

Result<cv::Mat> decode_png(std::string_view bytes, std::uint64_t max_pixels) {
  return without_exceptions([&] { return decode(bytes, max_pixels); });
}

}  // namespace simreg::imaging

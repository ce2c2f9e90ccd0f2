#include "imaging/jpeg_codec_internal.hpp"

#include <algorithm>
#include <csetjmp>
#include <cstdio>  // jpeglib.h uses FILE and size_t without including them
#include <cstdlib>

#include <jpeglib.h>
#include <jerror.h>

#include "imaging/image_errors.hpp"
#include "imaging/no_exceptions_internal.hpp"

// Every libjpeg call below is made from a "step" function that holds the setjmp and owns no object
// with a destructor, so the longjmp out of libjpeg never skips one. The C++ objects (the cv::Mat,
// the state holders with their destroy calls) live in the callers, outside the jump.

namespace simreg::imaging {
namespace {

struct ErrorManager {
  jpeg_error_mgr pub;  // first: libjpeg hands back a jpeg_error_mgr*
  std::jmp_buf jump;
};

[[noreturn]] void jump_back(j_common_ptr cinfo) {
  std::longjmp(reinterpret_cast<ErrorManager*>(cinfo->err)->jump, 1);
}

// Level −1 is a warning, ≥ 0 a trace message. Nothing is printed. The warnings listed here mean
// libjpeg is filling pixels it could not read (grey or garbage), so the picture is not the upload:
// fail now instead of spending the rest of the decode on it. Other warnings (extraneous bytes before
// a marker, an odd JFIF version, an inconsistent progression) leave every pixel decoded.
void on_message(j_common_ptr cinfo, int level) {
  if (level >= 0) return;
  switch (cinfo->err->msg_code) {
    case JWRN_JPEG_EOF:
    case JWRN_HIT_MARKER:
    case JWRN_MUST_RESYNC:
    case JWRN_HUFF_BAD_CODE:
    case JWRN_ARITH_BAD_CODE: jump_back(cinfo);
    default: return;
  }
}

void print_nothing(j_common_ptr) {}

void install_error_manager(ErrorManager& err, jpeg_error_mgr*& slot) {
  slot = jpeg_std_error(&err.pub);
  err.pub.error_exit = jump_back;
  err.pub.emit_message = on_message;
  err.pub.output_message = print_nothing;
}

void on_progress(j_common_ptr cinfo) {
  if (cinfo->is_decompressor && reinterpret_cast<j_decompress_ptr>(cinfo)->input_scan_number > kMaxJpegScans) {
    jump_back(cinfo);
  }
}

// ---- decoding ----

struct Decompressor {
  jpeg_decompress_struct cinfo{};
  ErrorManager err{};
  jpeg_progress_mgr progress{};
  Decompressor() { install_error_manager(err, cinfo.err); }
  ~Decompressor() { jpeg_destroy_decompress(&cinfo); }  // a no-op when creation itself failed
  Decompressor(const Decompressor&) = delete;
  Decompressor& operator=(const Decompressor&) = delete;
};

bool read_header(Decompressor& d, const unsigned char* data, unsigned long size) {
  if (setjmp(d.err.jump) != 0) return false;
  jpeg_create_decompress(&d.cinfo);
  d.progress.progress_monitor = on_progress;
  d.cinfo.progress = &d.progress;
  jpeg_mem_src(&d.cinfo, data, size);
  return jpeg_read_header(&d.cinfo, TRUE) == JPEG_HEADER_OK;
}

// Progressive and multi-scan files are read to the end here, into libjpeg's coefficient buffer.
bool start(Decompressor& d) {
  if (setjmp(d.err.jump) != 0) return false;
  const bool four_channel = d.cinfo.jpeg_color_space == JCS_CMYK || d.cinfo.jpeg_color_space == JCS_YCCK;
  d.cinfo.out_color_space = four_channel ? JCS_CMYK : JCS_EXT_BGR;
  return jpeg_start_decompress(&d.cinfo) == TRUE;
}

bool read_pixels(Decompressor& d, unsigned char* first_row, std::size_t stride) {
  if (setjmp(d.err.jump) != 0) return false;
  while (d.cinfo.output_scanline < d.cinfo.output_height) {
    JSAMPROW row = first_row + stride * d.cinfo.output_scanline;
    if (jpeg_read_scanlines(&d.cinfo, &row, 1) != 1) return false;
  }
  return jpeg_finish_decompress(&d.cinfo) == TRUE;
}

// Adobe stores CMYK inverted (0 = full ink), so each channel is already 255 − ink and the colour is
// their product with K: R = C·K/255, G = M·K/255, B = Y·K/255.
cv::Mat bgr_from_inverted_cmyk(const cv::Mat& cmyk) {
  cv::Mat bgr(cmyk.rows, cmyk.cols, CV_8UC3);
  for (int y = 0; y < cmyk.rows; ++y) {
    const std::uint8_t* in = cmyk.ptr<std::uint8_t>(y);
    std::uint8_t* out = bgr.ptr<std::uint8_t>(y);
    for (int x = 0; x < cmyk.cols; ++x, in += 4, out += 3) {
      const unsigned k = in[3];
      out[0] = static_cast<std::uint8_t>((in[2] * k + 127u) / 255u);
      out[1] = static_cast<std::uint8_t>((in[1] * k + 127u) / 255u);
      out[2] = static_cast<std::uint8_t>((in[0] * k + 127u) / 255u);
    }
  }
  return bgr;
}

Result<cv::Mat> decode(std::string_view bytes, std::uint64_t max_pixels) {
  Decompressor d;
  if (!read_header(d, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()))) {
    return image_error(kUnreadable);
  }
  const std::uint64_t width = d.cinfo.image_width;
  const std::uint64_t height = d.cinfo.image_height;
  if (width == 0 || height == 0) return image_error(kUnreadable);
  if (width * height > max_pixels) return image_error(kTooManyPixels);
  if (!start(d)) return image_error(kUnreadable);
  const int channels = d.cinfo.output_components;
  if (d.cinfo.output_width != width || d.cinfo.output_height != height || (channels != 3 && channels != 4)) {
    return image_error(kUnreadable);
  }
  cv::Mat pixels(static_cast<int>(height), static_cast<int>(width), CV_8UC(channels));
  if (!read_pixels(d, pixels.data, pixels.step)) return image_error(kUnreadable);
  return channels == 4 ? bgr_from_inverted_cmyk(pixels) : pixels;
}

// ---- encoding ----

// A growing malloc'd buffer: libjpeg's own jpeg_mem_dest leaks its buffer when compression fails.
struct Sink {
  jpeg_destination_mgr pub;  // first: libjpeg hands back a jpeg_destination_mgr*
  unsigned char* data;
  std::size_t capacity;
  std::size_t size;
};

constexpr std::size_t kFirstSinkBytes = 256 * 1024;

Sink* sink_of(j_compress_ptr cinfo) { return reinterpret_cast<Sink*>(cinfo->dest); }

void sink_start(j_compress_ptr cinfo) {
  Sink* sink = sink_of(cinfo);
  sink->data = static_cast<unsigned char*>(std::malloc(kFirstSinkBytes));
  if (sink->data == nullptr) ERREXIT(cinfo, JERR_OUT_OF_MEMORY);
  sink->capacity = kFirstSinkBytes;
  sink->pub.next_output_byte = sink->data;
  sink->pub.free_in_buffer = sink->capacity;
}

// Called when the buffer is full (free_in_buffer is 0, whatever next_output_byte says).
boolean sink_grow(j_compress_ptr cinfo) {
  Sink* sink = sink_of(cinfo);
  const std::size_t used = sink->capacity;
  auto* grown = static_cast<unsigned char*>(std::realloc(sink->data, sink->capacity * 2));
  if (grown == nullptr) ERREXIT(cinfo, JERR_OUT_OF_MEMORY);
  sink->data = grown;
  sink->capacity *= 2;
  sink->pub.next_output_byte = sink->data + used;
  sink->pub.free_in_buffer = sink->capacity - used;
  return TRUE;
}

void sink_finish(j_compress_ptr cinfo) {
  Sink* sink = sink_of(cinfo);
  sink->size = sink->capacity - sink->pub.free_in_buffer;
}

struct Compressor {
  jpeg_compress_struct cinfo{};
  ErrorManager err{};
  Sink sink{};
  Compressor() {
    install_error_manager(err, cinfo.err);
    sink.pub.init_destination = sink_start;
    sink.pub.empty_output_buffer = sink_grow;
    sink.pub.term_destination = sink_finish;
  }
  ~Compressor() {
    jpeg_destroy_compress(&cinfo);
    std::free(sink.data);
  }
  Compressor(const Compressor&) = delete;
  Compressor& operator=(const Compressor&) = delete;
};

bool compress(Compressor& c, const unsigned char* first_row, std::size_t stride, int width, int height, int quality) {
  if (setjmp(c.err.jump) != 0) return false;
  jpeg_create_compress(&c.cinfo);
  c.cinfo.dest = &c.sink.pub;
  c.cinfo.image_width = static_cast<JDIMENSION>(width);
  c.cinfo.image_height = static_cast<JDIMENSION>(height);
  c.cinfo.input_components = 3;
  c.cinfo.in_color_space = JCS_EXT_BGR;
  jpeg_set_defaults(&c.cinfo);  // YCbCr 4:2:0, Huffman, sequential: baseline JFIF
  jpeg_set_quality(&c.cinfo, quality, TRUE);
  jpeg_start_compress(&c.cinfo, TRUE);
  while (c.cinfo.next_scanline < c.cinfo.image_height) {
    // libjpeg's row type is not const, but compression only reads it.
    JSAMPROW row = const_cast<unsigned char*>(first_row + stride * c.cinfo.next_scanline);
    jpeg_write_scanlines(&c.cinfo, &row, 1);
  }
  jpeg_finish_compress(&c.cinfo);
  return true;
}

}  // namespace

Result<cv::Mat> decode_jpeg(std::string_view bytes, std::uint64_t max_pixels) {
  return without_exceptions([&] { return decode(bytes, max_pixels); });
}

Result<std::string> encode_jpeg(const cv::Mat& bgr, int quality) {
  if (bgr.empty() || bgr.type() != CV_8UC3) return imaging_failed();
  return without_exceptions([&]() -> Result<std::string> {
    Compressor c;
    if (!compress(c, bgr.data, bgr.step, bgr.cols, bgr.rows, std::clamp(quality, 1, 100))) return imaging_failed();
    return std::string(reinterpret_cast<const char*>(c.sink.data), c.sink.size);
  });
}

}  // namespace simreg::imaging

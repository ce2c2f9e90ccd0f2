// decode_png: every colour type, depth, palette and interlacing gives the expected 8-bit BGR pixels
// (the same as OpenCV's imdecode for opaque pictures), transparency is flattened onto white, and
// every broken or hostile file is the right error code.
#include "imaging/png_codec_internal.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <csetjmp>
#include <functional>
#include <optional>
#include <stdexcept>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <png.h>

#include "imaging/alpha_flatten_internal.hpp"
#include "imaging/broken_decode_case_internal.hpp"
#include "imaging/sample_photos_internal.hpp"

namespace simreg::imaging {
namespace {

namespace samples = testing;
using samples::max_difference;

constexpr std::uint64_t kMaxPixels = 40'000'000;

// fruits.jpg at 320 × 300.
const cv::Mat& picture() {
  static const cv::Mat made = samples::resized_long_side(samples::load_sample("fruits.jpg"), 320);
  return made;
}

cv::Mat grey_picture() {
  cv::Mat grey;
  cv::cvtColor(picture(), grey, cv::COLOR_BGR2GRAY);
  return grey;
}

cv::Mat bgr_of_grey(const cv::Mat& grey) {
  cv::Mat bgr;
  cv::cvtColor(grey, bgr, cv::COLOR_GRAY2BGR);
  return bgr;
}

std::string png(const cv::Mat& image, std::vector<int> params = {}) {
  std::vector<std::uint8_t> out;
  if (!cv::imencode(".png", image, out, params)) throw std::runtime_error("imencode failed");
  return std::string(out.begin(), out.end());
}

// ---- a libpng writer for what OpenCV cannot write (palettes, 2-bit grey, tRNS, interlacing) ----

struct RawPng {
  int width = 0;
  int height = 0;
  int color_type = PNG_COLOR_TYPE_RGB;
  int bit_depth = 8;
  bool interlaced = false;
  std::vector<png_color> palette;
  std::vector<png_byte> palette_alpha;      // tRNS of a palette picture
  std::optional<png_color_16> transparent;  // tRNS of a grey or RGB picture
  std::vector<std::vector<png_byte>> rows;  // as the file stores them: packed, RGB order, big-endian
};

RawPng raw_png(int color_type, int bit_depth, bool interlaced = false) {
  RawPng spec;
  spec.width = picture().cols;
  spec.height = picture().rows;
  spec.color_type = color_type;
  spec.bit_depth = bit_depth;
  spec.interlaced = interlaced;
  return spec;
}

void append_to_string(png_structp png, png_bytep data, png_size_t length) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), length);
}
void flush_nothing(png_structp) {}

std::string write_png(RawPng spec) {
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  std::vector<png_bytep> rows;
  for (auto& row : spec.rows) rows.push_back(row.data());
  if (setjmp(png_jmpbuf(png)) != 0) {
    png_destroy_write_struct(&png, &info);
    throw std::runtime_error("libpng could not write the test picture");
  }
  png_set_write_fn(png, &out, append_to_string, flush_nothing);
  png_set_IHDR(png, info, static_cast<png_uint_32>(spec.width), static_cast<png_uint_32>(spec.height), spec.bit_depth,
               spec.color_type, spec.interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (!spec.palette.empty()) png_set_PLTE(png, info, spec.palette.data(), static_cast<int>(spec.palette.size()));
  if (!spec.palette_alpha.empty()) {
    png_set_tRNS(png, info, spec.palette_alpha.data(), static_cast<int>(spec.palette_alpha.size()), nullptr);
  }
  if (spec.transparent) png_set_tRNS(png, info, nullptr, 0, &*spec.transparent);
  png_write_info(png, info);
  png_write_image(png, rows.data());
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

// Samples of `bits` each, most significant first, as PNG packs sub-byte depths.
std::vector<png_byte> pack(const std::vector<int>& values, int bits) {
  std::vector<png_byte> out((values.size() * static_cast<std::size_t>(bits) + 7) / 8, 0);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::size_t bit = i * static_cast<std::size_t>(bits);
    out[bit / 8] = static_cast<png_byte>(out[bit / 8] | (values[i] << (8 - bits - static_cast<int>(bit % 8))));
  }
  return out;
}

struct Expected {
  std::string bytes;
  cv::Mat bgr;
};

// The picture with each channel reduced to 6 levels: a 216-entry palette, indexed r·36 + g·6 + b.
Expected palette_8bit() {
  RawPng spec = raw_png(PNG_COLOR_TYPE_PALETTE, 8);
  for (int i = 0; i < 216; ++i) {
    spec.palette.push_back(png_color{static_cast<png_byte>(i / 36 * 51), static_cast<png_byte>(i / 6 % 6 * 51),
                                     static_cast<png_byte>(i % 6 * 51)});
  }
  cv::Mat expected(picture().size(), CV_8UC3);
  for (int y = 0; y < picture().rows; ++y) {
    std::vector<int> indices;
    for (int x = 0; x < picture().cols; ++x) {
      const cv::Vec3b px = picture().at<cv::Vec3b>(y, x);
      const int b = (px[0] + 25) / 51, g = (px[1] + 25) / 51, r = (px[2] + 25) / 51;
      indices.push_back(r * 36 + g * 6 + b);
      expected.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<std::uint8_t>(b * 51), static_cast<std::uint8_t>(g * 51),
                                               static_cast<std::uint8_t>(r * 51));
    }
    spec.rows.push_back(pack(indices, 8));
  }
  return {write_png(spec), expected};
}

// A 4-bit palette of 16 warm colours indexed by brightness; entries 0..3 optionally see-through.
Expected palette_4bit(bool with_trns) {
  RawPng spec = raw_png(PNG_COLOR_TYPE_PALETTE, 4);
  for (int i = 0; i < 16; ++i) {
    spec.palette.push_back(
        png_color{static_cast<png_byte>(i * 17), static_cast<png_byte>(i * 12), static_cast<png_byte>(255 - i * 9)});
  }
  if (with_trns) spec.palette_alpha = {0, 64, 128, 192};  // entries 4..15 stay opaque
  const cv::Mat grey = grey_picture();
  cv::Mat expected(picture().size(), CV_8UC3);
  for (int y = 0; y < grey.rows; ++y) {
    std::vector<int> indices;
    for (int x = 0; x < grey.cols; ++x) {
      const int i = grey.at<std::uint8_t>(y, x) / 16;
      indices.push_back(i);
      const png_color c = spec.palette[static_cast<std::size_t>(i)];
      const int a = with_trns && i < 4 ? spec.palette_alpha[static_cast<std::size_t>(i)] : 255;
      auto over_white = [a](int v) { return static_cast<std::uint8_t>((v * a + 255 * (255 - a) + 127) / 255); };
      expected.at<cv::Vec3b>(y, x) = cv::Vec3b(over_white(c.blue), over_white(c.green), over_white(c.red));
    }
    spec.rows.push_back(pack(indices, 4));
  }
  return {write_png(spec), expected};
}

// 2-bit grey: levels 0, 85, 170, 255.
Expected grey_2bit() {
  RawPng spec = raw_png(PNG_COLOR_TYPE_GRAY, 2);
  const cv::Mat grey = grey_picture();
  cv::Mat expected_grey(grey.size(), CV_8UC1);
  for (int y = 0; y < grey.rows; ++y) {
    std::vector<int> levels;
    for (int x = 0; x < grey.cols; ++x) {
      const int level = grey.at<std::uint8_t>(y, x) / 64;
      levels.push_back(level);
      expected_grey.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>(level * 85);
    }
    spec.rows.push_back(pack(levels, 2));
  }
  return {write_png(spec), bgr_of_grey(expected_grey)};
}

cv::Mat source_equals(const cv::Mat& bgr, cv::Vec3b colour) {
  cv::Mat mask;
  cv::inRange(bgr, cv::Scalar(colour[0], colour[1], colour[2]), cv::Scalar(colour[0], colour[1], colour[2]), mask);
  return mask;
}

// The picture as RGB rows, optionally Adam7-interlaced, optionally with one colour marked
// transparent by tRNS (every pixel of that exact colour is then white).
Expected rgb_raw(bool interlaced, std::optional<cv::Vec3b> transparent_bgr) {
  RawPng spec = raw_png(PNG_COLOR_TYPE_RGB, 8, interlaced);
  cv::Mat source = picture().clone();
  cv::Mat expected = source.clone();
  if (transparent_bgr) {
    // Paint a block in the transparent colour so some pixels match it exactly.
    source(cv::Rect(20, 20, 60, 40)).setTo(cv::Scalar((*transparent_bgr)[0], (*transparent_bgr)[1], (*transparent_bgr)[2]));
    expected = source.clone();
    expected.setTo(cv::Scalar::all(255), source_equals(source, *transparent_bgr));
    png_color_16 key{};
    key.red = (*transparent_bgr)[2];
    key.green = (*transparent_bgr)[1];
    key.blue = (*transparent_bgr)[0];
    spec.transparent = key;
  }
  for (int y = 0; y < source.rows; ++y) {
    std::vector<png_byte> row;
    for (int x = 0; x < source.cols; ++x) {
      const cv::Vec3b px = source.at<cv::Vec3b>(y, x);
      row.insert(row.end(), {px[2], px[1], px[0]});
    }
    spec.rows.push_back(row);
  }
  return {write_png(spec), expected};
}

// Grey with a left-to-right alpha ramp (grey + alpha colour type), optionally interlaced.
Expected grey_alpha(bool interlaced) {
  RawPng spec = raw_png(PNG_COLOR_TYPE_GRAY_ALPHA, 8, interlaced);
  const cv::Mat grey = grey_picture();
  cv::Mat expected_grey(grey.size(), CV_8UC1);
  for (int y = 0; y < grey.rows; ++y) {
    std::vector<png_byte> row;
    for (int x = 0; x < grey.cols; ++x) {
      const int v = grey.at<std::uint8_t>(y, x);
      const int a = x * 255 / (grey.cols - 1);
      row.insert(row.end(), {static_cast<png_byte>(v), static_cast<png_byte>(a)});
      expected_grey.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>((v * a + 255 * (255 - a) + 127) / 255);
    }
    spec.rows.push_back(row);
  }
  return {write_png(spec), bgr_of_grey(expected_grey)};
}

// Grey with tRNS: the darkest value (after a black bar is painted) is transparent.
Expected grey_trns() {
  RawPng spec = raw_png(PNG_COLOR_TYPE_GRAY, 8);
  cv::Mat grey = grey_picture();
  grey(cv::Rect(0, 0, grey.cols, 10)).setTo(0);
  cv::Mat expected_grey = grey.clone();
  expected_grey.setTo(255, grey == 0);
  png_color_16 key{};
  key.gray = 0;
  spec.transparent = key;
  for (int y = 0; y < grey.rows; ++y) spec.rows.emplace_back(grey.ptr<png_byte>(y), grey.ptr<png_byte>(y) + grey.cols);
  return {write_png(spec), bgr_of_grey(expected_grey)};
}

// BGRA with an alpha ramp from top to bottom, 8 or 16 bits per sample, written by OpenCV.
Expected bgra(bool sixteen_bit) {
  cv::Mat with_alpha;
  cv::cvtColor(picture(), with_alpha, cv::COLOR_BGR2BGRA);
  for (int y = 0; y < with_alpha.rows; ++y) {
    for (int x = 0; x < with_alpha.cols; ++x) {
      with_alpha.at<cv::Vec4b>(y, x)[3] = static_cast<std::uint8_t>(y * 255 / (with_alpha.rows - 1));
    }
  }
  const cv::Mat expected = flatten_onto_white(with_alpha);
  if (!sixteen_bit) return {png(with_alpha), expected};
  cv::Mat wide;
  with_alpha.convertTo(wide, CV_16UC4, 256, 200);  // high byte = the 8-bit value, low byte = 200
  return {png(wide), expected};
}

class PngCodecTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(samples::sample_dir().has_value()) << "OpenCV sample photos are missing: install opencv-doc";
  }
};

struct PixelCase {
  const char* name;
  std::function<Expected()> make;
  bool opaque;  // then OpenCV's decode (alpha-less) gave the same pixels before
};
void PrintTo(const PixelCase& c, std::ostream* os) { *os << c.name; }

class PngPixelTest : public PngCodecTest, public ::testing::WithParamInterface<PixelCase> {};

TEST_P(PngPixelTest, DecodesToTheExpectedBgrPixels) {
  const auto& c = GetParam();
  const Expected expected = c.make();
  auto decoded = decode_png(expected.bytes, kMaxPixels);
  ASSERT_TRUE(decoded.ok()) << decoded.error().code;
  ASSERT_EQ(decoded->type(), CV_8UC3);
  EXPECT_EQ(max_difference(*decoded, expected.bgr), 0);
  if (c.opaque) {
    EXPECT_EQ(max_difference(*decoded, samples::opencv_decode(expected.bytes)), 0);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, PngPixelTest,
    ::testing::Values(
        PixelCase{"rgb_8bit", [] { return Expected{png(picture()), picture()}; }, true},
        PixelCase{"rgb_8bit_max_compression",
                  [] { return Expected{png(picture(), {cv::IMWRITE_PNG_COMPRESSION, 9}), picture()}; }, true},
        PixelCase{"rgb_16bit_keeps_high_byte",
                  [] {
                    cv::Mat wide;
                    picture().convertTo(wide, CV_16UC3, 256, 200);
                    return Expected{png(wide), picture()};
                  },
                  true},
        PixelCase{"grey_8bit", [] { return Expected{png(grey_picture()), bgr_of_grey(grey_picture())}; }, true},
        PixelCase{"grey_16bit",
                  [] {
                    cv::Mat wide;
                    grey_picture().convertTo(wide, CV_16UC1, 256, 77);
                    return Expected{png(wide), bgr_of_grey(grey_picture())};
                  },
                  true},
        PixelCase{"grey_1bit",
                  [] {
                    const cv::Mat bilevel = grey_picture() > 128;  // 0 or 255
                    return Expected{png(bilevel, {cv::IMWRITE_PNG_BILEVEL, 1}), bgr_of_grey(bilevel)};
                  },
                  true},
        PixelCase{"grey_2bit", grey_2bit, true},
        PixelCase{"palette_8bit", palette_8bit, true},
        PixelCase{"palette_4bit", [] { return palette_4bit(false); }, true},
        PixelCase{"rgb_interlaced", [] { return rgb_raw(true, std::nullopt); }, true},
        // Transparency: flattened onto white (OpenCV dropped alpha and showed the hidden colour).
        PixelCase{"bgra_8bit_alpha_ramp", [] { return bgra(false); }, false},
        PixelCase{"bgra_16bit_alpha_ramp", [] { return bgra(true); }, false},
        PixelCase{"grey_alpha", [] { return grey_alpha(false); }, false},
        PixelCase{"grey_alpha_interlaced", [] { return grey_alpha(true); }, false},
        PixelCase{"palette_with_trns", [] { return palette_4bit(true); }, false},
        PixelCase{"grey_with_trns", grey_trns, false},
        PixelCase{"rgb_with_trns", [] { return rgb_raw(false, cv::Vec3b(10, 200, 30)); }, false}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(PngCodecTest, RealSampleFilesDecodeAsOpenCVDidWhereOpaque) {
  // RGB, palette, grey, RGBA and grey + alpha files as tools wrote them.
  for (const char* name : {"pic1.png", "sudoku.png", "smarties.png", "imageTextN.png", "digits.png",
                           "opencv-logo.png", "chicky_512.png", "mask.png"}) {
    SCOPED_TRACE(name);
    const std::string bytes = samples::sample_bytes(name);
    auto decoded = decode_png(bytes, kMaxPixels);
    ASSERT_TRUE(decoded.ok()) << decoded.error().code;
    cv::Mat raw = samples::opencv_decode_unchanged(bytes);
    if (raw.channels() == 2) {
      std::vector<cv::Mat> grey_alpha;
      cv::split(raw, grey_alpha);
      cv::merge(std::vector<cv::Mat>{grey_alpha[0], grey_alpha[0], grey_alpha[0], grey_alpha[1]}, raw);
    }
    if (raw.channels() == 4) {
      EXPECT_EQ(max_difference(*decoded, flatten_onto_white(raw)), 0);
    } else {
      EXPECT_EQ(max_difference(*decoded, samples::opencv_decode(bytes)), 0);
    }
  }
}

// ---- broken and hostile files ----

std::uint32_t be32_at(const std::string& b, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8) |
         static_cast<unsigned char>(b[at + 3]);
}

// Offset of the first chunk of `type` (its length field).
std::size_t chunk_at(const std::string& b, const std::string& type) {
  std::size_t pos = 8;
  while (pos + 12 <= b.size()) {
    if (b.compare(pos + 4, 4, type) == 0) return pos;
    pos += 12 + be32_at(b, pos);
  }
  throw std::runtime_error("no " + type + " chunk");
}

void fix_crc(std::string& b, std::size_t chunk) {
  const std::uint32_t length = be32_at(b, chunk);
  const uLong crc = crc32(0, reinterpret_cast<const Bytef*>(b.data() + chunk + 4), length + 4);
  for (int i = 0; i < 4; ++i) b[chunk + 8 + length + i] = static_cast<char>((crc >> (24 - 8 * i)) & 0xFF);
}

std::string selfie_png() { return png(picture()); }

using BrokenCase = samples::BrokenDecodeCase;

class PngBrokenTest : public PngCodecTest, public ::testing::WithParamInterface<BrokenCase> {};

TEST_P(PngBrokenTest, IsAnErrorValue) {
  samples::expect_decode_error(decode_png, GetParam());
}

INSTANTIATE_TEST_SUITE_P(
    Table, PngBrokenTest,
    ::testing::Values(
        BrokenCase{"zero_length", [] { return std::string(); }, kMaxPixels, "image.unreadable"},
        BrokenCase{"signature_only", [] { return selfie_png().substr(0, 8); }, kMaxPixels, "image.unreadable"},
        BrokenCase{"header_only", [] { return selfie_png().substr(0, 33); }, kMaxPixels, "image.unreadable"},
        BrokenCase{"truncated_half", [] { return selfie_png().substr(0, selfie_png().size() / 2); }, kMaxPixels,
                   "image.unreadable"},
        BrokenCase{"iend_missing", [] { return selfie_png().substr(0, selfie_png().size() - 12); }, kMaxPixels,
                   "image.unreadable"},
        BrokenCase{"idat_crc_wrong",
                   [] {
                     std::string b = selfie_png();
                     const std::size_t idat = chunk_at(b, "IDAT");
                     b[idat + 8 + be32_at(b, idat)] ^= 0x5A;
                     return b;
                   },
                   kMaxPixels, "image.unreadable"},
        BrokenCase{"zlib_header_broken_crc_right",
                   [] {
                     std::string b = selfie_png();
                     const std::size_t idat = chunk_at(b, "IDAT");
                     b[idat + 8] = '\x7F';  // compression method 15: no such zlib method
                     fix_crc(b, idat);
                     return b;
                   },
                   kMaxPixels, "image.unreadable"},
        BrokenCase{"ihdr_bit_depth_3",
                   [] {
                     std::string b = selfie_png();
                     b[24] = 3;
                     fix_crc(b, 8);
                     return b;
                   },
                   kMaxPixels, "image.unreadable"},
        BrokenCase{"width_zero", [] { return samples::png_claiming(0, 10); }, kMaxPixels, "image.unreadable"},
        BrokenCase{"too_little_image_data", [] { return samples::png_claiming(2000, 2000); }, kMaxPixels,
                   "image.unreadable"},
        BrokenCase{"a_jpeg", [] { return samples::encode(picture(), ".jpg"); }, kMaxPixels, "image.unreadable"},
        // Pixel flood: refused from IHDR, before the picture (or libpng's row buffer) is allocated.
        BrokenCase{"claiming_60000_square", [] { return samples::png_claiming(60000, 60000); }, kMaxPixels,
                   "image.too_many_pixels"},
        BrokenCase{"more_pixels_than_allowed", selfie_png, 320 * 300 - 1, "image.too_many_pixels"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(PngCodecTest, AncillaryChunkWithABadCrcIsIgnored) {
  std::string b = selfie_png();
  // A tEXt chunk right after IHDR, its CRC wrong: libpng warns and skips it, as browsers do.
  const std::string data("Comment\0hi", 10);
  std::string text = std::string("\0\0\0", 3) + static_cast<char>(data.size()) + "tEXt" + data;
  text += std::string("\xDE\xAD\xBE\xEF", 4);
  b.insert(33, text);
  auto decoded = decode_png(b, kMaxPixels);
  ASSERT_TRUE(decoded.ok()) << decoded.error().code;
  EXPECT_EQ(max_difference(*decoded, picture()), 0);
  fix_crc(b, 33);
  EXPECT_TRUE(decode_png(b, kMaxPixels).ok());  // the chunk itself is well-formed
}

TEST_F(PngCodecTest, PixelLimitIsInclusive) { EXPECT_TRUE(decode_png(selfie_png(), 320 * 300).ok()); }

}  // namespace
}  // namespace simreg::imaging

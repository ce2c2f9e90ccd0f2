// decode_webp: lossy and lossless pictures give the same pixels as OpenCV's imdecode (the same
// libwebp underneath), alpha is flattened onto white, and broken, animated or oversized files are
// the right error codes.
#include "imaging/webp_codec_internal.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "imaging/alpha_flatten_internal.hpp"
#include "imaging/broken_decode_case_internal.hpp"
#include "imaging/sample_photos_internal.hpp"

namespace simreg::imaging {
namespace {

namespace samples = testing;
using samples::max_difference;

constexpr std::uint64_t kMaxPixels = 40'000'000;
constexpr int kLossless = 101;  // OpenCV's WebP encoder: a quality above 100 means lossless

// fruits.jpg at 320 × 300.
const cv::Mat& picture() {
  static const cv::Mat made = samples::resized_long_side(samples::load_sample("fruits.jpg"), 320);
  return made;
}

// The picture with alpha falling from opaque at the top to transparent at the bottom.
cv::Mat with_alpha_ramp() {
  cv::Mat bgra;
  cv::cvtColor(picture(), bgra, cv::COLOR_BGR2BGRA);
  for (int y = 0; y < bgra.rows; ++y) {
    for (int x = 0; x < bgra.cols; ++x) bgra.at<cv::Vec4b>(y, x)[3] = static_cast<std::uint8_t>(255 - y * 255 / (bgra.rows - 1));
  }
  return bgra;
}

std::string webp(const cv::Mat& image, int quality) { return samples::encode(image, ".webp", quality); }

class WebpCodecTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(samples::sample_dir().has_value()) << "OpenCV sample photos are missing: install opencv-doc";
  }
};

struct PixelCase {
  const char* name;
  std::function<std::string()> bytes;
  std::function<cv::Mat(const std::string&)> expected;
};
void PrintTo(const PixelCase& c, std::ostream* os) { *os << c.name; }

class WebpPixelTest : public WebpCodecTest, public ::testing::WithParamInterface<PixelCase> {};

TEST_P(WebpPixelTest, DecodesToTheExpectedBgrPixels) {
  const auto& c = GetParam();
  const std::string bytes = c.bytes();
  auto decoded = decode_webp(bytes, kMaxPixels);
  ASSERT_TRUE(decoded.ok()) << decoded.error().code;
  ASSERT_EQ(decoded->type(), CV_8UC3);
  EXPECT_EQ(max_difference(*decoded, c.expected(bytes)), 0);
}

cv::Mat as_opencv_decoded(const std::string& bytes) { return samples::opencv_decode(bytes); }
cv::Mat flattened_opencv_decode(const std::string& bytes) {
  return flatten_onto_white(samples::opencv_decode_unchanged(bytes));
}

INSTANTIATE_TEST_SUITE_P(
    Table, WebpPixelTest,
    ::testing::Values(
        PixelCase{"lossy_q90", [] { return webp(picture(), 90); }, as_opencv_decoded},
        PixelCase{"lossy_q30", [] { return webp(picture(), 30); }, as_opencv_decoded},
        PixelCase{"lossy_odd_size_7x5", [] { return webp(picture()(cv::Rect(3, 3, 7, 5)), 90); }, as_opencv_decoded},
        PixelCase{"lossless", [] { return webp(picture(), kLossless); }, [](const std::string&) { return picture(); }},
        PixelCase{"lossless_alpha", [] { return webp(with_alpha_ramp(), kLossless); },
                  [](const std::string&) { return flatten_onto_white(with_alpha_ramp()); }},
        // Lossy colour, alpha plane alongside: what OpenCV decodes with the alpha kept, then flattened.
        PixelCase{"lossy_alpha", [] { return webp(with_alpha_ramp(), 80); }, flattened_opencv_decode}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(WebpCodecTest, OpaquePartOfAnAlphaPictureIsUnchanged) {
  auto decoded = decode_webp(webp(with_alpha_ramp(), kLossless), kMaxPixels);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(max_difference(decoded->row(0), picture().row(0)), 0);                       // alpha 255
  EXPECT_EQ(max_difference(decoded->row(decoded->rows - 1),                               // alpha 0
                           cv::Mat(1, picture().cols, CV_8UC3, cv::Scalar::all(255))), 0);
}

// ---- broken and hostile files ----

std::uint32_t le32_at(const std::string& b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24);
}
void put_le32_at(std::string& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

std::string lossy() { return webp(picture(), 80); }

// The image chunk (VP8 or VP8L) is the first chunk of a simple file, at offset 12.
std::string with_payload_byte(std::string b, std::size_t payload_offset, char value) {
  b[20 + payload_offset] = value;
  return b;
}

// A lossy file whose VP8 key-frame header claims width × height (14 bits each, scale bits zero).
std::string frame_claiming(std::string b, std::uint16_t width, std::uint16_t height) {
  b[26] = static_cast<char>(width & 0xFF);
  b[27] = static_cast<char>(width >> 8);
  b[28] = static_cast<char>(height & 0xFF);
  b[29] = static_cast<char>(height >> 8);
  return b;
}

// The VP8 chunk cut to half its data, with the chunk and RIFF sizes made to agree.
std::string half_vp8_data() {
  std::string b = lossy();
  const std::uint32_t size = le32_at(b, 16) / 2 & ~1u;
  b.resize(20 + size);
  put_le32_at(b, 16, size);
  put_le32_at(b, 4, static_cast<std::uint32_t>(b.size() - 8));
  return b;
}

using BrokenCase = samples::BrokenDecodeCase;

class WebpBrokenTest : public WebpCodecTest, public ::testing::WithParamInterface<BrokenCase> {};

TEST_P(WebpBrokenTest, IsAnErrorValue) {
  samples::expect_decode_error(decode_webp, GetParam());
}

INSTANTIATE_TEST_SUITE_P(
    Table, WebpBrokenTest,
    ::testing::Values(
        BrokenCase{"zero_length", [] { return std::string(); }, kMaxPixels, "image.unreadable"},
        BrokenCase{"riff_header_only", [] { return lossy().substr(0, 12); }, kMaxPixels, "image.unreadable"},
        BrokenCase{"chunk_header_only", [] { return lossy().substr(0, 20); }, kMaxPixels, "image.unreadable"},
        BrokenCase{"truncated", [] { return lossy().substr(0, lossy().size() - 100); }, kMaxPixels,
                   "image.unreadable"},
        BrokenCase{"truncated_lossless",
                   [] {
                     const std::string b = webp(picture(), kLossless);
                     return b.substr(0, b.size() / 2);
                   },
                   kMaxPixels, "image.unreadable"},
        BrokenCase{"vp8_data_cut_sizes_consistent", half_vp8_data, kMaxPixels, "image.unreadable"},
        BrokenCase{"vp8_start_code_broken", [] { return with_payload_byte(lossy(), 4, '\x02'); }, kMaxPixels,
                   "image.unreadable"},
        BrokenCase{"vp8l_signature_broken", [] { return with_payload_byte(webp(picture(), kLossless), 0, '\x2E'); },
                   kMaxPixels, "image.unreadable"},
        BrokenCase{"canvas_larger_than_its_frame", [] { return samples::webp_with_vp8x(lossy(), 700, 700, 0); },
                   kMaxPixels, "image.unreadable"},
        BrokenCase{"a_png", [] { return samples::encode(picture(), ".png"); }, kMaxPixels, "image.unreadable"},
        BrokenCase{"animated", [] { return samples::webp_with_vp8x(lossy(), 320, 300, 0x02); }, kMaxPixels,
                   "image.unsupported_type"},
        // libwebp checks the canvas against the frame before anything else: a lie is unreadable.
        BrokenCase{"canvas_alone_claiming_16000_by_12000",
                   [] { return samples::webp_with_vp8x(lossy(), 16000, 12000, 0); }, kMaxPixels, "image.unreadable"},
        // Pixel flood: a consistent 192-megapixel claim is refused from the headers, before allocation.
        BrokenCase{"frame_claiming_16000_by_12000", [] { return frame_claiming(lossy(), 16000, 12000); }, kMaxPixels,
                   "image.too_many_pixels"},
        BrokenCase{"canvas_and_frame_claiming_16000_by_12000",
                   [] { return samples::webp_with_vp8x(frame_claiming(lossy(), 16000, 12000), 16000, 12000, 0); },
                   kMaxPixels, "image.too_many_pixels"},
        BrokenCase{"more_pixels_than_allowed", lossy, 320 * 300 - 1, "image.too_many_pixels"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(WebpCodecTest, CanvasMatchingItsFrameDecodes) {
  auto decoded = decode_webp(samples::webp_with_vp8x(lossy(), 320, 300, 0), kMaxPixels);
  ASSERT_TRUE(decoded.ok()) << decoded.error().code;
  EXPECT_EQ(max_difference(*decoded, samples::opencv_decode(lossy())), 0);
}

TEST_F(WebpCodecTest, PixelLimitIsInclusive) { EXPECT_TRUE(decode_webp(lossy(), 320 * 300).ok()); }

}  // namespace
}  // namespace simreg::imaging

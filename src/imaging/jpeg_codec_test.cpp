// decode_jpeg and encode_jpeg: the same pixels as OpenCV's imdecode (what the server used before) for
// every JPEG flavour, the right error code for every broken or hostile file, and a clean baseline
// JFIF from the encoder.
#include "imaging/jpeg_codec_internal.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include <jpeglib.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "imaging/broken_decode_case_internal.hpp"
#include "imaging/sample_photos_internal.hpp"

namespace simreg::imaging {
namespace {

namespace samples = testing;
using samples::max_difference;
using samples::mean_difference;
using samples::opencv_decode;

constexpr std::uint64_t kMaxPixels = 40'000'000;

// fruits.jpg at 320 × 300: colour, texture and smooth areas.
const cv::Mat& picture() {
  static const cv::Mat made = samples::resized_long_side(samples::load_sample("fruits.jpg"), 320);
  return made;
}

std::string jpeg(const cv::Mat& image, std::vector<int> params = {}) {
  std::vector<std::uint8_t> out;
  if (!cv::imencode(".jpg", image, out, params)) throw std::runtime_error("imencode failed");
  return std::string(out.begin(), out.end());
}

// What OpenCV's encoder cannot write, written with libjpeg itself.
struct LibjpegOptions {
  // JCS_YCbCr, or JCS_CMYK / JCS_YCCK for a four-channel file as Photoshop writes it (Adobe marker,
  // inverted ink) from a picture with no black ink: stored C, M, Y are R, G, B and K is 255.
  J_COLOR_SPACE file_space = JCS_YCbCr;
  bool full_chroma = false;  // 4:4:4 instead of 4:2:0
  bool arithmetic = false;   // arithmetic coding instead of Huffman
};

std::string write_with_libjpeg(const cv::Mat& bgr, LibjpegOptions options) {
  const bool four_channel = options.file_space == JCS_CMYK || options.file_space == JCS_YCCK;
  std::vector<unsigned char> cmyk(static_cast<std::size_t>(bgr.cols) * 4);
  jpeg_compress_struct cinfo{};
  jpeg_error_mgr err{};
  cinfo.err = jpeg_std_error(&err);
  jpeg_create_compress(&cinfo);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&cinfo, &buffer, &size);
  cinfo.image_width = static_cast<JDIMENSION>(bgr.cols);
  cinfo.image_height = static_cast<JDIMENSION>(bgr.rows);
  cinfo.input_components = four_channel ? 4 : 3;
  cinfo.in_color_space = four_channel ? JCS_CMYK : JCS_EXT_BGR;
  jpeg_set_defaults(&cinfo);
  jpeg_set_colorspace(&cinfo, options.file_space);
  jpeg_set_quality(&cinfo, 95, TRUE);
  if (options.full_chroma) {
    cinfo.comp_info[0].h_samp_factor = 1;
    cinfo.comp_info[0].v_samp_factor = 1;
  }
  cinfo.arith_code = options.arithmetic ? TRUE : FALSE;
  jpeg_start_compress(&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height) {
    const std::uint8_t* in = bgr.ptr<std::uint8_t>(static_cast<int>(cinfo.next_scanline));
    JSAMPROW row = const_cast<JSAMPROW>(in);
    if (four_channel) {
      for (int x = 0; x < bgr.cols; ++x) {
        cmyk[4 * x + 0] = in[3 * x + 2];
        cmyk[4 * x + 1] = in[3 * x + 1];
        cmyk[4 * x + 2] = in[3 * x + 0];
        cmyk[4 * x + 3] = 255;
      }
      row = cmyk.data();
    }
    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  std::string out(reinterpret_cast<const char*>(buffer), size);
  std::free(buffer);
  return out;
}

class JpegCodecTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(samples::sample_dir().has_value()) << "OpenCV sample photos are missing: install opencv-doc";
  }
};

// ---- the same pixels as before ----

struct FlavourCase {
  const char* name;
  std::function<std::string()> bytes;
  double max_difference_to_opencv;  // same libjpeg-turbo and settings: 0 unless a conversion differs
  double max_mean_difference_to_source;
};
void PrintTo(const FlavourCase& c, std::ostream* os) { *os << c.name; }

class JpegFlavourTest : public JpegCodecTest, public ::testing::WithParamInterface<FlavourCase> {};

TEST_P(JpegFlavourTest, DecodesToOpenCVsPixels) {
  const auto& c = GetParam();
  const std::string bytes = c.bytes();
  auto decoded = decode_jpeg(bytes, kMaxPixels);
  ASSERT_TRUE(decoded.ok()) << decoded.error().code;
  ASSERT_EQ(decoded->type(), CV_8UC3);
  const cv::Mat before = opencv_decode(bytes);
  ASSERT_FALSE(before.empty());
  EXPECT_LE(max_difference(*decoded, before), c.max_difference_to_opencv);
  if (decoded->size() == picture().size()) {
    EXPECT_LT(mean_difference(*decoded, picture()), c.max_mean_difference_to_source);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, JpegFlavourTest,
    ::testing::Values(
        FlavourCase{"baseline_q92", [] { return jpeg(picture(), {cv::IMWRITE_JPEG_QUALITY, 92}); }, 0, 3},
        FlavourCase{"baseline_q50", [] { return jpeg(picture(), {cv::IMWRITE_JPEG_QUALITY, 50}); }, 0, 8},
        FlavourCase{"progressive", [] { return jpeg(picture(), {cv::IMWRITE_JPEG_PROGRESSIVE, 1}); }, 0, 3},
        FlavourCase{"optimized_huffman", [] { return jpeg(picture(), {cv::IMWRITE_JPEG_OPTIMIZE, 1}); }, 0, 3},
        FlavourCase{"restart_markers", [] { return jpeg(picture(), {cv::IMWRITE_JPEG_RST_INTERVAL, 4}); }, 0, 3},
        FlavourCase{"chroma_444", [] { return write_with_libjpeg(picture(), {JCS_YCbCr, true, false}); }, 0, 2},
        FlavourCase{"arithmetic_coding", [] { return write_with_libjpeg(picture(), {JCS_YCbCr, false, true}); }, 0, 3},
        FlavourCase{"grey",
                    [] {
                      cv::Mat grey;
                      cv::cvtColor(picture(), grey, cv::COLOR_BGR2GRAY);
                      return jpeg(grey);
                    },
                    0, 255},
        FlavourCase{"odd_size_7x5", [] { return jpeg(picture()(cv::Rect(10, 10, 7, 5))); }, 0, 255},
        FlavourCase{"with_exif_orientation_6_ignored",
                    [] { return samples::with_exif_orientation(jpeg(picture()), 6); }, 0, 3},
        // CMYK and YCCK: Adobe's inverted ink, converted as OpenCV did, so the picture comes back. OpenCV
        // approximates ·K/255 with a shift; the rounded product here differs from it by at most 1.
        FlavourCase{"adobe_cmyk", [] { return write_with_libjpeg(picture(), {JCS_CMYK, false, false}); }, 1, 3},
        FlavourCase{"adobe_ycck", [] { return write_with_libjpeg(picture(), {JCS_YCCK, false, false}); }, 1, 3},
        // Real files as cameras and editors wrote them.
        FlavourCase{"sample_fruits_jpg", [] { return samples::sample_bytes("fruits.jpg"); }, 0, 255},
        FlavourCase{"sample_progressive_blender_jpg", [] { return samples::sample_bytes("Blender_Suzanne1.jpg"); }, 0,
                    255},
        FlavourCase{"sample_grey_left01_jpg", [] { return samples::sample_bytes("left01.jpg"); }, 0, 255},
        FlavourCase{"sample_phone_exif_ela_jpg", [] { return samples::sample_bytes("ela_original.jpg"); }, 0, 255}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(JpegCodecTest, GreyJpegBecomesThreeEqualChannels) {
  cv::Mat grey;
  cv::cvtColor(picture(), grey, cv::COLOR_BGR2GRAY);
  auto decoded = decode_jpeg(jpeg(grey), kMaxPixels);
  ASSERT_TRUE(decoded.ok());
  std::vector<cv::Mat> channels;
  cv::split(*decoded, channels);
  EXPECT_EQ(cv::countNonZero(channels[0] != channels[1]), 0);
  EXPECT_EQ(cv::countNonZero(channels[1] != channels[2]), 0);
}

// ---- broken and hostile files ----

std::size_t find_or_throw(const std::string& bytes, const std::string& what, std::size_t from = 0) {
  const std::size_t at = bytes.find(what, from);
  if (at == std::string::npos) throw std::runtime_error("marker not found");
  return at;
}

std::string card() { return jpeg(picture(), {cv::IMWRITE_JPEG_QUALITY, 92}); }

// The frame header (SOF0 or SOF2) rewritten to claim width × height.
std::string claiming(std::string bytes, std::uint16_t width, std::uint16_t height) {
  std::size_t sof = bytes.find("\xFF\xC0");
  if (sof == std::string::npos) sof = find_or_throw(bytes, "\xFF\xC2");
  bytes[sof + 5] = static_cast<char>(height >> 8);
  bytes[sof + 6] = static_cast<char>(height & 0xFF);
  bytes[sof + 7] = static_cast<char>(width >> 8);
  bytes[sof + 8] = static_cast<char>(width & 0xFF);
  return bytes;
}

// An EOI marker written over the middle of the scan: the container ends cleanly, but half the
// picture's data is missing (libjpeg would paint it grey).
std::string ends_inside_its_scan() {
  std::string bytes = card();
  const std::size_t scan = find_or_throw(bytes, "\xFF\xDA");
  return bytes.replace(scan + (bytes.size() - scan) / 2, 2, "\xFF\xD9", 2);
}

// A progressive file with the first scan (DC, first pass: it sets rather than refines, so running it
// again decodes cleanly) repeated `extra` more times before EOI.
std::string with_repeated_first_scan(int extra) {
  std::string bytes = jpeg(picture(), {cv::IMWRITE_JPEG_PROGRESSIVE, 1});
  const std::size_t first = find_or_throw(bytes, "\xFF\xDA");
  std::size_t end = first + 2;
  while (true) {  // the scan's data ends at the first marker that is not stuffing or a restart
    end = find_or_throw(bytes, "\xFF", end);
    const auto next = static_cast<unsigned char>(bytes[end + 1]);
    if (next != 0x00 && (next < 0xD0 || next > 0xD7)) break;
    end += 2;
  }
  const std::string scan = bytes.substr(first, end - first);
  std::string repeats;
  for (int i = 0; i < extra; ++i) repeats += scan;
  return bytes.insert(bytes.size() - 2, repeats);
}

using BrokenCase = samples::BrokenDecodeCase;

class JpegBrokenTest : public JpegCodecTest, public ::testing::WithParamInterface<BrokenCase> {};

TEST_P(JpegBrokenTest, IsAnErrorValue) {
  samples::expect_decode_error(decode_jpeg, GetParam());
}

INSTANTIATE_TEST_SUITE_P(
    Table, JpegBrokenTest,
    ::testing::Values(
        BrokenCase{"zero_length", [] { return std::string(); }, kMaxPixels, "image.unreadable"},
        BrokenCase{"soi_only", [] { return std::string("\xFF\xD8", 2); }, kMaxPixels, "image.unreadable"},
        BrokenCase{"header_only", [] { return card().substr(0, 20); }, kMaxPixels, "image.unreadable"},
        BrokenCase{"tables_without_scan",
                   [] {
                     const std::string bytes = card();
                     return bytes.substr(0, bytes.find("\xFF\xDA")) + "\xFF\xD9";
                   },
                   kMaxPixels, "image.unreadable"},
        BrokenCase{"truncated_at_60_percent", [] { return card().substr(0, card().size() * 6 / 10); }, kMaxPixels,
                   "image.unreadable"},
        BrokenCase{"truncated_progressive",
                   [] {
                     const std::string bytes = jpeg(picture(), {cv::IMWRITE_JPEG_PROGRESSIVE, 1});
                     return bytes.substr(0, bytes.size() * 3 / 4);
                   },
                   kMaxPixels, "image.unreadable"},
        BrokenCase{"eoi_missing", [] { return card().substr(0, card().size() - 2); }, kMaxPixels,
                   "image.unreadable"},
        BrokenCase{"ends_inside_its_scan", ends_inside_its_scan, kMaxPixels, "image.unreadable"},
        BrokenCase{"frame_larger_than_its_data", [] { return claiming(card(), 640, 600); }, kMaxPixels,
                   "image.unreadable"},
        BrokenCase{"twelve_bit_precision",
                   [] {
                     std::string bytes = card();
                     bytes[find_or_throw(bytes, "\xFF\xC0") + 4] = 12;
                     return bytes;
                   },
                   kMaxPixels, "image.unreadable"},
        BrokenCase{"two_components",
                   [] {
                     cv::Mat grey;
                     cv::cvtColor(picture(), grey, cv::COLOR_BGR2GRAY);
                     std::string bytes = jpeg(grey);
                     // One component → two (the SOF length grows by 3): libjpeg has no colour model for it.
                     const std::size_t sof = find_or_throw(bytes, "\xFF\xC0");
                     bytes[sof + 3] = static_cast<char>(bytes[sof + 3] + 3);
                     bytes[sof + 9] = 2;
                     return bytes.insert(sof + 13, "\x02\x11\x00", 3);
                   },
                   kMaxPixels, "image.unreadable"},
        BrokenCase{"too_many_scans", [] { return with_repeated_first_scan(kMaxJpegScans); }, kMaxPixels,
                   "image.unreadable"},
        BrokenCase{"a_png", [] { return samples::encode(picture(), ".png"); }, kMaxPixels, "image.unreadable"},
        // Pixel flood: refused from the frame header, before the picture is allocated.
        BrokenCase{"claiming_65000_by_1000", [] { return claiming(card(), 65000, 1000); }, kMaxPixels,
                   "image.too_many_pixels"},
        BrokenCase{"more_pixels_than_allowed", card, 320 * 300 - 1, "image.too_many_pixels"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(JpegCodecTest, ToleratesWarningsThatLoseNoPixel) {
  const std::string clean = card();
  // Junk between the scan and EOI: libjpeg warns "extraneous bytes before marker" and every pixel
  // is still decoded. Some cameras pad their files like this.
  std::string padded = clean;
  padded.insert(padded.size() - 2, "junk");
  auto from_padded = decode_jpeg(padded, kMaxPixels);
  auto from_clean = decode_jpeg(clean, kMaxPixels);
  ASSERT_TRUE(from_padded.ok()) << from_padded.error().code;
  ASSERT_TRUE(from_clean.ok());
  EXPECT_EQ(max_difference(*from_padded, *from_clean), 0);
}

TEST_F(JpegCodecTest, ScanLimitCountsScansNotFiles) {
  // The same construction below the limit decodes: too_many_scans fails on the count alone.
  auto decoded = decode_jpeg(with_repeated_first_scan(5), kMaxPixels);
  ASSERT_TRUE(decoded.ok()) << decoded.error().code;
  EXPECT_LT(mean_difference(*decoded, picture()), 4);
}

TEST_F(JpegCodecTest, PixelLimitIsInclusive) {
  EXPECT_TRUE(decode_jpeg(card(), 320 * 300).ok());
}

// ---- encoding ----

std::vector<int> markers_before_scan(const std::string& bytes) {
  std::vector<int> markers;
  std::size_t pos = 2;
  while (pos + 4 <= bytes.size() && static_cast<unsigned char>(bytes[pos]) == 0xFF) {
    const int marker = static_cast<unsigned char>(bytes[pos + 1]);
    markers.push_back(marker);
    if (marker == 0xDA) break;
    pos += 2 + ((static_cast<unsigned char>(bytes[pos + 2]) << 8) | static_cast<unsigned char>(bytes[pos + 3]));
  }
  return markers;
}

struct EncodeCase {
  const char* name;
  int quality;
  double max_mean_difference;
};
void PrintTo(const EncodeCase& c, std::ostream* os) { *os << c.name; }

class JpegEncodeTest : public JpegCodecTest, public ::testing::WithParamInterface<EncodeCase> {};

TEST_P(JpegEncodeTest, WritesABaselineJfifWithNothingElse) {
  const auto& c = GetParam();
  auto encoded = encode_jpeg(picture(), c.quality);
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(markers_before_scan(*encoded), (std::vector<int>{0xE0, 0xDB, 0xDB, 0xC0, 0xC4, 0xC4, 0xC4, 0xC4, 0xDA}));
  EXPECT_EQ(encoded->substr(encoded->size() - 2), "\xFF\xD9");
  const cv::Mat back = opencv_decode(*encoded);
  ASSERT_EQ(back.size(), picture().size());
  EXPECT_LT(mean_difference(back, picture()), c.max_mean_difference);
  // The quality is the one OpenCV's encoder applied before: the same libjpeg defaults and tables.
  EXPECT_EQ(*encoded, jpeg(picture(), {cv::IMWRITE_JPEG_QUALITY, std::clamp(c.quality, 1, 100)}));
}

INSTANTIATE_TEST_SUITE_P(Table, JpegEncodeTest,
                         ::testing::Values(EncodeCase{"q90_stored_copy", 90, 4}, EncodeCase{"q50", 50, 6},
                                           EncodeCase{"q100", 100, 2}, EncodeCase{"q0_clamped_to_1", 0, 40},
                                           EncodeCase{"q200_clamped_to_100", 200, 2}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST_F(JpegCodecTest, EncodesARegionOfALargerPicture) {
  const cv::Mat region = picture()(cv::Rect(40, 30, 200, 150));  // rows are not contiguous
  ASSERT_FALSE(region.isContinuous());
  auto encoded = encode_jpeg(region, 90);
  ASSERT_TRUE(encoded.ok());
  const cv::Mat back = opencv_decode(*encoded);
  EXPECT_LT(mean_difference(back, region), 4);
}

TEST_F(JpegCodecTest, GrowsItsBufferForLargePictures) {
  // Noise compresses badly: several megabytes, past the first 256 KiB buffer.
  cv::Mat noise(1200, 1600, CV_8UC3);
  cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(256));
  auto encoded = encode_jpeg(noise, 95);
  ASSERT_TRUE(encoded.ok());
  EXPECT_GT(encoded->size(), 1024u * 1024u);
  auto decoded = decode_jpeg(*encoded, kMaxPixels);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->size(), noise.size());
}

struct BadInputCase {
  const char* name;
  std::function<cv::Mat()> image;
};
void PrintTo(const BadInputCase& c, std::ostream* os) { *os << c.name; }

class JpegEncodeRefusesTest : public JpegCodecTest, public ::testing::WithParamInterface<BadInputCase> {};

TEST_P(JpegEncodeRefusesTest, IsAnInternalError) {
  auto encoded = encode_jpeg(GetParam().image(), 90);
  ASSERT_FALSE(encoded.ok());
  EXPECT_EQ(encoded.error().code, "imaging.failed");
  EXPECT_EQ(encoded.error().kind, ErrorKind::internal);
}

INSTANTIATE_TEST_SUITE_P(Table, JpegEncodeRefusesTest,
                         ::testing::Values(BadInputCase{"empty", [] { return cv::Mat(); }},
                                           BadInputCase{"grey", [] { return cv::Mat(8, 8, CV_8UC1, cv::Scalar(1)); }},
                                           BadInputCase{"bgra", [] { return cv::Mat(8, 8, CV_8UC4, cv::Scalar(1)); }},
                                           BadInputCase{"sixteen_bit",
                                                        [] { return cv::Mat(8, 8, CV_16UC3, cv::Scalar(1)); }}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace simreg::imaging

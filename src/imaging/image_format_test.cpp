#include "imaging/image_format.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <opencv2/imgproc.hpp>

#include "imaging/sample_photos_internal.hpp"

namespace simreg::imaging {
namespace {

namespace samples = testing;

std::string file_bytes(const std::string& name) {
  std::ifstream in(*samples::sample_dir() / name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class ImageFormatTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(samples::sample_dir().has_value()) << "OpenCV sample photos are missing: install opencv-doc";
    picture_ = samples::resized_long_side(samples::load_sample("fruits.jpg"), 300);  // 300 × 281
  }
  cv::Mat picture_;
};

// ---- sniffing and media types ----

struct SniffCase {
  const char* name;
  std::string bytes;
  std::optional<ImageFormat> format;
};
void PrintTo(const SniffCase& c, std::ostream* os) { *os << c.name; }

class SniffTest : public ::testing::TestWithParam<SniffCase> {};

TEST_P(SniffTest, DecidesFromMagicBytesOnly) { EXPECT_EQ(sniff_image_format(GetParam().bytes), GetParam().format); }

INSTANTIATE_TEST_SUITE_P(
    Table, SniffTest,
    ::testing::Values(SniffCase{"jpeg", std::string("\xFF\xD8\xFF\xE0", 4), ImageFormat::jpeg},
                      SniffCase{"png", std::string("\x89PNG\r\n\x1a\n\0\0", 10), ImageFormat::png},
                      SniffCase{"webp", std::string("RIFF\x10\0\0\0WEBPVP8 ", 16), ImageFormat::webp},
                      SniffCase{"gif", std::string("GIF89a\x01\0\x01\0"), std::nullopt},
                      SniffCase{"bmp", std::string("BM\x36\0\0\0", 6), std::nullopt},
                      SniffCase{"riff_wave", std::string("RIFF\x10\0\0\0WAVEfmt ", 16), std::nullopt},
                      SniffCase{"png_signature_cut", std::string("\x89PNG\r\n", 6), std::nullopt},
                      SniffCase{"jpeg_two_bytes", std::string("\xFF\xD8", 2), std::nullopt},
                      SniffCase{"html", std::string("<html><img src=x></html>"), std::nullopt},
                      SniffCase{"empty", std::string(), std::nullopt}),
    [](const auto& info) { return std::string(info.param.name); });

struct MediaTypeCase {
  const char* name;
  const char* header;
  std::optional<ImageFormat> format;
};
void PrintTo(const MediaTypeCase& c, std::ostream* os) { *os << c.name; }

class MediaTypeTest : public ::testing::TestWithParam<MediaTypeCase> {};

TEST_P(MediaTypeTest, ParsesContentType) {
  EXPECT_EQ(format_from_media_type(GetParam().header), GetParam().format);
}

INSTANTIATE_TEST_SUITE_P(
    Table, MediaTypeTest,
    ::testing::Values(MediaTypeCase{"jpeg", "image/jpeg", ImageFormat::jpeg},
                      MediaTypeCase{"upper_case", "IMAGE/JPEG", ImageFormat::jpeg},
                      MediaTypeCase{"png_with_parameter", "image/png; charset=binary", ImageFormat::png},
                      MediaTypeCase{"webp_padded", "  image/webp\t", ImageFormat::webp},
                      MediaTypeCase{"jpg_is_not_a_type", "image/jpg", std::nullopt},
                      MediaTypeCase{"gif", "image/gif", std::nullopt},
                      MediaTypeCase{"octet_stream", "application/octet-stream", std::nullopt},
                      MediaTypeCase{"prefix_only", "image/", std::nullopt},
                      MediaTypeCase{"empty", "", std::nullopt}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ImageFormat, NamesAndMediaTypesRoundTrip) {
  for (ImageFormat format : {ImageFormat::jpeg, ImageFormat::png, ImageFormat::webp}) {
    EXPECT_EQ(format_from_media_type(format_media_type(format)), format);
    EXPECT_EQ(format_media_type(format), "image/" + std::string(format_name(format)));
  }
}

// ---- headers, without decoding ----

TEST_F(ImageFormatTest, ReadsDimensionsOfEveryEncoding) {
  struct Encoding {
    const char* extension;
    int quality;
    ImageFormat format;
  };
  // WebP quality above 100 is lossless (VP8L); below it is lossy (VP8).
  for (const auto& e : {Encoding{".jpg", 90, ImageFormat::jpeg}, Encoding{".png", 0, ImageFormat::png},
                        Encoding{".webp", 80, ImageFormat::webp}, Encoding{".webp", 101, ImageFormat::webp}}) {
    const std::string bytes = samples::encode(picture_, e.extension, e.quality);
    auto header = read_image_header(bytes);
    ASSERT_TRUE(header.ok()) << e.extension << " " << header.error().code;
    EXPECT_EQ(header->format, e.format);
    EXPECT_EQ(header->width, 300u) << e.extension << e.quality;
    EXPECT_EQ(header->height, static_cast<std::uint32_t>(picture_.rows)) << e.extension << e.quality;
    auto scan = scan_container(bytes, e.format);
    ASSERT_TRUE(scan.ok()) << e.extension << " " << scan.error().code;
    EXPECT_EQ(scan->orientation, 1);
  }
}

TEST_F(ImageFormatTest, ReadsProgressiveAndGreyJpegSamples) {
  // Blender_Suzanne1.jpg is progressive (several scans, DHT between them); left01.jpg is greyscale.
  for (const auto& [name, width, height] :
       {std::tuple{"Blender_Suzanne1.jpg", 640u, 480u}, std::tuple{"left01.jpg", 640u, 480u},
        std::tuple{"aloeL.jpg", 1282u, 1110u}}) {
    const std::string bytes = file_bytes(name);
    auto header = read_image_header(bytes);
    ASSERT_TRUE(header.ok()) << name;
    EXPECT_EQ(header->width, width) << name;
    EXPECT_EQ(header->height, height) << name;
    EXPECT_TRUE(scan_container(bytes, ImageFormat::jpeg).ok()) << name;
  }
}

TEST_F(ImageFormatTest, ReadsClaimedSizesWithoutDecoding) {
  auto png = read_image_header(samples::png_claiming(60000, 60000));
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png->width, 60000u);
  EXPECT_EQ(png->height, 60000u);

  const std::string webp = samples::encode(picture_, ".webp", 80);
  auto extended = read_image_header(samples::webp_with_vp8x(webp, 16000, 12000, 0));
  ASSERT_TRUE(extended.ok());
  EXPECT_EQ(extended->width, 16000u);
  EXPECT_EQ(extended->height, 12000u);
}

TEST_F(ImageFormatTest, RejectsAnimatedWebp) {
  const std::string webp = samples::encode(picture_, ".webp", 80);
  auto header = read_image_header(samples::webp_with_vp8x(webp, 300, 281, 0x02));
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(header.error().code, "image.unsupported_type");
  EXPECT_EQ(header.error().kind, ErrorKind::unsupported_media_type);
}

struct BrokenCase {
  const char* name;
  std::string (*make)(const cv::Mat&);
  const char* code;
};
void PrintTo(const BrokenCase& c, std::ostream* os) { *os << c.name; }

std::string jpeg_of(const cv::Mat& m) { return samples::encode(m, ".jpg", 90); }
std::string png_of(const cv::Mat& m) { return samples::encode(m, ".png"); }

class BrokenHeaderTest : public ImageFormatTest, public ::testing::WithParamInterface<BrokenCase> {};

TEST_P(BrokenHeaderTest, IsUnreadableOrUnsupported) {
  auto header = read_image_header(GetParam().make(picture_));
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(header.error().code, GetParam().code);
}

INSTANTIATE_TEST_SUITE_P(
    Table, BrokenHeaderTest,
    ::testing::Values(
        BrokenCase{"jpeg_cut_before_frame", [](const cv::Mat& m) { return jpeg_of(m).substr(0, 30); },
                   "image.unreadable"},
        BrokenCase{"jpeg_scan_before_frame",
                   [](const cv::Mat&) { return std::string("\xFF\xD8\xFF\xDA\x00\x02\x00\xFF\xD9", 9); },
                   "image.unreadable"},
        BrokenCase{"jpeg_zero_height",
                   [](const cv::Mat&) {
                     return std::string("\xFF\xD8\xFF\xC0\x00\x0B\x08\x00\x00\x01\x00\x01\x01\x11\x00\xFF\xD9", 17);
                   },
                   "image.unreadable"},
        BrokenCase{"jpeg_segment_length_past_end",
                   [](const cv::Mat&) { return std::string("\xFF\xD8\xFF\xE0\xFF\xFF\x00", 7); }, "image.unreadable"},
        BrokenCase{"png_ihdr_wrong_length",
                   [](const cv::Mat& m) { return png_of(m).replace(8, 4, std::string("\0\0\0\x0C", 4)); },
                   "image.unreadable"},
        BrokenCase{"png_zero_width",
                   [](const cv::Mat& m) { return png_of(m).replace(16, 4, std::string(4, '\0')); },
                   "image.unreadable"},
        BrokenCase{"png_signature_only", [](const cv::Mat&) { return std::string("\x89PNG\r\n\x1a\n", 8); },
                   "image.unreadable"},
        BrokenCase{"webp_unknown_chunk",
                   [](const cv::Mat&) { return std::string("RIFF\x0C\0\0\0WEBPJUNK\0\0\0\0", 20); },
                   "image.unreadable"},
        BrokenCase{"gif", [](const cv::Mat&) { return std::string("GIF89a\x01\0\x01\0\0\0\0", 13); },
                   "image.unsupported_type"}),
    [](const auto& info) { return std::string(info.param.name); });

// ---- whole-container scan ----

TEST_F(ImageFormatTest, TruncatedFilesAreUnreadable) {
  for (const auto& [extension, format] : {std::pair{".jpg", ImageFormat::jpeg}, std::pair{".png", ImageFormat::png},
                                          std::pair{".webp", ImageFormat::webp}}) {
    const std::string whole = samples::encode(picture_, extension, 90);
    ASSERT_TRUE(scan_container(whole, format).ok()) << extension;
    for (double keep : {0.5, 0.9}) {
      const auto cut = whole.substr(0, static_cast<std::size_t>(keep * whole.size()));
      auto scan = scan_container(cut, format);
      ASSERT_FALSE(scan.ok()) << extension << " " << keep;
      EXPECT_EQ(scan.error().code, "image.unreadable");
      EXPECT_EQ(scan.error().kind, ErrorKind::unprocessable);
    }
    // Even the last few bytes missing (JPEG EOI, PNG IEND, the end of the WebP chunk) is caught.
    EXPECT_FALSE(scan_container(whole.substr(0, whole.size() - 2), format).ok()) << extension;
  }
}

TEST_F(ImageFormatTest, TrailingBytesAfterJpegEndAreAllowed) {
  // Some phones append data after EOI; the picture itself is complete.
  EXPECT_TRUE(scan_container(jpeg_of(picture_) + std::string(100, '\0'), ImageFormat::jpeg).ok());
}

TEST_F(ImageFormatTest, ScanRejectsBytesOfAnotherFormat) {
  EXPECT_FALSE(scan_container(png_of(picture_), ImageFormat::jpeg).ok());
}

TEST_F(ImageFormatTest, FindsExifOrientationInEveryContainer) {
  const std::string jpeg = samples::with_exif_orientation(jpeg_of(picture_), 6);
  auto jpeg_scan = scan_container(jpeg, ImageFormat::jpeg);
  ASSERT_TRUE(jpeg_scan.ok());
  EXPECT_EQ(jpeg_scan->orientation, 6);
  EXPECT_EQ(scan_container(samples::with_exif_orientation(jpeg_of(picture_), 8, true), ImageFormat::jpeg)
                ->orientation,
            8);

  // The same TIFF block in a PNG eXIf chunk (after IHDR) and a WebP EXIF chunk (after the image).
  const std::string tiff = samples::exif_block(3);
  auto be32 = [](std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                       static_cast<char>(v)};
  };
  std::string png = png_of(picture_);
  png.insert(8 + 25, be32(static_cast<std::uint32_t>(tiff.size())) + "eXIf" + tiff + std::string(4, '\0'));
  auto png_scan = scan_container(png, ImageFormat::png);
  ASSERT_TRUE(png_scan.ok());
  EXPECT_EQ(png_scan->orientation, 3);

  std::string webp = samples::encode(picture_, ".webp", 80);
  std::string exif_chunk = "EXIF";
  for (int shift = 0; shift < 32; shift += 8) exif_chunk.push_back(static_cast<char>(tiff.size() >> shift));
  exif_chunk += tiff;
  if (tiff.size() % 2 == 1) exif_chunk.push_back('\0');
  webp += exif_chunk;
  const auto riff = static_cast<std::uint32_t>(webp.size() - 8);
  for (int i = 0; i < 4; ++i) webp[4 + i] = static_cast<char>(riff >> (8 * i));
  auto webp_scan = scan_container(webp, ImageFormat::webp);
  ASSERT_TRUE(webp_scan.ok());
  EXPECT_EQ(webp_scan->orientation, 3);
}

}  // namespace
}  // namespace simreg::imaging

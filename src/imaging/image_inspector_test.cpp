// inspect_image end to end on pictures built from OpenCV's real sample photographs (opencv-doc) and
// their degraded variants, asserting the exact reason codes or hard-failure codes of the contract.
#include "imaging/image_inspector.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "imaging/sample_photos_internal.hpp"

namespace simreg::imaging {
namespace {

namespace samples = testing;
using Codes = std::vector<std::string>;

// Building the photos costs more than checking them; each is made once per test binary.
const cv::Mat& photo(const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, cv::Mat> cache;
  const std::lock_guard lock(mutex);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  cv::Mat made;
  if (name == "selfie") made = samples::selfie_photo();
  if (name == "two_people") made = samples::two_people_photo();
  if (name == "card_front") made = samples::document_photo(samples::DocumentKind::card_front);
  if (name == "card_back") made = samples::document_photo(samples::DocumentKind::card_back);
  if (name == "passport_page") made = samples::document_photo(samples::DocumentKind::passport_page);
  if (made.empty()) made = samples::load_sample(name);
  return cache.emplace(name, made).first->second;
}

std::string jpeg(const cv::Mat& image) { return samples::encode(image, ".jpg", 92); }

std::string progressive_jpeg(const cv::Mat& image) {
  std::vector<std::uint8_t> out;
  cv::imencode(".jpg", image, out, {cv::IMWRITE_JPEG_QUALITY, 92, cv::IMWRITE_JPEG_PROGRESSIVE, 1});
  return std::string(out.begin(), out.end());
}

cv::Mat sixteen_bit(const cv::Mat& image) {
  cv::Mat wide;
  image.convertTo(wide, CV_16UC3, 256, 128);
  return wide;
}

cv::Mat grey(const cv::Mat& image) {
  cv::Mat out;
  cv::cvtColor(image, out, cv::COLOR_BGR2GRAY);
  return out;
}

// The picture with an alpha channel of one value everywhere.
cv::Mat with_alpha(const cv::Mat& image, int alpha) {
  std::vector<cv::Mat> channels;
  cv::split(image, channels);
  channels.emplace_back(image.size(), CV_8UC1, cv::Scalar(alpha));
  cv::Mat out;
  cv::merge(channels, out);
  return out;
}

cv::Mat rotated(const cv::Mat& image, int code) {
  cv::Mat out;
  cv::rotate(image, out, code);
  return out;
}

class InspectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(samples::sample_dir().has_value()) << "OpenCV sample photos are missing: install opencv-doc";
  }
};

// ---- quality reasons ----

struct QualityCase {
  const char* name;
  ImageKind kind;
  std::function<std::string()> bytes;
  const char* content_type;
  Codes reasons;
};
void PrintTo(const QualityCase& c, std::ostream* os) { *os << c.name; }

class QualityTest : public InspectorTest, public ::testing::WithParamInterface<QualityCase> {};

TEST_P(QualityTest, ReportsExactlyTheExpectedReasons) {
  const auto& c = GetParam();
  auto inspection = inspect_image(c.bytes(), c.content_type, c.kind);
  ASSERT_TRUE(inspection.ok()) << inspection.error().code;
  const QualityReport& report = inspection->report;
  EXPECT_EQ(report.reasons, c.reasons) << report.measurements.dump();
  EXPECT_EQ(report.accepted, c.reasons.empty());
  EXPECT_EQ(inspection->normalized_jpeg.empty(), !report.accepted);
  EXPECT_TRUE(report.measurements.contains("width"));
  EXPECT_TRUE(report.measurements.contains("format"));
}

samples::Placement far_away() {
  samples::Placement p;
  p.width_share = 0.35;
  return p;
}
samples::Placement off_edge() {
  samples::Placement p;
  p.centre_x = 0.3;
  return p;
}

INSTANTIATE_TEST_SUITE_P(
    RealPhotos, QualityTest,
    ::testing::Values(
        // Good pictures of every kind, in every format.
        QualityCase{"selfie", ImageKind::selfie, [] { return jpeg(photo("selfie")); }, "image/jpeg", {}},
        QualityCase{"selfie_png", ImageKind::selfie, [] { return samples::encode(photo("selfie"), ".png"); },
                    "image/png", {}},
        QualityCase{"selfie_webp", ImageKind::selfie, [] { return samples::encode(photo("selfie"), ".webp", 90); },
                    "image/webp", {}},
        QualityCase{"selfie_type_from_bytes", ImageKind::selfie, [] { return jpeg(photo("selfie")); }, "", {}},
        QualityCase{"selfie_in_a_room", ImageKind::selfie,
                    [] { return jpeg(samples::selfie_in_room_photo(1024, 768)); }, "image/jpeg", {}},
        QualityCase{"id_front", ImageKind::id_front, [] { return jpeg(photo("card_front")); }, "image/jpeg", {}},
        QualityCase{"id_back", ImageKind::id_back, [] { return jpeg(photo("card_back")); }, "image/jpeg", {}},
        QualityCase{"passport", ImageKind::passport, [] { return jpeg(photo("passport_page")); }, "image/jpeg", {}},
        QualityCase{"id_back_webp", ImageKind::id_back, [] { return samples::encode(photo("card_back"), ".webp", 90); },
                    "image/webp", {}},
        // Other encodings of the same pictures: each decoder path ends in the same checks.
        QualityCase{"selfie_progressive_jpeg", ImageKind::selfie, [] { return progressive_jpeg(photo("selfie")); },
                    "image/jpeg", {}},
        QualityCase{"selfie_16bit_png", ImageKind::selfie, [] { return samples::encode(sixteen_bit(photo("selfie")), ".png"); },
                    "image/png", {}},
        QualityCase{"id_back_grey_png", ImageKind::id_back, [] { return samples::encode(grey(photo("card_back")), ".png"); },
                    "image/png", {}},
        QualityCase{"id_front_grey_jpeg", ImageKind::id_front, [] { return jpeg(grey(photo("card_front"))); },
                    "image/jpeg", {}},
        QualityCase{"selfie_opaque_alpha_png", ImageKind::selfie,
                    [] { return samples::encode(with_alpha(photo("selfie"), 255), ".png"); }, "image/png", {}},
        QualityCase{"selfie_lossless_webp", ImageKind::selfie, [] { return samples::encode(photo("selfie"), ".webp", 101); },
                    "image/webp", {}},
        // A transparent picture is judged as shown on a page, over white: nothing but white is there.
        QualityCase{"selfie_fully_transparent_png", ImageKind::selfie,
                    [] { return samples::encode(with_alpha(photo("selfie"), 0), ".png"); }, "image/png",
                    {"image.overexposed"}},
        // A card photographed with the phone upright: rotation is not a defect.
        QualityCase{"id_front_portrait_frame", ImageKind::id_front,
                    [] { return jpeg(rotated(photo("card_front"), cv::ROTATE_90_CLOCKWISE)); }, "image/jpeg", {}},

        // Blur (σ = 2 px at 640 px: a shaking hand or a missed focus).
        QualityCase{"selfie_blurred", ImageKind::selfie,
                    [] { return jpeg(samples::gaussian_blurred(photo("selfie"), 2)); }, "image/jpeg",
                    {"image.blurred"}},
        QualityCase{"id_front_blurred", ImageKind::id_front,
                    [] { return jpeg(samples::gaussian_blurred(photo("card_front"), 2)); }, "image/jpeg",
                    {"image.blurred"}},
        QualityCase{"id_back_slightly_blurred", ImageKind::id_back,
                    [] { return jpeg(samples::gaussian_blurred(photo("card_back"), 1.5)); }, "image/jpeg",
                    {"image.blurred"}},
        QualityCase{"real_defocus", ImageKind::id_back,
                    [] { return jpeg(samples::resized_long_side(photo("text_defocus.jpg"), 720)); }, "image/jpeg",
                    {"image.blurred"}},

        // Exposure (−2 EV; lifted and clipped).
        QualityCase{"selfie_dark", ImageKind::selfie, [] { return jpeg(samples::relit(photo("selfie"), 0.25, 0)); },
                    "image/jpeg", {"image.too_dark"}},
        QualityCase{"id_front_dark", ImageKind::id_front,
                    [] { return jpeg(samples::relit(photo("card_front"), 0.25, 0)); }, "image/jpeg",
                    {"image.too_dark"}},
        QualityCase{"selfie_overexposed", ImageKind::selfie,
                    [] { return jpeg(samples::relit(photo("selfie"), 1.5, 100)); }, "image/jpeg",
                    {"image.overexposed"}},
        QualityCase{"passport_overexposed", ImageKind::passport,
                    [] { return jpeg(samples::relit(photo("passport_page"), 1.5, 100)); }, "image/jpeg",
                    {"image.overexposed"}},

        // Glare: a lamp reflected on the card.
        QualityCase{"id_front_glare", ImageKind::id_front,
                    [] { return jpeg(samples::with_glare(photo("card_front"), 0.40, 0.45, 0.06)); }, "image/jpeg",
                    {"image.glare"}},
        QualityCase{"id_back_glare", ImageKind::id_back,
                    [] { return jpeg(samples::with_glare(photo("card_back"), 0.5, 0.55, 0.07)); }, "image/jpeg",
                    {"image.glare"}},

        // Framing.
        QualityCase{"id_back_far_away", ImageKind::id_back,
                    [] { return jpeg(samples::document_photo(samples::DocumentKind::card_back, far_away())); },
                    "image/jpeg", {"image.not_filling_frame"}},
        QualityCase{"id_front_cropped", ImageKind::id_front,
                    [] { return jpeg(samples::crop_share(photo("card_front"), 0.3, 0, 0.7, 1)); }, "image/jpeg",
                    {"image.not_filling_frame"}},
        QualityCase{"id_front_off_the_edge", ImageKind::id_front,
                    [] { return jpeg(samples::document_photo(samples::DocumentKind::card_front, off_edge())); },
                    "image/jpeg", {"image.not_filling_frame"}},
        QualityCase{"id_back_no_document", ImageKind::id_back, [] { return jpeg(photo("aloeL.jpg")); }, "image/jpeg",
                    {"image.not_filling_frame"}},

        // Faces.
        QualityCase{"selfie_two_people", ImageKind::selfie, [] { return jpeg(photo("two_people")); }, "image/jpeg",
                    {"image.multiple_faces"}},
        QualityCase{"selfie_upside_down", ImageKind::selfie,
                    [] { return jpeg(rotated(photo("selfie"), cv::ROTATE_180)); }, "image/jpeg", {"image.no_face"}},
        QualityCase{"selfie_without_person", ImageKind::selfie, [] { return jpeg(photo("aloeL.jpg")); },
                    "image/jpeg", {"image.no_face"}},
        QualityCase{"id_front_is_a_back_side", ImageKind::id_front, [] { return jpeg(photo("card_back")); },
                    "image/jpeg", {"image.no_face"}},
        QualityCase{"passport_far_and_faceless", ImageKind::passport,
                    [] { return jpeg(samples::document_photo(samples::DocumentKind::card_back, far_away())); },
                    "image/jpeg", {"image.not_filling_frame", "image.no_face"}},

        // Size: thumbnails and screenshots.
        QualityCase{"selfie_tiny", ImageKind::selfie, [] { return jpeg(samples::resized_long_side(photo("selfie"), 400)); },
                    "image/jpeg", {"image.too_small"}},
        QualityCase{"id_front_tiny_and_blurred", ImageKind::id_front,
                    [] { return jpeg(samples::gaussian_blurred(samples::resized_long_side(photo("card_front"), 600), 3)); },
                    "image/jpeg", {"image.too_small"}},
        QualityCase{"id_back_tiny_png", ImageKind::id_back,
                    [] { return samples::encode(samples::resized_long_side(photo("card_back"), 320), ".png"); },
                    "image/png", {"image.too_small"}}),
    [](const auto& info) { return std::string(info.param.name); });

// ---- hard failures ----

struct HardCase {
  const char* name;
  std::function<std::string()> bytes;
  const char* content_type;
  const char* code;
  ErrorKind kind;
};
void PrintTo(const HardCase& c, std::ostream* os) { *os << c.name; }

class HardFailureTest : public InspectorTest, public ::testing::WithParamInterface<HardCase> {};

TEST_P(HardFailureTest, FailsWithTheContractCodeAndKind) {
  const auto& c = GetParam();
  auto inspection = inspect_image(c.bytes(), c.content_type, ImageKind::id_front);
  ASSERT_FALSE(inspection.ok());
  EXPECT_EQ(inspection.error().code, c.code);
  EXPECT_EQ(inspection.error().kind, c.kind);
  EXPECT_FALSE(inspection.error().detail.empty());
}

std::string card_jpeg() { return jpeg(photo("card_front")); }

// A real JPEG whose frame header claims width × height (the body stays 1280×960).
std::string jpeg_claiming(std::uint16_t width, std::uint16_t height) {
  std::string bytes = card_jpeg();
  const auto sof = bytes.find("\xFF\xC0");
  bytes[sof + 5] = static_cast<char>(height >> 8);
  bytes[sof + 6] = static_cast<char>(height & 0xFF);
  bytes[sof + 7] = static_cast<char>(width >> 8);
  bytes[sof + 8] = static_cast<char>(width & 0xFF);
  return bytes;
}

INSTANTIATE_TEST_SUITE_P(
    Table, HardFailureTest,
    ::testing::Values(
        HardCase{"over_10_mib", [] { return card_jpeg() + std::string(10u * 1024u * 1024u, '\0'); }, "image/jpeg",
                 "image.too_large", ErrorKind::payload_too_large},
        HardCase{"png_claiming_60000_square", [] { return samples::png_claiming(60000, 60000); }, "image/png",
                 "image.too_many_pixels", ErrorKind::payload_too_large},
        HardCase{"jpeg_claiming_65000_by_1000", [] { return jpeg_claiming(65000, 1000); }, "image/jpeg",
                 "image.too_many_pixels", ErrorKind::payload_too_large},
        HardCase{"webp_claiming_16000_by_12000",
                 [] { return samples::webp_with_vp8x(samples::encode(photo("selfie"), ".webp", 80), 16000, 12000, 0); },
                 "image/webp", "image.too_many_pixels", ErrorKind::payload_too_large},
        HardCase{"gif_bytes", [] { return std::string("GIF89a\x01\0\x01\0\x80\0\0", 13); }, "image/gif",
                 "image.unsupported_type", ErrorKind::unsupported_media_type},
        HardCase{"pdf_bytes", [] { return std::string("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"); }, "application/pdf",
                 "image.unsupported_type", ErrorKind::unsupported_media_type},
        HardCase{"jpeg_declared_as_gif", card_jpeg, "image/gif", "image.unsupported_type",
                 ErrorKind::unsupported_media_type},
        HardCase{"jpeg_declared_as_octet_stream", card_jpeg, "application/octet-stream", "image.unsupported_type",
                 ErrorKind::unsupported_media_type},
        HardCase{"png_declared_as_jpeg", [] { return samples::encode(photo("selfie"), ".png"); }, "image/jpeg",
                 "image.type_mismatch", ErrorKind::unsupported_media_type},
        HardCase{"jpeg_declared_as_webp", card_jpeg, "image/webp", "image.type_mismatch",
                 ErrorKind::unsupported_media_type},
        HardCase{"webp_declared_as_png", [] { return samples::encode(photo("selfie"), ".webp", 80); }, "image/png",
                 "image.type_mismatch", ErrorKind::unsupported_media_type},
        HardCase{"truncated_jpeg", [] { return card_jpeg().substr(0, card_jpeg().size() * 6 / 10); }, "image/jpeg",
                 "image.unreadable", ErrorKind::unprocessable},
        HardCase{"truncated_png",
                 [] {
                   const auto png = samples::encode(photo("selfie"), ".png");
                   return png.substr(0, png.size() / 2);
                 },
                 "image/png", "image.unreadable", ErrorKind::unprocessable},
        HardCase{"truncated_webp",
                 [] {
                   const auto webp = samples::encode(photo("selfie"), ".webp", 80);
                   return webp.substr(0, webp.size() - 100);
                 },
                 "image/webp", "image.unreadable", ErrorKind::unprocessable},
        HardCase{"jpeg_header_only", [] { return card_jpeg().substr(0, 20); }, "image/jpeg", "image.unreadable",
                 ErrorKind::unprocessable},
        HardCase{"png_header_only", [] { return samples::encode(photo("selfie"), ".png").substr(0, 33); }, "image/png",
                 "image.unreadable", ErrorKind::unprocessable},
        HardCase{"webp_header_only", [] { return samples::encode(photo("selfie"), ".webp", 80).substr(0, 30); },
                 "image/webp", "image.unreadable", ErrorKind::unprocessable},
        // Structurally complete files whose pixel data cannot fill the picture their header claims:
        // decoders would invent the rest (grey for libjpeg), so they are refused.
        HardCase{"jpeg_frame_larger_than_its_data", [] { return jpeg_claiming(2000, 1500); }, "image/jpeg",
                 "image.unreadable", ErrorKind::unprocessable},
        HardCase{"png_with_too_little_image_data", [] { return samples::png_claiming(2000, 2000); }, "image/png",
                 "image.unreadable", ErrorKind::unprocessable},
        HardCase{"jpeg_ending_inside_its_scan",
                 [] {
                   std::string bytes = card_jpeg();
                   const std::size_t scan = bytes.find("\xFF\xDA");
                   return bytes.replace(scan + (bytes.size() - scan) / 2, 2, "\xFF\xD9", 2);
                 },
                 "image/jpeg", "image.unreadable", ErrorKind::unprocessable},
        HardCase{"empty_body", [] { return std::string(); }, "image/jpeg", "image.unsupported_type",
                 ErrorKind::unsupported_media_type}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(InspectorTest, SizeLimitIsConfigurable) {
  ImageLimits limits;
  limits.max_bytes = 50'000;
  auto inspection = inspect_image(card_jpeg(), "image/jpeg", ImageKind::id_front, limits);
  ASSERT_FALSE(inspection.ok());
  EXPECT_EQ(inspection.error().code, "image.too_large");

  limits = ImageLimits{};
  limits.max_pixels = 1'000'000;  // the card photo is 1.23 MP
  inspection = inspect_image(card_jpeg(), "image/jpeg", ImageKind::id_front, limits);
  ASSERT_FALSE(inspection.ok());
  EXPECT_EQ(inspection.error().code, "image.too_many_pixels");
}

// ---- normalization ----

// Walks the JPEG's segments up to SOS and returns their markers.
std::vector<int> jpeg_markers(const std::string& bytes) {
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

cv::Mat decode(const std::string& bytes) {
  return cv::imdecode(cv::Mat(1, static_cast<int>(bytes.size()), CV_8U, const_cast<char*>(bytes.data())),
                      cv::IMREAD_COLOR);
}

double mean_difference(const cv::Mat& a, const cv::Mat& b) {
  if (a.size() != b.size()) return 255;
  cv::Mat diff;
  cv::absdiff(a, b, diff);
  const cv::Scalar m = cv::mean(diff);
  return (m[0] + m[1] + m[2]) / 3;
}

TEST_F(InspectorTest, StoredCopyIsAPlainJpegWithoutAnyMetadata) {
  const std::string secret = "GPS 31.2304N 121.4737E; owner ZHANG SAN";
  const std::string upload = samples::with_comment(samples::with_exif_orientation(card_jpeg(), 1), secret);
  ASSERT_NE(upload.find("Exif"), std::string::npos);
  auto inspection = inspect_image(upload, "image/jpeg", ImageKind::id_front);
  ASSERT_TRUE(inspection.ok());
  ASSERT_TRUE(inspection->report.accepted) << inspection->report.measurements.dump();
  const std::string& stored = inspection->normalized_jpeg;
  EXPECT_EQ(stored.find("GPS"), std::string::npos);
  EXPECT_EQ(stored.find("ZHANG"), std::string::npos);
  EXPECT_EQ(stored.find("Exif"), std::string::npos);
  for (int marker : jpeg_markers(stored)) {
    // Only JFIF APP0 and the image's own tables: no APP1..APP15 (EXIF, XMP, ICC) and no comment.
    EXPECT_FALSE(marker >= 0xE1 && marker <= 0xEF) << std::hex << marker;
    EXPECT_NE(marker, 0xFE);
  }
  const cv::Mat decoded = decode(stored);
  ASSERT_FALSE(decoded.empty());
  EXPECT_EQ(decoded.cols, 1280);
  EXPECT_EQ(decoded.rows, 960);
  EXPECT_LT(mean_difference(decoded, photo("card_front")), 4.0);  // q90: visually the same picture
}

TEST_F(InspectorTest, StoredCopyIsScaledDownToTheLimit) {
  ImageLimits limits;
  limits.max_stored_long_side = 800;
  auto inspection = inspect_image(card_jpeg(), "image/jpeg", ImageKind::id_front, limits);
  ASSERT_TRUE(inspection.ok());
  ASSERT_TRUE(inspection->report.accepted);
  EXPECT_EQ(inspection->width, 1280);
  EXPECT_EQ(inspection->height, 960);
  const cv::Mat decoded = decode(inspection->normalized_jpeg);
  EXPECT_EQ(decoded.cols, 800);
  EXPECT_EQ(decoded.rows, 600);
}

// What a phone stores for each EXIF orientation, given what the person saw (its inverse).
cv::Mat stored_for(const cv::Mat& upright, int orientation) {
  cv::Mat out;
  switch (orientation) {
    case 2: cv::flip(upright, out, 1); break;
    case 3: cv::rotate(upright, out, cv::ROTATE_180); break;
    case 4: cv::flip(upright, out, 0); break;
    case 5: cv::transpose(upright, out); break;
    case 6: cv::rotate(upright, out, cv::ROTATE_90_COUNTERCLOCKWISE); break;
    case 7:
      cv::rotate(upright, out, cv::ROTATE_180);
      cv::transpose(out, out);
      break;
    case 8: cv::rotate(upright, out, cv::ROTATE_90_CLOCKWISE); break;
    default: out = upright.clone();
  }
  return out;
}

class OrientationTest : public InspectorTest, public ::testing::WithParamInterface<int> {};

TEST_P(OrientationTest, TurnsThePictureUprightBeforeCheckingAndStoring) {
  const int orientation = GetParam();
  const cv::Mat& upright = photo("card_front");
  const std::string upload = samples::with_exif_orientation(jpeg(stored_for(upright, orientation)), orientation,
                                                            orientation % 2 == 0);
  auto inspection = inspect_image(upload, "image/jpeg", ImageKind::id_front);
  ASSERT_TRUE(inspection.ok());
  EXPECT_EQ(inspection->report.measurements.at("orientation"), orientation);
  ASSERT_TRUE(inspection->report.accepted) << inspection->report.measurements.dump();
  EXPECT_EQ(inspection->width, 1280);
  EXPECT_EQ(inspection->height, 960);
  const cv::Mat decoded = decode(inspection->normalized_jpeg);
  EXPECT_LT(mean_difference(decoded, upright), 4.0);
  EXPECT_EQ(inspection->normalized_jpeg.find("Exif"), std::string::npos);  // shown upright without a tag
}

INSTANTIATE_TEST_SUITE_P(Exif, OrientationTest, ::testing::Range(1, 9),
                         [](const auto& info) { return "orientation_" + std::to_string(info.param); });

TEST_F(InspectorTest, SelfieStoredSidewaysWithOrientationSixIsUpright) {
  // A portrait selfie as phones write it: pixels sideways, EXIF says "rotate 90° clockwise".
  const cv::Mat portrait = samples::crop_share(photo("selfie"), 0.125, 0, 0.75, 1);  // 480×640
  const std::string upload = samples::with_exif_orientation(jpeg(stored_for(portrait, 6)), 6);
  auto inspection = inspect_image(upload, "image/jpeg", ImageKind::selfie);
  ASSERT_TRUE(inspection.ok());
  EXPECT_EQ(inspection->report.reasons, Codes{});
  EXPECT_EQ(inspection->width, 480);
  EXPECT_EQ(inspection->height, 640);
}

TEST_F(InspectorTest, RejectedPictureKeepsMeasurementsButNothingToStore) {
  auto inspection = inspect_image(jpeg(samples::gaussian_blurred(photo("selfie"), 3)), "image/jpeg", ImageKind::selfie);
  ASSERT_TRUE(inspection.ok());
  EXPECT_FALSE(inspection->report.accepted);
  EXPECT_TRUE(inspection->normalized_jpeg.empty());
  const auto& m = inspection->report.measurements;
  EXPECT_LT(m.at("blur").at("edge_ratio").get<double>(), QualityThresholds{}.min_edge_ratio);
  EXPECT_EQ(m.at("faces").at("count"), 1);
  EXPECT_EQ(m.at("width"), 640);
}

TEST_F(InspectorTest, ConcurrentInspectionsAgree) {
  const std::string selfie = jpeg(photo("selfie"));
  const std::string blurred = jpeg(samples::gaussian_blurred(photo("selfie"), 2));
  std::vector<std::thread> threads;
  std::atomic<int> right{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      auto inspection = inspect_image(i % 2 == 0 ? selfie : blurred, "image/jpeg", ImageKind::selfie);
      if (inspection.ok() && inspection->report.accepted == (i % 2 == 0)) ++right;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(right.load(), 4);
}

}  // namespace
}  // namespace simreg::imaging

// Calibration and behaviour of the quality checks on OpenCV's real sample photographs (opencv-doc).
// These tables are the evidence behind the thresholds in quality_checks.hpp: every sharp original
// passes, every Gaussian-blurred copy and every genuinely blurred photo fails, and so on.
#include "imaging/quality_checks.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <thread>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "imaging/face_detector_internal.hpp"
#include "imaging/quality_checks_internal.hpp"
#include "imaging/sample_photos_internal.hpp"

namespace simreg::imaging {
namespace {

namespace samples = testing;

const QualityThresholds kDefaults;

cv::Mat grey_for(const cv::Mat& bgr) { return grey_of(analysis_copy(bgr)); }

class SampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(samples::sample_dir().has_value()) << "OpenCV sample photos are missing: install opencv-doc";
  }
};

// Ordinary photographs of all kinds of content: texture, text, faces, smooth fruit, night-dark objects.
const char* const kSharpPhotos[] = {
    "aero1.jpg",     "aero3.jpg",       "aloeL.jpg",       "apple.jpg",        "baboon.jpg",
    "board.jpg",     "building.jpg",    "butterfly.jpg",   "ela_original.jpg", "fruits.jpg",
    "home.jpg",      "left.jpg",        "left01.jpg",      "leuvenA.jpg",      "messi5.jpg",
    "orange.jpg",    "pca_test1.jpg",   "squirrel_cls.jpg", "starry_night.jpg", "stuff.jpg",
    "basketball1.png", "chicky_512.png", "graf1.png",      "rubberwhale1.png", "smarties.png",
    "sudoku.png",    "box.png",         "box_in_scene.png", "imageTextN.png",  "cards.png"};
// (face_swapped.jpg is left out: at 320 px it is below the minimum size, and stretching it to the
// 640-px analysis size softens it for real.)

// Photos taken out of focus or with the camera moving.
const char* const kBlurredPhotos[] = {"text_defocus.jpg", "text_motion.jpg", "licenseplate_motion.jpg"};

std::string case_name(const char* file) {
  std::string name(file);
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

class SharpPhotoTest : public SampleTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(SharpPhotoTest, OriginalIsSharpAndBlurredCopiesAreNot) {
  const cv::Mat photo = samples::load_sample(GetParam());
  const BlurCheck original = check_blur(grey_for(photo), kDefaults);
  EXPECT_FALSE(original.blurred) << "laplacian_variance " << original.laplacian_variance << ", edge_ratio "
                                 << original.edge_ratio;
  // σ in pixels of the 640-px analysis copy: 1.5 is a slightly soft phone shot, 2 clearly blurred.
  for (double sigma : {1.5, 2.0, 3.0}) {
    const BlurCheck blurred = check_blur(grey_for(samples::gaussian_blurred(photo, sigma)), kDefaults);
    EXPECT_TRUE(blurred.blurred) << "sigma " << sigma << ": laplacian_variance " << blurred.laplacian_variance
                                 << ", edge_ratio " << blurred.edge_ratio;
    EXPECT_LT(blurred.edge_ratio, original.edge_ratio);
  }
}

INSTANTIATE_TEST_SUITE_P(OpenCvSamples, SharpPhotoTest, ::testing::ValuesIn(kSharpPhotos),
                         [](const auto& info) { return case_name(info.param); });

class BlurredPhotoTest : public SampleTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(BlurredPhotoTest, IsBlurred) {
  const BlurCheck check = check_blur(grey_for(samples::load_sample(GetParam())), kDefaults);
  EXPECT_TRUE(check.blurred) << "laplacian_variance " << check.laplacian_variance << ", edge_ratio "
                             << check.edge_ratio;
}

INSTANTIATE_TEST_SUITE_P(OpenCvSamples, BlurredPhotoTest, ::testing::ValuesIn(kBlurredPhotos),
                         [](const auto& info) { return case_name(info.param); });

// Normally exposed photographs (the white-background studio shots and scans, smarties.png,
// imageTextN.png and cards.png, are left out: they are mostly pure white by design).
const char* const kExposedPhotos[] = {"aero1.jpg",   "aloeL.jpg",        "apple.jpg",     "baboon.jpg",
                                      "board.jpg",   "building.jpg",     "ela_original.jpg", "fruits.jpg",
                                      "home.jpg",    "leuvenA.jpg",      "messi5.jpg",    "orange.jpg",
                                      "stuff.jpg",   "squirrel_cls.jpg", "sudoku.png",    "face_swapped.jpg"};

class ExposureTest : public SampleTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(ExposureTest, OriginalIsFineDarkenedIsDarkBrightenedIsOverexposed) {
  const cv::Mat photo = samples::load_sample(GetParam());
  const ExposureCheck original = check_exposure(grey_for(photo), kDefaults);
  EXPECT_FALSE(original.too_dark) << "mean " << original.mean_luminance << ", bright end " << original.bright_end;
  EXPECT_FALSE(original.overexposed) << "mean " << original.mean_luminance << ", clipped "
                                     << original.clipped_share;

  const ExposureCheck dark = check_exposure(grey_for(samples::relit(photo, 0.25, 0)), kDefaults);  // −2 EV
  EXPECT_TRUE(dark.too_dark) << "mean " << dark.mean_luminance << ", bright end " << dark.bright_end;
  EXPECT_FALSE(dark.overexposed);

  // Washed out: shadows lifted and highlights clipped, as with the sun or a lamp straight on.
  const ExposureCheck bright = check_exposure(grey_for(samples::relit(photo, 1.5, 100)), kDefaults);
  EXPECT_TRUE(bright.overexposed) << "mean " << bright.mean_luminance << ", clipped " << bright.clipped_share;
  EXPECT_FALSE(bright.too_dark);
}

INSTANTIATE_TEST_SUITE_P(OpenCvSamples, ExposureTest, ::testing::ValuesIn(kExposedPhotos),
                         [](const auto& info) { return case_name(info.param); });

// ---- framing and glare on document photos ----

struct FrameCase {
  const char* name;
  cv::Mat (*make)();
  bool found;
  double fill;  // expected, ±0.03 (ignored when not found)
  bool touches_edge;
  bool not_filling;
};
void PrintTo(const FrameCase& c, std::ostream* os) { *os << c.name; }

cv::Mat card() { return samples::document_photo(samples::DocumentKind::card_front); }
cv::Mat card_level() {
  samples::Placement p;
  p.tilt_degrees = 0;
  p.keystone = 0;
  return samples::document_photo(samples::DocumentKind::card_back, p);
}
cv::Mat card_far() {
  samples::Placement p;
  p.width_share = 0.35;
  return samples::document_photo(samples::DocumentKind::card_back, p);
}
cv::Mat card_close() {
  samples::Placement p;
  p.width_share = 0.9;
  p.tilt_degrees = 2;
  return samples::document_photo(samples::DocumentKind::card_back, p);
}
cv::Mat card_off_edge() {
  samples::Placement p;
  p.centre_x = 0.3;
  return samples::document_photo(samples::DocumentKind::card_front, p);
}
cv::Mat card_cropped() { return samples::crop_share(card(), 0.3, 0, 0.7, 1); }
cv::Mat passport_page() { return samples::document_photo(samples::DocumentKind::passport_page); }
cv::Mat card_portrait_frame() {
  cv::Mat rotated;
  cv::rotate(card(), rotated, cv::ROTATE_90_CLOCKWISE);
  return rotated;
}

class FrameTest : public SampleTest, public ::testing::WithParamInterface<FrameCase> {};

TEST_P(FrameTest, FindsTheDocumentAndJudgesItsFraming) {
  const auto& c = GetParam();
  const cv::Mat grey = grey_for(c.make());
  const auto outline = find_document(grey, kDefaults);
  const FrameCheck check = check_frame(grey, outline, kDefaults);
  EXPECT_EQ(check.document_found, c.found);
  if (c.found) {
    EXPECT_NEAR(check.fill, c.fill, 0.03);
  }
  EXPECT_EQ(check.touches_edge, c.touches_edge);
  EXPECT_EQ(check.not_filling_frame, c.not_filling);
}

// Expected fills follow from the placement: 0.72 of the width × the card's 54/85.6 aspect × 4/3.
INSTANTIATE_TEST_SUITE_P(
    Documents, FrameTest,
    ::testing::Values(FrameCase{"card_tilted", card, true, 0.42, false, false},
                      FrameCase{"card_level", card_level, true, 0.44, false, false},
                      FrameCase{"card_close", card_close, true, 0.66, false, false},
                      FrameCase{"passport_page", passport_page, true, 0.47, false, false},
                      FrameCase{"card_in_portrait_frame", card_portrait_frame, true, 0.42, false, false},
                      FrameCase{"card_far_away", card_far, true, 0.10, false, true},
                      FrameCase{"card_off_the_edge", card_off_edge, true, 0.12, true, true},
                      FrameCase{"card_cropped", card_cropped, true, 0.09, true, true}),
    [](const auto& info) { return std::string(info.param.name); });

// Photos without any document in them.
const char* const kNoDocumentPhotos[] = {"aloeL.jpg", "baboon.jpg",  "board.jpg",  "fruits.jpg",       "home.jpg",
                                         "leuvenA.jpg", "messi5.jpg", "stuff.jpg", "starry_night.jpg", "face_swapped.jpg"};

class NoDocumentTest : public SampleTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(NoDocumentTest, IsNotAFramedDocument) {
  const cv::Mat grey = grey_for(samples::load_sample(GetParam()));
  const FrameCheck check = check_frame(grey, find_document(grey, kDefaults), kDefaults);
  EXPECT_TRUE(check.not_filling_frame) << "fill " << check.fill << ", touches " << check.touches_edge;
}

INSTANTIATE_TEST_SUITE_P(OpenCvSamples, NoDocumentTest, ::testing::ValuesIn(kNoDocumentPhotos),
                         [](const auto& info) { return case_name(info.param); });

TEST_F(SampleTest, GlareOnTheDocumentIsFoundAndMeasuredAgainstItsArea) {
  const cv::Mat clean = analysis_copy(card());
  const auto clean_outline = find_document(grey_of(clean), kDefaults);
  ASSERT_TRUE(clean_outline.has_value());
  const GlareCheck none = check_glare(clean, clean_outline, kDefaults);
  EXPECT_FALSE(none.glare);
  EXPECT_EQ(none.blobs, 0);

  for (double radius : {0.05, 0.08}) {
    const cv::Mat shiny = analysis_copy(samples::with_glare(card(), 0.45, 0.5, radius));
    const auto outline = find_document(grey_of(shiny), kDefaults);
    ASSERT_TRUE(outline.has_value());
    const GlareCheck check = check_glare(shiny, outline, kDefaults);
    EXPECT_TRUE(check.glare) << "radius " << radius << ": share " << check.glare_share;
    EXPECT_EQ(check.blobs, 1);
    // A disc of radius r·1280 px on a 1280×960 frame, over a document of ≈ 42 % of it.
    const double expected = CV_PI * radius * radius * 1280.0 * 1280.0 / (1280.0 * 960.0) / 0.42;
    EXPECT_NEAR(check.glare_share, expected, 0.35 * expected);
  }
  // A small highlight (a speck of light) is not glare.
  const cv::Mat speck = analysis_copy(samples::with_glare(card(), 0.45, 0.5, 0.008));
  EXPECT_FALSE(check_glare(speck, find_document(grey_of(speck), kDefaults), kDefaults).glare);
}

TEST_F(SampleTest, GlareOutsideTheDocumentIsIgnored) {
  // The reflection sits on the notebook beside the card, not on the card.
  const cv::Mat image = analysis_copy(samples::with_glare(card(), 0.06, 0.1, 0.04));
  const auto outline = find_document(grey_of(image), kDefaults);
  ASSERT_TRUE(outline.has_value());
  EXPECT_FALSE(check_glare(image, outline, kDefaults).glare);
  EXPECT_TRUE(check_glare(image, std::nullopt, kDefaults).blobs >= 1);
}

// ---- faces ----

TEST_F(SampleTest, DetectorFindsOneTwoOrNoFaces) {
  struct Case {
    const char* name;
    cv::Mat image;
    std::size_t faces;
  };
  cv::Mat upside_down;
  cv::rotate(samples::selfie_photo(), upside_down, cv::ROTATE_180);
  for (const auto& c : {Case{"selfie", samples::selfie_photo(), 1}, Case{"two_people", samples::two_people_photo(), 2},
                        Case{"upside_down", upside_down, 0}, Case{"no_person", samples::load_sample("aloeL.jpg"), 0}}) {
    auto search = detect_faces(c.image, kDefaults.min_selfie_face);
    ASSERT_TRUE(search.ok()) << search.error().code;
    EXPECT_EQ(search->faces.size(), c.faces) << c.name;
    EXPECT_LE(search->short_side, 480) << c.name;
  }
}

TEST_F(SampleTest, DetectorIsUsableFromManyThreads) {
  const cv::Mat selfie = samples::selfie_photo();
  std::vector<std::thread> threads;
  std::atomic<int> found{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int round = 0; round < 2; ++round) {
        auto search = detect_faces(selfie, kDefaults.min_selfie_face);
        if (search.ok() && search->faces.size() == 1) ++found;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(found.load(), 8);
}

struct JudgeCase {
  const char* name;
  std::vector<cv::Rect> faces;
  FacePolicy policy;
  int counted;
  bool no_face;
  bool multiple;
};
void PrintTo(const JudgeCase& c, std::ostream* os) { *os << c.name; }

class JudgeFacesTest : public ::testing::TestWithParam<JudgeCase> {};

TEST_P(JudgeFacesTest, AppliesThePolicy) {
  const auto& c = GetParam();
  const FaceCheck check = judge_faces(c.faces, 480, c.policy, kDefaults);
  EXPECT_EQ(check.faces, c.counted);
  EXPECT_EQ(check.no_face, c.no_face);
  EXPECT_EQ(check.multiple_faces, c.multiple);
}

const cv::Rect kBig(100, 100, 160, 160);
const cv::Rect kSimilar(300, 100, 150, 150);
const cv::Rect kSmall(20, 20, 60, 60);  // less than half the big face: someone far behind

INSTANTIATE_TEST_SUITE_P(
    Table, JudgeFacesTest,
    ::testing::Values(JudgeCase{"selfie_one", {kBig}, FacePolicy::exactly_one, 1, false, false},
                      JudgeCase{"selfie_none", {}, FacePolicy::exactly_one, 0, true, false},
                      JudgeCase{"selfie_two", {kBig, kSimilar}, FacePolicy::exactly_one, 2, false, true},
                      JudgeCase{"selfie_passer_by", {kBig, kSmall}, FacePolicy::exactly_one, 1, false, false},
                      JudgeCase{"document_one", {kSmall}, FacePolicy::at_least_one, 1, false, false},
                      JudgeCase{"document_two", {kBig, kSimilar}, FacePolicy::at_least_one, 2, false, false},
                      JudgeCase{"document_none", {}, FacePolicy::at_least_one, 0, true, false},
                      JudgeCase{"back_side_none", {}, FacePolicy::none, 0, false, false}),
    [](const auto& info) { return std::string(info.param.name); });

// ---- size ----

struct SizeCase {
  const char* name;
  int width;
  int height;
  bool too_small;
};
void PrintTo(const SizeCase& c, std::ostream* os) { *os << c.name; }

class SizeTest : public ::testing::TestWithParam<SizeCase> {};

TEST_P(SizeTest, NeedsVgaInEitherOrientation) {
  EXPECT_EQ(check_size(GetParam().width, GetParam().height, ImageLimits{}).too_small, GetParam().too_small);
}

INSTANTIATE_TEST_SUITE_P(Table, SizeTest,
                         ::testing::Values(SizeCase{"vga", 640, 480, false}, SizeCase{"vga_portrait", 480, 640, false},
                                           SizeCase{"hd", 1920, 1080, false}, SizeCase{"narrow", 639, 480, true},
                                           SizeCase{"short", 640, 479, true}, SizeCase{"thumbnail", 160, 120, true},
                                           SizeCase{"panorama_strip", 4000, 300, true},
                                           SizeCase{"square_640", 640, 640, false}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace simreg::imaging

// simreg_image_bench: the upload speed target of issue 3. For a 2-megapixel JPEG made from an
// OpenCV sample photo, times (a) the baseline — cv::imdecode plus the very face-detector call the
// inspector makes — and (b) inspect_image(), the full upload path (sniff, header guards, container
// scan, decode, EXIF orientation, every quality check, face detection, JPEG re-encode), interleaved
// round by round in the same process, and prints medians and their ratio (target ≤ 1.5).
// The pictures (1632×1224, 2.0 MP): a selfie (face_swapped.jpg in front of aloeL.jpg's room) and the
// ID-card photo of the tests.
// Usage: simreg_image_bench [--rounds N] [--kind selfie|id_front|both]
// Exit: 0 every target met, 1 a ratio above target, 2 the run itself failed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "imaging/face_detector_internal.hpp"
#include "imaging/image_inspector.hpp"
#include "imaging/quality_checks_internal.hpp"
#include "imaging/sample_photos_internal.hpp"

namespace {

namespace im = simreg::imaging;
using Clock = std::chrono::steady_clock;

constexpr double kTargetRatio = 1.5;
constexpr int kWarmUp = 3;
constexpr int kWidth = 1632;  // 1632 × 1224 ≈ 2.0 MP, a 4:3 phone photo
constexpr int kHeight = 1224;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string picture_for(im::ImageKind kind) {
  if (kind == im::ImageKind::selfie) {
    return im::testing::encode(im::testing::selfie_in_room_photo(kWidth, kHeight), ".jpg", 92);
  }
  im::testing::Placement placement;
  placement.frame_width = kWidth;
  placement.frame_height = kHeight;
  return im::testing::encode(im::testing::document_photo(im::testing::DocumentKind::card_front, placement), ".jpg",
                             92);
}

struct Outcome {
  bool ok = false;
  bool met = false;
};

Outcome run(im::ImageKind kind, int rounds) {
  const std::string jpeg = picture_for(kind);
  const im::ImageLimits limits;
  const im::QualityThresholds thresholds;
  const double face_share = im::min_face_share(im::face_policy(kind), thresholds);
  const cv::Mat buffer(1, static_cast<int>(jpeg.size()), CV_8U, const_cast<char*>(jpeg.data()));

  auto baseline = [&] {
    const cv::Mat decoded = cv::imdecode(buffer, cv::IMREAD_COLOR);
    auto faces = im::detect_faces(decoded, face_share);
    return faces.ok() ? static_cast<int>(faces->faces.size()) : -1;
  };
  auto measured = [&] { return im::inspect_image(jpeg, "image/jpeg", kind, limits, thresholds); };

  const auto first = measured();
  if (!first.ok() || !first->report.accepted) {
    std::fprintf(stderr, "simreg_image_bench: the %s picture was not accepted: %s\n",
                 std::string(im::image_kind_name(kind)).c_str(),
                 first.ok() ? first->report.measurements.dump().c_str() : first.error().code.c_str());
    return {};
  }
  if (baseline() < 1) {
    std::fprintf(stderr, "simreg_image_bench: the baseline found no face\n");
    return {};
  }
  for (int i = 0; i < kWarmUp; ++i) {
    baseline();
    (void)measured();
  }
  std::vector<double> base_ms;
  std::vector<double> inspect_ms;
  for (int i = 0; i < rounds; ++i) {
    // Alternate which goes first so neither always runs on a warmer cache.
    for (int turn = 0; turn < 2; ++turn) {
      const bool base_turn = (turn == 0) == (i % 2 == 0);
      const auto start = Clock::now();
      if (base_turn) {
        baseline();
        base_ms.push_back(ms_since(start));
      } else {
        (void)measured();
        inspect_ms.push_back(ms_since(start));
      }
    }
  }
  const double base = median(base_ms);
  const double inspect = median(inspect_ms);
  const double ratio = inspect / base;
  const bool met = ratio <= kTargetRatio;
  std::printf("kind=%-8s picture=%dx%d (%.2f MP, %zu KiB JPEG q92, stored %zu KiB)\n",
              std::string(im::image_kind_name(kind)).c_str(), first->width, first->height,
              first->width * first->height / 1e6, jpeg.size() / 1024, first->normalized_jpeg.size() / 1024);
  std::printf("  baseline  imdecode + face detector   median %7.1f ms  (min %.1f, max %.1f, %d rounds)\n", base,
              *std::min_element(base_ms.begin(), base_ms.end()), *std::max_element(base_ms.begin(), base_ms.end()),
              rounds);
  std::printf("  measured  inspect_image (full path)  median %7.1f ms  (min %.1f, max %.1f)\n", inspect,
              *std::min_element(inspect_ms.begin(), inspect_ms.end()),
              *std::max_element(inspect_ms.begin(), inspect_ms.end()));
  std::printf("  ratio %.2f (target <= %.1f) %s\n", ratio, kTargetRatio, met ? "PASS" : "FAIL");
  std::printf("BENCH image kind=%s baseline_ms=%.2f inspect_ms=%.2f ratio=%.3f target=%.1f pass=%d\n",
              std::string(im::image_kind_name(kind)).c_str(), base, inspect, ratio, kTargetRatio, met ? 1 : 0);
  return {true, met};
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 20;
  std::string which = "both";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--kind") == 0 && i + 1 < argc) {
      which = argv[++i];
    } else {
      std::fprintf(stderr, "usage: simreg_image_bench [--rounds N] [--kind selfie|id_front|both]\n");
      return 2;
    }
  }
  if (!im::testing::sample_dir()) {
    std::fprintf(stderr, "simreg_image_bench: OpenCV sample photos missing (install opencv-doc)\n");
    return 2;
  }
  std::vector<im::ImageKind> kinds;
  if (which == "both" || which == "selfie") kinds.push_back(im::ImageKind::selfie);
  if (which == "both" || which == "id_front") kinds.push_back(im::ImageKind::id_front);
  if (kinds.empty()) return 2;
  bool all_met = true;
  for (const auto kind : kinds) {
    const Outcome outcome = run(kind, rounds);
    if (!outcome.ok) return 2;
    all_met = all_met && outcome.met;
  }
  return all_met ? 0 : 1;
}

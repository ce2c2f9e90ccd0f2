#include <algorithm>
#include <memory>
#include <string>

#include <opencv2/core/persistence.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include "imaging/face_cascade_data.hpp"
#include "imaging/face_detector_internal.hpp"

namespace simreg::imaging {
namespace {

constexpr int kSearchShortSide = 480;
constexpr int kSearchLongSide = 854;
constexpr double kScaleFactor = 1.1;
constexpr int kMinNeighbours = 5;
constexpr double kDuplicateOverlap = 0.3;

// nullptr when the embedded cascade does not parse (a broken build); retried on the next call.
cv::CascadeClassifier* thread_classifier() {
  thread_local std::unique_ptr<cv::CascadeClassifier> classifier;
  if (classifier) return classifier.get();
  try {
    cv::FileStorage storage(std::string(face_cascade_xml()), cv::FileStorage::READ | cv::FileStorage::MEMORY);
    auto loaded = std::make_unique<cv::CascadeClassifier>();
    if (!loaded->read(storage.getFirstTopLevelNode()) || loaded->empty()) return nullptr;
    classifier = std::move(loaded);
  } catch (const cv::Exception&) {
    return nullptr;
  }
  return classifier.get();
}

}  // namespace

Result<FaceSearch> detect_faces(const cv::Mat& bgr, double min_face_share, bool any_orientation) {
  cv::CascadeClassifier* classifier = thread_classifier();
  if (classifier == nullptr) {
    return Error::make(ErrorKind::internal, "imaging.face_detector_unavailable", "The face detector did not load.");
  }
  const double scale = std::min({1.0, static_cast<double>(kSearchShortSide) / std::min(bgr.cols, bgr.rows),
                                 static_cast<double>(kSearchLongSide) / std::max(bgr.cols, bgr.rows)});
  cv::Mat small;
  if (scale < 1.0) {
    cv::resize(bgr, small, cv::Size(), scale, scale, cv::INTER_AREA);
  } else {
    small = bgr;
  }
  cv::Mat grey;
  cv::cvtColor(small, grey, cv::COLOR_BGR2GRAY);
  cv::equalizeHist(grey, grey);

  FaceSearch search;
  search.short_side = std::min(grey.cols, grey.rows);
  const int min_size = std::max(24, static_cast<int>(min_face_share * search.short_side));
  struct Turn {
    int degrees;
    int code;  // cv::RotateFlags, or -1 for none
  };
  constexpr Turn kUpright{0, -1};
  constexpr Turn kTurns[] = {{90, cv::ROTATE_90_CLOCKWISE}, {270, cv::ROTATE_90_COUNTERCLOCKWISE}, {180, cv::ROTATE_180}};
  std::vector<Turn> turns{kUpright};
  if (any_orientation) turns.insert(turns.end(), std::begin(kTurns), std::end(kTurns));

  std::vector<cv::Rect> found;
  for (const Turn& turn : turns) {
    cv::Mat turned = grey;
    if (turn.code >= 0) cv::rotate(grey, turned, turn.code);
    try {
      classifier->detectMultiScale(turned, found, kScaleFactor, kMinNeighbours, cv::CASCADE_SCALE_IMAGE,
                                   cv::Size(min_size, min_size));
    } catch (const cv::Exception&) {
      return Error::make(ErrorKind::internal, "imaging.face_detector_failed", "Face detection failed.");
    }
    if (!found.empty()) {
      search.rotation_degrees = turn.degrees;
      break;
    }
  }
  std::sort(found.begin(), found.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.area() > b.area(); });
  for (const auto& rect : found) {
    const bool duplicate = std::any_of(search.faces.begin(), search.faces.end(), [&](const cv::Rect& kept) {
      return (kept & rect).area() >= kDuplicateOverlap * rect.area();
    });
    if (!duplicate) search.faces.push_back(rect);
  }
  return search;
}

}  // namespace simreg::imaging

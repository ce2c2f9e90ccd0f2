// The picture-quality checks over OpenCV matrices: pure functions, each returning its measurement
// and verdict (types in quality_checks.hpp). Inputs are 8-bit BGR or grey images as produced by
// analysis_copy(); nothing is modified. Thread-safe (no shared state).
#pragma once

#include <optional>

#include <opencv2/core.hpp>

#include "imaging/image_kind.hpp"
#include "imaging/quality_checks.hpp"

namespace simreg::imaging {

// The picture scaled so its long side is kAnalysisLongSide (halved by area averaging while at least
// twice too large, then bilinear), the size every threshold was calibrated at.
cv::Mat analysis_copy(const cv::Mat& bgr);
cv::Mat grey_of(const cv::Mat& bgr);

BlurCheck check_blur(const cv::Mat& grey, const QualityThresholds& t);
ExposureCheck check_exposure(const cv::Mat& grey, const QualityThresholds& t);

// The document's outline in analysis coordinates (4 corners), when one is found.
struct DocumentOutline {
  std::vector<cv::Point> corners;
};
std::optional<DocumentOutline> find_document(const cv::Mat& grey, const QualityThresholds& t);
FrameCheck check_frame(const cv::Mat& grey, const std::optional<DocumentOutline>& outline,
                       const QualityThresholds& t);

// Glare within the document outline (the whole frame without one).
GlareCheck check_glare(const cv::Mat& bgr, const std::optional<DocumentOutline>& outline,
                       const QualityThresholds& t);

// Counts faces found by the detector (face_detector_internal.hpp) against the kind's policy.
// `faces` are in pixels of the searched image whose short side is `short_side`.
FaceCheck judge_faces(const std::vector<cv::Rect>& faces, int short_side, FacePolicy policy,
                      const QualityThresholds& t, int rotation_degrees = 0);

// The minimum face width for a kind, as a share of the short side.
double min_face_share(FacePolicy policy, const QualityThresholds& t);

}  // namespace simreg::imaging

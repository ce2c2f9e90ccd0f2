// Frontal-face detection with OpenCV's Haar cascade (haarcascade_frontalface_default.xml, embedded
// in the binary at build time so a server needs no data files). CascadeClassifier is not
// thread-safe, so every thread lazily loads its own (≈0.1 s once per worker thread).
#pragma once

#include <vector>

#include <opencv2/core.hpp>

#include "core/result.hpp"

namespace simreg::imaging {

struct FaceSearch {
  std::vector<cv::Rect> faces;  // in the searched (downscaled, turned) picture, overlaps removed, largest first
  int short_side = 0;           // of the searched picture
  int rotation_degrees = 0;     // clockwise turn under which the faces were found
};

// Downscales `bgr` (short side ≤ 480, long side ≤ 854; never up), equalizes its histogram and runs
// the cascade with faces no narrower than `min_face_share` of the short side. The frontal cascade
// only sees upright faces: with `any_orientation`, a search that finds none is repeated with the
// picture turned 90°, 270° and 180° (a card photographed with the phone held the other way).
// Error: internal "imaging.face_detector_unavailable" when the embedded cascade cannot be loaded.
Result<FaceSearch> detect_faces(const cv::Mat& bgr, double min_face_share, bool any_orientation = false);

}  // namespace simreg::imaging

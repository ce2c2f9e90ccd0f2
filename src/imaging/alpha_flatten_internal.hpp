// Flattening a picture with an alpha channel onto white, the way a browser shows it on a page: the
// checks and the stored copy see what the person saw, never the arbitrary colour a phone or editor
// left under transparent pixels (often black). Pure; thread-safe.
#pragma once

#include <opencv2/core.hpp>

namespace simreg::imaging {

// `bgra` is CV_8UC4 (B, G, R, straight alpha); the result is CV_8UC3 of the same size, each channel
// c·a/255 + 255·(1 − a/255), rounded. Opaque pixels keep their exact values.
cv::Mat flatten_onto_white(const cv::Mat& bgra);

}  // namespace simreg::imaging

#include "imaging/quality_checks.hpp"

#include <algorithm>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "imaging/quality_checks_internal.hpp"

namespace simreg::imaging {
namespace {

constexpr double kStrongGradientQuantile = 0.90;
constexpr int kQuantileStride = 4;
constexpr double kQuadEpsilon = 0.02;        // approxPolyDP tolerance, share of the perimeter
constexpr double kMinCandidateArea = 0.05;   // share of the frame below which outlines are ignored
constexpr int kGlareMaxChroma = 40;          // max(B,G,R) - min(B,G,R) of a reflection


// Value at quantile q (0..1) of an 8-bit image, from its histogram.
double grey_quantile(const cv::Mat& grey, double q) {
  int hist[256] = {0};
  for (int y = 0; y < grey.rows; ++y) {
    const auto* row = grey.ptr<std::uint8_t>(y);
    for (int x = 0; x < grey.cols; ++x) ++hist[row[x]];
  }
  const double target = q * static_cast<double>(grey.total());
  double seen = 0;
  for (int v = 0; v < 256; ++v) {
    seen += hist[v];
    if (seen >= target) return v;
  }
  return 255;
}

// An outline that runs along all four borders is the picture's frame (the background region seen
// from inside), not a document lying in it.
bool is_the_frame(const std::vector<cv::Point>& contour, const cv::Size& frame) {
  const cv::Rect box = cv::boundingRect(contour);
  return box.x <= 2 && box.y <= 2 && box.x + box.width >= frame.width - 2 && box.y + box.height >= frame.height - 2;
}

void consider_outlines(const std::vector<std::vector<cv::Point>>& contours, const cv::Size& frame,
                       std::vector<cv::Point>& best, double& best_area) {
  const double frame_area = static_cast<double>(frame.area());
  for (const auto& contour : contours) {
    if (std::abs(cv::contourArea(contour)) < kMinCandidateArea * frame_area) continue;
    if (is_the_frame(contour, frame)) continue;
    std::vector<cv::Point> quad;
    cv::approxPolyDP(contour, quad, kQuadEpsilon * cv::arcLength(contour, true), true);
    if (quad.size() != 4 || !cv::isContourConvex(quad)) continue;
    const double area = std::abs(cv::contourArea(quad));
    if (area > best_area) {
      best_area = area;
      best = quad;
    }
  }
}

}  // namespace

SizeCheck check_size(int width, int height, const ImageLimits& limits) {
  SizeCheck check{width, height, false};
  const int long_side = std::max(width, height);
  const int short_side = std::min(width, height);
  check.too_small = long_side < limits.min_long_side || short_side < limits.min_short_side;
  return check;
}

cv::Mat analysis_copy(const cv::Mat& bgr) {
  // OpenCV's area averaging is fast only for whole factors (≈0.5 ms to halve 2 MP, ≈13 ms for a
  // general ratio). So: halve while at least twice too large, then finish the last step (a ratio
  // below 2, where bilinear sampling barely aliases) bilinearly.
  cv::Mat source = bgr;
  while (std::max(source.cols, source.rows) >= 2 * kAnalysisLongSide) {
    const cv::Mat even = source(cv::Rect(0, 0, source.cols & ~1, source.rows & ~1));
    cv::Mat half;
    cv::resize(even, half, cv::Size(even.cols / 2, even.rows / 2), 0, 0, cv::INTER_AREA);
    source = half;
  }
  const double scale = static_cast<double>(kAnalysisLongSide) / std::max(source.cols, source.rows);
  if (scale == 1.0) return source;
  cv::Mat out;
  cv::resize(source, out, cv::Size(), scale, scale, cv::INTER_LINEAR);
  return out;
}

cv::Mat grey_of(const cv::Mat& bgr) {
  cv::Mat grey;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  return grey;
}

BlurCheck check_blur(const cv::Mat& grey, const QualityThresholds& t) {
  cv::Mat f;
  grey.convertTo(f, CV_32F);
  cv::Mat laplacian;
  cv::Mat gx;
  cv::Mat gy;
  cv::Laplacian(f, laplacian, CV_32F, 1);
  cv::Sobel(f, gx, CV_32F, 1, 0, 1);  // ksize 1: central differences, the same scale as the Laplacian
  cv::Sobel(f, gy, CV_32F, 0, 1, 1);

  BlurCheck check;
  cv::Scalar mean;
  cv::Scalar stddev;
  cv::meanStdDev(laplacian, mean, stddev);
  check.laplacian_variance = stddev[0] * stddev[0];

  // Edge width: at a step edge blurred by σ the Laplacian peaks at ≈ gradient/σ, so their energy
  // ratio over the strongest edges falls like 1/σ² whatever the contrast. Only the strongest 10 %
  // of gradients take part, so flat, noisy areas do not pass for detail.
  const cv::Mat g2 = gx.mul(gx) + gy.mul(gy);
  // The cut-off quantile from every 4th pixel of every row: the same number, a quarter of the sort.
  std::vector<float> values;
  values.reserve(g2.total() / kQuantileStride + g2.rows);
  for (int y = 0; y < g2.rows; ++y) {
    const auto* g = g2.ptr<float>(y);
    for (int x = y % kQuantileStride; x < g2.cols; x += kQuantileStride) values.push_back(g[x]);
  }
  const auto nth = values.begin() + static_cast<std::ptrdiff_t>(kStrongGradientQuantile * (values.size() - 1));
  std::nth_element(values.begin(), nth, values.end());
  const float cut = std::max(*nth, 1e-3f);
  double laplacian_energy = 0;
  double gradient_energy = 0;
  for (int y = 0; y < g2.rows; ++y) {
    const auto* g = g2.ptr<float>(y);
    const auto* l = laplacian.ptr<float>(y);
    for (int x = 0; x < g2.cols; ++x) {
      if (g[x] < cut) continue;
      laplacian_energy += static_cast<double>(l[x]) * l[x];
      gradient_energy += g[x];
    }
  }
  check.edge_ratio = gradient_energy > 0 ? laplacian_energy / gradient_energy : 0;
  check.blurred = check.laplacian_variance < t.min_laplacian_variance || check.edge_ratio < t.min_edge_ratio;
  return check;
}

ExposureCheck check_exposure(const cv::Mat& grey, const QualityThresholds& t) {
  ExposureCheck check;
  check.mean_luminance = cv::mean(grey)[0];
  check.dark_end = grey_quantile(grey, 0.01);
  check.bright_end = grey_quantile(grey, 0.99);
  check.clipped_share =
      static_cast<double>(cv::countNonZero(grey >= kClippedLevel)) / static_cast<double>(grey.total());
  check.too_dark = check.mean_luminance < t.min_mean_luminance || check.bright_end < t.min_bright_end;
  const bool washed_out =
      check.dark_end >= t.washed_out_dark_end && check.clipped_share >= t.washed_out_clipped_share;
  check.overexposed =
      check.mean_luminance > t.max_mean_luminance || check.clipped_share > t.max_clipped_share || washed_out;
  return check;
}

std::optional<DocumentOutline> find_document(const cv::Mat& grey, const QualityThresholds&) {
  cv::Mat smooth;
  cv::GaussianBlur(grey, smooth, cv::Size(5, 5), 0);
  cv::Mat binary;
  const double otsu = cv::threshold(smooth, binary, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  std::vector<cv::Point> best;
  double best_area = 0;

  // 1. Outlines in the edge map (Canny thresholds follow the picture's own contrast via Otsu).
  cv::Mat edges;
  cv::Canny(smooth, edges, 0.5 * otsu, otsu);
  cv::dilate(edges, edges, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(edges, contours, cv::RETR_LIST, cv::CHAIN_APPROX_SIMPLE);
  consider_outlines(contours, grey.size(), best, best_area);

  // 2. The document as a region brighter (or darker) than its background; catches soft edges.
  const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(7, 7));
  for (const bool invert : {false, true}) {
    cv::Mat region = invert ? ~binary : binary;
    cv::morphologyEx(region, region, cv::MORPH_OPEN, kernel);
    cv::morphologyEx(region, region, cv::MORPH_CLOSE, kernel);
    contours.clear();
    cv::findContours(region, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    consider_outlines(contours, grey.size(), best, best_area);
  }
  if (best.empty()) return std::nullopt;
  return DocumentOutline{best};
}

FrameCheck check_frame(const cv::Mat& grey, const std::optional<DocumentOutline>& outline,
                       const QualityThresholds& t) {
  FrameCheck check;
  if (outline) {
    check.document_found = true;
    check.fill = std::abs(cv::contourArea(outline->corners)) / static_cast<double>(grey.total());
    const double mx = t.edge_margin * grey.cols;
    const double my = t.edge_margin * grey.rows;
    for (const auto& p : outline->corners) {
      if (p.x < mx || p.y < my || p.x > grey.cols - 1 - mx || p.y > grey.rows - 1 - my) check.touches_edge = true;
    }
  }
  check.not_filling_frame = !check.document_found || check.fill < t.min_document_fill || check.touches_edge;
  return check;
}

GlareCheck check_glare(const cv::Mat& bgr, const std::optional<DocumentOutline>& outline,
                       const QualityThresholds& t) {
  cv::Mat channel_max;
  cv::Mat channel_min;
  std::vector<cv::Mat> channels;
  cv::split(bgr, channels);
  cv::max(channels[0], channels[1], channel_max);
  cv::max(channel_max, channels[2], channel_max);
  cv::min(channels[0], channels[1], channel_min);
  cv::min(channel_min, channels[2], channel_min);
  cv::Mat glare = (channel_min >= kGlareLevel - kGlareMaxChroma) & (channel_max >= kGlareLevel) &
                  ((channel_max - channel_min) <= kGlareMaxChroma);

  cv::Mat region(bgr.size(), CV_8U, cv::Scalar(255));
  if (outline) {
    region.setTo(0);
    cv::fillConvexPoly(region, outline->corners, cv::Scalar(255));
  }
  glare &= region;
  cv::morphologyEx(glare, glare, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(3, 3)));

  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int n = cv::connectedComponentsWithStats(glare, labels, stats, centroids, 8, CV_32S);
  const double min_blob = t.min_glare_blob_share * static_cast<double>(bgr.total());
  double glare_pixels = 0;
  GlareCheck check;
  for (int i = 1; i < n; ++i) {
    const int area = stats.at<int>(i, cv::CC_STAT_AREA);
    if (area < min_blob) continue;
    glare_pixels += area;
    ++check.blobs;
  }
  const double region_area = std::max(1, cv::countNonZero(region));
  check.glare_share = glare_pixels / region_area;
  check.glare = check.glare_share > t.max_glare_share;
  return check;
}

double min_face_share(FacePolicy policy, const QualityThresholds& t) {
  return policy == FacePolicy::exactly_one ? t.min_selfie_face : t.min_document_face;
}

FaceCheck judge_faces(const std::vector<cv::Rect>& faces, int short_side, FacePolicy policy,
                      const QualityThresholds& t, int rotation_degrees) {
  FaceCheck check;
  check.rotation_degrees = rotation_degrees;
  int largest = 0;
  for (const auto& face : faces) largest = std::max(largest, face.width);
  for (const auto& face : faces) {
    if (face.width >= t.companion_face_ratio * largest) ++check.faces;
  }
  check.largest_face = short_side > 0 ? static_cast<double>(largest) / short_side : 0;
  check.no_face = policy != FacePolicy::none && check.faces == 0;
  check.multiple_faces = policy == FacePolicy::exactly_one && check.faces > 1;
  return check;
}

}  // namespace simreg::imaging

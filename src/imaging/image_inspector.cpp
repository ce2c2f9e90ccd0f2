#include "imaging/image_inspector.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "imaging/face_detector_internal.hpp"
#include "imaging/image_codec_internal.hpp"
#include "imaging/image_errors.hpp"
#include "imaging/image_format.hpp"
#include "imaging/jpeg_codec_internal.hpp"
#include "imaging/no_exceptions_internal.hpp"
#include "imaging/quality_checks_internal.hpp"

namespace simreg::imaging {
namespace {

double rounded(double value) { return std::round(value * 10000.0) / 10000.0; }

// EXIF orientation → upright, as the EXIF 2.3 table defines it (and as browsers display it).
cv::Mat upright(cv::Mat image, int orientation) {
  cv::Mat out;
  switch (orientation) {
    case 2: cv::flip(image, out, 1); return out;
    case 3: cv::rotate(image, out, cv::ROTATE_180); return out;
    case 4: cv::flip(image, out, 0); return out;
    case 5: cv::transpose(image, out); return out;
    case 6: cv::rotate(image, out, cv::ROTATE_90_CLOCKWISE); return out;
    case 7:
      cv::transpose(image, out);
      cv::rotate(out, out, cv::ROTATE_180);
      return out;
    case 8: cv::rotate(image, out, cv::ROTATE_90_COUNTERCLOCKWISE); return out;
    default: return image;
  }
}

// The decoder re-reads the dimensions itself; a picture whose pixels disagree with the header the
// guards judged is refused rather than trusted.
Result<cv::Mat> decode(std::string_view bytes, const ImageHeader& header, const ImageLimits& limits) {
  SIMREG_TRY_ASSIGN(cv::Mat decoded, decode_image(bytes, header.format, limits.max_pixels));
  if (decoded.cols != static_cast<int>(header.width) || decoded.rows != static_cast<int>(header.height)) {
    return image_error(kUnreadable);
  }
  return decoded;
}

Result<std::string> stored_copy(const cv::Mat& image, const ImageLimits& limits) {
  cv::Mat stored = image;
  const int long_side = std::max(image.cols, image.rows);
  if (long_side > limits.max_stored_long_side) {
    const double scale = static_cast<double>(limits.max_stored_long_side) / long_side;
    cv::resize(image, stored, cv::Size(), scale, scale, cv::INTER_AREA);
  }
  return encode_jpeg(stored, limits.stored_jpeg_quality);
}

Result<Inspection> judge(const cv::Mat& image, ImageKind kind, const ImageLimits& limits,
                         const QualityThresholds& t, nlohmann::json measurements) {
  Inspection inspection;
  inspection.width = image.cols;
  inspection.height = image.rows;
  QualityReport& report = inspection.report;
  std::vector<std::string>& reasons = report.reasons;

  const SizeCheck size = check_size(image.cols, image.rows, limits);
  measurements["width"] = image.cols;
  measurements["height"] = image.rows;
  if (size.too_small) {
    // Sharpness, framing and faces cannot be judged on a thumbnail; asking for a proper photo first.
    reasons.emplace_back("image.too_small");
    report.measurements = std::move(measurements);
    return inspection;
  }

  const cv::Mat small = analysis_copy(image);
  const cv::Mat grey = grey_of(small);
  const ExposureCheck exposure = check_exposure(grey, t);
  measurements["exposure"] = {{"mean_luminance", rounded(exposure.mean_luminance)},
                              {"dark_end", rounded(exposure.dark_end)},
                              {"bright_end", rounded(exposure.bright_end)},
                              {"clipped_share", rounded(exposure.clipped_share)}};
  if (exposure.too_dark || exposure.overexposed) {
    // In a badly exposed frame noise or clipping decides every other measurement; fix light first.
    if (exposure.too_dark) reasons.emplace_back("image.too_dark");
    if (exposure.overexposed) reasons.emplace_back("image.overexposed");
    report.measurements = std::move(measurements);
    return inspection;
  }

  const BlurCheck blur = check_blur(grey, t);
  measurements["blur"] = {{"laplacian_variance", rounded(blur.laplacian_variance)},
                          {"edge_ratio", rounded(blur.edge_ratio)}};
  bool glare = false;
  bool not_filling = false;
  if (is_document(kind)) {
    const auto outline = find_document(grey, t);
    const FrameCheck frame = check_frame(grey, outline, t);
    const GlareCheck glare_check = check_glare(small, outline, t);
    measurements["frame"] = {{"document_found", frame.document_found},
                             {"fill", rounded(frame.fill)},
                             {"touches_edge", frame.touches_edge}};
    measurements["glare"] = {{"share", rounded(glare_check.glare_share)}, {"blobs", glare_check.blobs}};
    glare = glare_check.glare;
    // Blur melts a document's outline into its surroundings, so framing is only judged when sharp.
    not_filling = frame.not_filling_frame && !blur.blurred;
  }
  FaceCheck faces;
  const FacePolicy policy = face_policy(kind);
  if (policy != FacePolicy::none) {
    // A document may lie sideways in the frame; a selfie must be upright.
    SIMREG_TRY_ASSIGN(const FaceSearch search,
                      detect_faces(image, min_face_share(policy, t), policy == FacePolicy::at_least_one));
    faces = judge_faces(search.faces, search.short_side, policy, t, search.rotation_degrees);
    measurements["faces"] = {{"count", faces.faces},
                             {"largest", rounded(faces.largest_face)},
                             {"rotation", faces.rotation_degrees}};
  }

  if (blur.blurred) reasons.emplace_back("image.blurred");
  if (glare) reasons.emplace_back("image.glare");
  if (not_filling) reasons.emplace_back("image.not_filling_frame");
  if (faces.no_face) reasons.emplace_back("image.no_face");
  if (faces.multiple_faces) reasons.emplace_back("image.multiple_faces");
  report.accepted = reasons.empty();
  report.measurements = std::move(measurements);
  if (report.accepted) {
    SIMREG_TRY_ASSIGN(inspection.normalized_jpeg, stored_copy(image, limits));
  }
  return inspection;
}

}  // namespace

Result<Inspection> inspect_image(std::string_view bytes, std::string_view declared_content_type, ImageKind kind,
                                 const ImageLimits& limits, const QualityThresholds& thresholds) {
  if (bytes.size() > limits.max_bytes) return image_error(kTooLarge);
  const auto sniffed = sniff_image_format(bytes);
  if (!sniffed) return image_error(kUnsupportedType);
  if (!declared_content_type.empty()) {
    const auto declared = format_from_media_type(declared_content_type);
    if (!declared) return image_error(kUnsupportedType);
    if (*declared != *sniffed) return image_error(kTypeMismatch);
  }
  SIMREG_TRY_ASSIGN(const ImageHeader header, read_image_header(bytes));
  if (static_cast<std::uint64_t>(header.width) * header.height > limits.max_pixels) {
    return image_error(kTooManyPixels);
  }
  SIMREG_TRY_ASSIGN(const ContainerInfo container, scan_container(bytes, header.format));

  return without_exceptions([&]() -> Result<Inspection> {
    SIMREG_TRY_ASSIGN(cv::Mat decoded, decode(bytes, header, limits));
    nlohmann::json measurements = {{"format", format_name(header.format)},
                                   {"bytes", bytes.size()},
                                   {"orientation", container.orientation}};
    return judge(upright(std::move(decoded), container.orientation), kind, limits, thresholds,
                 std::move(measurements));
  });
}

}  // namespace simreg::imaging

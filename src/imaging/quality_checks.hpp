// Measurements and verdicts of the picture-quality checks, and the calibrated thresholds behind
// them (see README.md "Calibration" for how each number was chosen on OpenCV's sample photos).
// The checks themselves take pixels and live in quality_checks_internal.hpp, the only place with
// OpenCV types. Value types; thread-safe.
#pragma once

#include "imaging/image_limits.hpp"

namespace simreg::imaging {

struct QualityThresholds {
  // Sharpness, on a grey copy scaled to kAnalysisLongSide. A picture is blurred when it has almost no
  // fine detail at all (strong defocus or motion, where sensor noise is all that is left) or when its
  // strongest edges are wide (any Gaussian-like blur; contrast-invariant).
  double min_laplacian_variance = 25.0;  // variance of the 3×3 Laplacian, grey levels²
  double min_edge_ratio = 0.11;          // Laplacian²/gradient² over the 10 % strongest gradients

  // Exposure, mean luminance 0..255 and its 99th percentile ("bright end").
  double min_mean_luminance = 40.0;
  double min_bright_end = 100.0;      // a frame whose brightest 1 % is below this is underexposed
  double max_mean_luminance = 215.0;
  double max_clipped_share = 0.30;    // share of pixels at or above kClippedLevel
  // Washed out: not even the darkest 1 % is dark any more, and highlights have started to clip.
  double washed_out_dark_end = 90.0;
  double washed_out_clipped_share = 0.02;

  // Glare: near-white, colourless blobs (specular reflections) on the document.
  double min_glare_blob_share = 0.0005;  // a blob counts from this share of the frame (≈ 12×12 px)
  double max_glare_share = 0.02;         // of the document's area (of the frame when none is found)

  // Framing (documents): the largest convex quadrilateral in the frame is the document.
  double min_document_fill = 0.25;  // share of the frame it must cover
  double edge_margin = 0.01;        // no corner closer than this share of the side to the border

  // Faces, as a share of the picture's short side (Haar detections below this are ignored).
  double min_selfie_face = 0.12;
  double min_document_face = 0.10;  // a document at the minimum fill carries a face of ≈ 12 %
  // On a selfie, only faces at least this fraction of the largest face's width count as people
  // (a poster or passer-by far behind is not a second applicant).
  double companion_face_ratio = 0.5;
};

inline constexpr int kAnalysisLongSide = 640;
inline constexpr int kClippedLevel = 250;
inline constexpr int kGlareLevel = 248;

struct SizeCheck {
  int width = 0;
  int height = 0;
  bool too_small = false;
};

struct BlurCheck {
  double laplacian_variance = 0;
  double edge_ratio = 0;
  bool blurred = false;
};

struct ExposureCheck {
  double mean_luminance = 0;
  double dark_end = 0;    // 1st percentile
  double bright_end = 0;  // 99th percentile
  double clipped_share = 0;
  bool too_dark = false;
  bool overexposed = false;
};

struct FrameCheck {
  bool document_found = false;
  double fill = 0;            // document area / frame area (0 when none is found)
  bool touches_edge = false;  // a corner within the margin: the document is cut off or about to be
  bool not_filling_frame = false;
};

struct GlareCheck {
  double glare_share = 0;
  int blobs = 0;
  bool glare = false;
};

struct FaceCheck {
  int faces = 0;                 // counted faces (see companion_face_ratio)
  double largest_face = 0;       // width / short side
  int rotation_degrees = 0;      // how far the picture had to be turned (clockwise) to find them
  bool no_face = false;
  bool multiple_faces = false;
};

SizeCheck check_size(int width, int height, const ImageLimits& limits);

}  // namespace simreg::imaging

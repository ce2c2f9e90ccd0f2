// inspect_image: everything between an uploaded body and a storable picture. Hard failures (wrong
// size, type or bytes) are Errors with the contract's codes; otherwise a QualityReport, plus — only
// when accepted — the picture decoded, turned upright by its EXIF orientation, and re-encoded as a
// JPEG without any metadata (EXIF, GPS, comments, ICC are all dropped). Blocking and CPU-bound: call
// it from the worker pool, never an I/O thread. Thread-safe (per-thread face detectors).
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "imaging/image_kind.hpp"
#include "imaging/image_limits.hpp"
#include "imaging/quality_checks.hpp"
#include "imaging/quality_report.hpp"

namespace simreg::imaging {

struct Inspection {
  QualityReport report;
  std::string normalized_jpeg;  // empty unless report.accepted; long side ≤ limits.max_stored_long_side
  int width = 0;                // the upright picture as uploaded (before any storage downscale)
  int height = 0;
};

// `declared_content_type` is the request's Content-Type; empty means "not declared" (the CLI).
// Errors, checked in this order so the cheap guards run before any pixel is decoded:
//   image.too_large (bytes > max_bytes), image.unsupported_type (bytes are not JPEG/PNG/WebP, or the
//   declared type is not one of image/jpeg|png|webp), image.type_mismatch (declared ≠ sniffed),
//   image.unreadable (broken header), image.too_many_pixels (header width × height > max_pixels),
//   image.unreadable (truncated or corrupt), internal (face detector unavailable).
// Quality precedence (see README.md): too_small alone; else too_dark/overexposed alone; else
// blurred, glare, not_filling_frame (only on a sharp picture), no_face, multiple_faces together.
Result<Inspection> inspect_image(std::string_view bytes, std::string_view declared_content_type, ImageKind kind,
                                 const ImageLimits& limits = {}, const QualityThresholds& thresholds = {});

}  // namespace simreg::imaging

// The hard failures of an upload as Error values (nothing is stored when one occurs). Codes and
// ErrorKinds are the issue 3 contract: image.too_large / image.too_many_pixels → payload_too_large
// (413), image.unsupported_type / image.type_mismatch → unsupported_media_type (415),
// image.unreadable → unprocessable (422). Details are the English message, never the input.
#pragma once

#include <string_view>

#include "core/error.hpp"

namespace simreg::imaging {

inline constexpr std::string_view kTooLarge = "image.too_large";
inline constexpr std::string_view kTooManyPixels = "image.too_many_pixels";
inline constexpr std::string_view kUnsupportedType = "image.unsupported_type";
inline constexpr std::string_view kTypeMismatch = "image.type_mismatch";
inline constexpr std::string_view kUnreadable = "image.unreadable";

// `code` is one of the five above; anything else becomes an internal error.
Error image_error(std::string_view code);

// Not the upload's fault (out of memory, a library failure): internal "imaging.failed", HTTP 500.
Error imaging_failed();

}  // namespace simreg::imaging

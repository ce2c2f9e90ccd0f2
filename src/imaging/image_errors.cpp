#include "imaging/image_errors.hpp"

#include <string>

#include "imaging/quality_messages.hpp"

namespace simreg::imaging {

Error image_error(std::string_view code) {
  ErrorKind kind = ErrorKind::internal;
  if (code == kTooLarge || code == kTooManyPixels) {
    kind = ErrorKind::payload_too_large;
  } else if (code == kUnsupportedType || code == kTypeMismatch) {
    kind = ErrorKind::unsupported_media_type;
  } else if (code == kUnreadable) {
    kind = ErrorKind::unprocessable;
  } else {
    return Error::internal("unknown image error code");
  }
  const auto text = reason_text(code, "en");
  return Error::make(kind, std::string(code), text ? text->message : std::string(code));
}

Error imaging_failed() {
  return Error::make(ErrorKind::internal, "imaging.failed", "The picture could not be processed.");
}

}  // namespace simreg::imaging

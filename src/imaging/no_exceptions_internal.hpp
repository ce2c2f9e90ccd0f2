// imaging promises that no exception escapes it, but OpenCV reports a failed allocation or a
// broken invariant by throwing (cv::Exception, std::bad_alloc). Each public entry point runs its
// body through here, so those become the internal error imaging.failed (HTTP 500), not a crash.
#pragma once

#include <new>

#include <opencv2/core.hpp>

#include "imaging/image_errors.hpp"

namespace simreg::imaging {

template <class Body>
auto without_exceptions(Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const cv::Exception&) {
    return imaging_failed();
  } catch (const std::bad_alloc&) {
    return imaging_failed();
  }
}

}  // namespace simreg::imaging

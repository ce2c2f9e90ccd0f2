// ImageLimits: the hard bounds an upload must respect before any pixel is decoded, and the size
// the stored copy is capped at. Plain value type; copy it freely between threads.
#pragma once

#include <cstddef>
#include <cstdint>

namespace simreg::imaging {

struct ImageLimits {
  std::size_t max_bytes = 10u * 1024u * 1024u;  // larger bodies: image.too_large (413)
  // Width × height read from the header, before decoding: a 60000×60000 PNG of a few KiB would
  // need 10 GiB once decoded (pixel flood). Larger: image.too_many_pixels (413).
  std::uint64_t max_pixels = 40'000'000;
  // Below either side (orientation-independent, i.e. VGA in portrait or landscape) the picture is
  // too coarse to read a document number or judge a face: quality reason image.too_small.
  int min_long_side = 640;
  int min_short_side = 480;
  // The normalized JPEG that gets stored is scaled down to this long side (reviewers need legible
  // text, not 40 MP), which also bounds what each sealed blob costs.
  int max_stored_long_side = 4096;
  int stored_jpeg_quality = 90;
};

}  // namespace simreg::imaging

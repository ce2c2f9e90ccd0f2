// Reads the EXIF Orientation tag (0x0112) from a TIFF-structured EXIF block, as found in a JPEG
// APP1 "Exif\0\0" segment, a PNG eXIf chunk or a WebP EXIF chunk. Bounds-checked on hostile input;
// anything missing, malformed or out of range means 1 (upright). Pure; thread-safe.
#pragma once

#include <string_view>

namespace simreg::imaging {

// `tiff` starts at the byte-order mark ("II*\0" or "MM\0*"); a leading "Exif\0\0" is skipped.
int exif_orientation(std::string_view tiff);

}  // namespace simreg::imaging

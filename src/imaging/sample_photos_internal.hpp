// Test and benchmark pictures built from OpenCV's real sample photographs (Debian's opencv-doc:
// examples/data, or $SIMREG_OPENCV_SAMPLES, and the manual's opencv4/html, or $SIMREG_OPENCV_MANUAL),
// plus the degraded variants the quality checks must catch. Deterministic (no randomness). Not
// linked into simreg itself. Functions throw std::runtime_error when a sample is missing: tests
// assert sample_dir() first.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <opencv2/core.hpp>

namespace simreg::imaging::testing {

// examples/data, when both sample directories exist.
std::optional<std::filesystem::path> sample_dir();
std::string sample_bytes(const std::string& name);  // either directory; also NAME.gz (Debian may compress docs)
cv::Mat load_sample(const std::string& name);       // sample_bytes decoded by OpenCV

// face_swapped.jpg (a frontal portrait) scaled by 2 (640×640): face ≈ 33 % of the short side.
cv::Mat selfie_photo();
// The portrait beside its mirror image, scaled by 2 (1280×640): two people.
cv::Mat two_people_photo();
// A selfie taken in a room: the portrait (its face ≈ 30 % of the short side) in front of the patterned
// tablecloth and plant of aloeL.jpg, at any frame size (the benchmark's 2-megapixel selfie).
cv::Mat selfie_in_room_photo(int frame_width, int frame_height);

enum class DocumentKind { card_front, card_back, passport_page };
struct Placement {
  double width_share = 0.72;  // document width / frame width
  double centre_x = 0.5;      // of the frame
  double centre_y = 0.5;
  double tilt_degrees = -4;   // in-plane rotation
  double keystone = 0.04;     // top edge narrower by this share: the phone leans back a little
  int frame_width = 1280;
  int frame_height = 960;
};
// A document (an ID-1 card with the portrait's face on the front and real printed text from
// imageTextN.png on the back, or a passport data page) photographed on the dark notebook of
// ela_original.jpg (1280×960 unless the placement says otherwise).
cv::Mat document_photo(DocumentKind kind, const Placement& placement = {});

// ---- variants ----
cv::Mat gaussian_blurred(const cv::Mat& image, double sigma_at_640);  // σ as seen at a 640 px long side
cv::Mat relit(const cv::Mat& image, double gain, double offset);        // pixel·gain + offset, saturating
// A specular reflection: a white disc with a soft rim, centred at a share of the frame.
cv::Mat with_glare(const cv::Mat& image, double centre_x, double centre_y, double radius_share);
cv::Mat crop_share(const cv::Mat& image, double x, double y, double width, double height);
cv::Mat resized_long_side(const cv::Mat& image, int long_side);

// ---- encodings ----
std::string encode(const cv::Mat& image, const std::string& extension, int quality = 92);  // ".jpg" ...
// OpenCV's imdecode (imgcodecs), the server's decoder before it linked libjpeg, libpng and libwebp
// directly: the reference the codec tests compare with. Empty when OpenCV cannot decode `bytes`.
cv::Mat opencv_decode(const std::string& bytes);            // IMREAD_COLOR | IMREAD_IGNORE_ORIENTATION
cv::Mat opencv_decode_unchanged(const std::string& bytes);  // IMREAD_UNCHANGED: alpha and 16 bits kept
// Largest and mean absolute difference over every channel; 255 when either is empty or the sizes or
// types differ.
double max_difference(const cv::Mat& a, const cv::Mat& b);
double mean_difference(const cv::Mat& a, const cv::Mat& b);
// A TIFF-structured EXIF block whose IFD0 holds only the Orientation tag.
std::string exif_block(int orientation, bool big_endian = false);
// Inserts an APP1 Exif segment with the given Orientation right after the JPEG's SOI.
std::string with_exif_orientation(const std::string& jpeg, int orientation, bool big_endian = false);
// Inserts a COM segment (e.g. a fake GPS note) after SOI.
std::string with_comment(const std::string& jpeg, const std::string& text);
// A PNG whose IHDR claims width × height, with one tiny IDAT and IEND (a pixel-flood bomb header).
std::string png_claiming(std::uint32_t width, std::uint32_t height);
// Rebuilds `bytes` with a WebP VP8X chunk claiming the canvas size in front of the image chunk.
std::string webp_with_vp8x(const std::string& webp, std::uint32_t width, std::uint32_t height, std::uint8_t flags);

}  // namespace simreg::imaging::testing

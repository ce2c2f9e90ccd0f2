#include <zlib.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "imaging/sample_photos_internal.hpp"

namespace simreg::imaging::testing {
namespace {

constexpr const char* kDefaultSampleDir = "/usr/share/doc/opencv-doc/examples/data";
// The same package's manual holds the clean frontal portrait (face_swapped.jpg) the face tests need:
// examples/data has only messi5.jpg, whose stadium crowd makes the Haar cascade see extra faces.
constexpr const char* kDefaultManualDir = "/usr/share/doc/opencv-doc/opencv4/html";

std::string read_gzip(const std::filesystem::path& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) throw std::runtime_error("cannot open " + path.string());
  std::string out;
  char buffer[65536];
  int n = 0;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
  gzclose(file);
  if (n < 0) throw std::runtime_error("cannot inflate " + path.string());
  return out;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::filesystem::path env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

cv::Mat imdecode_string(const std::string& bytes, int flags) {
  if (bytes.empty()) return {};
  const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8U, const_cast<char*>(bytes.data()));
  return cv::imdecode(buffer, flags);
}

cv::Mat decode_sample(const std::string& bytes, const std::string& name) {
  cv::Mat image = imdecode_string(bytes, cv::IMREAD_COLOR);
  if (image.empty()) throw std::runtime_error("cannot decode sample " + name);
  return image;
}

cv::Mat scaled(const cv::Mat& image, double factor) {
  cv::Mat out;
  cv::resize(image, out, cv::Size(), factor, factor, factor < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
  return out;
}

// Head and shoulders from face_swapped.jpg (Haar finds the face at 146×146 from (83, 63)).
cv::Mat portrait_crop() { return load_sample("face_swapped.jpg")(cv::Rect(50, 15, 220, 270)).clone(); }

void text_line(cv::Mat& canvas, const std::string& text, cv::Point at, double size, int thickness = 2) {
  cv::putText(canvas, text, at, cv::FONT_HERSHEY_SIMPLEX, size, cv::Scalar(60, 50, 45), thickness, cv::LINE_AA);
}

cv::Mat document_face(DocumentKind kind) {
  const bool passport = kind == DocumentKind::passport_page;
  const cv::Size size = passport ? cv::Size(880, 620) : cv::Size(856, 540);  // ID-3 page / ID-1 card
  // Light, slightly warm security-paper tint, well below glare level.
  cv::Mat doc(size, CV_8UC3, passport ? cv::Scalar(214, 226, 232) : cv::Scalar(226, 218, 200));
  // Faint guilloche-like waves, as printed on real documents.
  for (int k = 0; k < 6; ++k) {
    std::vector<cv::Point> wave;
    for (int x = 0; x < size.width; x += 8) {
      wave.emplace_back(x, 60 + 80 * k + static_cast<int>(12 * std::sin(x / 40.0 + k)));
    }
    cv::polylines(doc, wave, false, cv::Scalar(205, 196, 186), 2, cv::LINE_AA);
  }
  if (kind == DocumentKind::card_back) {
    // Real printed text (a scanned book page), as the back's fine print.
    cv::Mat page = load_sample("imageTextN.png");
    cv::Mat block = page(cv::Rect(0, 0, std::min(page.cols, 540), std::min(page.rows, 200))).clone();
    cv::Mat tinted;
    block.convertTo(tinted, -1, 0.80, 10);  // printed ink on tinted paper, not scanner white
    cv::Mat target = doc(cv::Rect(40, 250, block.cols, block.rows));
    cv::min(target, tinted, target);
    text_line(doc, "ISSUING AUTHORITY  CITY POLICE BUREAU", cv::Point(40, 90), 0.9);
    text_line(doc, "VALID  2020.01.01 - 2040.01.01", cv::Point(40, 150), 0.9);
    text_line(doc, "RESIDENT IDENTITY CARD", cv::Point(40, 210), 1.1, 3);
    return doc;
  }
  cv::Mat face;
  portrait_crop().convertTo(face, -1, 0.82, 18);  // printed on the card: no paper is whiter than its tint
  const cv::Rect slot = passport ? cv::Rect(40, 120, 250, 307) : cv::Rect(590, 110, 230, 283);
  cv::resize(face, doc(slot), slot.size(), 0, 0, cv::INTER_CUBIC);
  cv::rectangle(doc, slot, cv::Scalar(120, 110, 100), 2);
  const int x = passport ? 320 : 40;
  text_line(doc, passport ? "PASSPORT   P   CHN" : "NAME   ZHANG SAN", cv::Point(x, 90), 1.0);
  text_line(doc, "SEX  M     NATIONALITY  CHN", cv::Point(x, 160), 0.9);
  text_line(doc, "BORN   1990 01 01", cv::Point(x, 230), 0.9);
  text_line(doc, "ADDRESS  1 EXAMPLE ROAD", cv::Point(x, 300), 0.9);
  text_line(doc, "DISTRICT  EXAMPLE CITY", cv::Point(x, 350), 0.9);
  if (passport) {
    text_line(doc, "P<CHNZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<", cv::Point(30, 520), 0.85);
    text_line(doc, "E123456784CHN9001014M3001014<<<<<<<<<<<<<<", cv::Point(30, 580), 0.85);
  } else {
    text_line(doc, "ID NO  11010519491231002X", cv::Point(40, 470), 1.1, 3);
  }
  return doc;
}

std::uint32_t crc32_of(const std::string& bytes) {
  return static_cast<std::uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

void put_be32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

void put_le32(std::string& out, std::uint32_t v) {
  for (int shift = 0; shift <= 24; shift += 8) out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

void put_png_chunk(std::string& out, const std::string& type, const std::string& data) {
  put_be32(out, static_cast<std::uint32_t>(data.size()));
  const std::string body = type + data;
  out += body;
  put_be32(out, crc32_of(body));
}

}  // namespace

std::optional<std::filesystem::path> sample_dir() {
  std::error_code ec;
  const std::filesystem::path data = env_or("SIMREG_OPENCV_SAMPLES", kDefaultSampleDir);
  const std::filesystem::path manual = env_or("SIMREG_OPENCV_MANUAL", kDefaultManualDir);
  if (!std::filesystem::is_directory(data, ec) || !std::filesystem::is_directory(manual, ec)) return std::nullopt;
  return data;
}

std::string sample_bytes(const std::string& name) {
  if (!sample_dir()) throw std::runtime_error("OpenCV sample photos missing (install opencv-doc)");
  for (const std::filesystem::path& dir : {env_or("SIMREG_OPENCV_SAMPLES", kDefaultSampleDir),
                                          env_or("SIMREG_OPENCV_MANUAL", kDefaultManualDir)}) {
    const auto plain = dir / name;
    if (std::filesystem::exists(plain)) return read_file(plain);
    const auto gz = dir / (name + ".gz");
    if (std::filesystem::exists(gz)) return read_gzip(gz);
  }
  throw std::runtime_error("OpenCV sample missing: " + name);
}

cv::Mat load_sample(const std::string& name) { return decode_sample(sample_bytes(name), name); }

cv::Mat selfie_photo() { return scaled(load_sample("face_swapped.jpg"), 2.0); }

cv::Mat two_people_photo() {
  const cv::Mat one = load_sample("face_swapped.jpg");
  cv::Mat mirrored;
  cv::flip(one, mirrored, 1);
  cv::Mat both;
  cv::hconcat(one, mirrored, both);
  return scaled(both, 2.0);
}

cv::Mat selfie_in_room_photo(int frame_width, int frame_height) {
  cv::Mat frame;
  cv::resize(load_sample("aloeL.jpg"), frame, cv::Size(frame_width, frame_height), 0, 0, cv::INTER_AREA);
  const int side = frame_height * 2 / 3;
  cv::Mat person;
  cv::resize(load_sample("face_swapped.jpg"), person, cv::Size(side, side), 0, 0, cv::INTER_CUBIC);
  person.copyTo(frame(cv::Rect((frame_width - side) / 2, frame_height - side, side, side)));
  return frame;
}

cv::Mat document_photo(DocumentKind kind, const Placement& p) {
  cv::Mat background;
  const int frame_width = p.frame_width;
  const int frame_height = p.frame_height;
  cv::resize(load_sample("ela_original.jpg"), background, cv::Size(frame_width, frame_height), 0, 0,
             cv::INTER_CUBIC);
  const cv::Mat doc = document_face(kind);

  const double w = p.width_share * frame_width;
  const double h = w * doc.rows / doc.cols;
  const double inset = p.keystone * w / 2;
  const cv::Point2f centre(static_cast<float>(p.centre_x * frame_width), static_cast<float>(p.centre_y * frame_height));
  const double a = p.tilt_degrees * CV_PI / 180.0;
  auto place = [&](double x, double y) {  // document-centred coordinates → frame
    return cv::Point2f(static_cast<float>(centre.x + x * std::cos(a) - y * std::sin(a)),
                       static_cast<float>(centre.y + x * std::sin(a) + y * std::cos(a)));
  };
  const std::vector<cv::Point2f> from{{0, 0},
                                      {static_cast<float>(doc.cols), 0},
                                      {static_cast<float>(doc.cols), static_cast<float>(doc.rows)},
                                      {0, static_cast<float>(doc.rows)}};
  const std::vector<cv::Point2f> to{place(-w / 2 + inset, -h / 2), place(w / 2 - inset, -h / 2),
                                    place(w / 2, h / 2), place(-w / 2, h / 2)};
  const cv::Mat transform = cv::getPerspectiveTransform(from, to);

  cv::Mat warped;
  cv::Mat alpha;
  cv::warpPerspective(doc, warped, transform, background.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
  cv::warpPerspective(cv::Mat(doc.size(), CV_32F, cv::Scalar(1.0)), alpha, transform, background.size(),
                      cv::INTER_LINEAR, cv::BORDER_CONSTANT);
  cv::Mat out(background.size(), CV_8UC3);
  for (int y = 0; y < out.rows; ++y) {
    for (int x = 0; x < out.cols; ++x) {
      const float k = alpha.at<float>(y, x);
      const auto& f = warped.at<cv::Vec3b>(y, x);
      const auto& b = background.at<cv::Vec3b>(y, x);
      for (int c = 0; c < 3; ++c) out.at<cv::Vec3b>(y, x)[c] = cv::saturate_cast<std::uint8_t>(k * f[c] + (1 - k) * b[c]);
    }
  }
  return out;
}

cv::Mat gaussian_blurred(const cv::Mat& image, double sigma_at_640) {
  const double sigma = sigma_at_640 * std::max(image.cols, image.rows) / 640.0;
  cv::Mat out;
  cv::GaussianBlur(image, out, cv::Size(), sigma);
  return out;
}

cv::Mat relit(const cv::Mat& image, double gain, double offset) {
  cv::Mat out;
  image.convertTo(out, -1, gain, offset);
  return out;
}

cv::Mat with_glare(const cv::Mat& image, double centre_x, double centre_y, double radius_share) {
  cv::Mat out = image.clone();
  const double cx = centre_x * image.cols;
  const double cy = centre_y * image.rows;
  const double r = radius_share * std::max(image.cols, image.rows);
  for (int y = 0; y < out.rows; ++y) {
    for (int x = 0; x < out.cols; ++x) {
      const double d = std::hypot(x - cx, y - cy) / r;
      if (d >= 1.6) continue;
      // Saturated core, then a soft rim fading into the picture.
      const double k = d <= 1.0 ? 1.0 : 1.0 - (d - 1.0) / 0.6;
      auto& px = out.at<cv::Vec3b>(y, x);
      for (int c = 0; c < 3; ++c) px[c] = cv::saturate_cast<std::uint8_t>(px[c] + k * (255.0 - px[c]));
    }
  }
  return out;
}

cv::Mat crop_share(const cv::Mat& image, double x, double y, double width, double height) {
  const cv::Rect rect(static_cast<int>(x * image.cols), static_cast<int>(y * image.rows),
                      static_cast<int>(width * image.cols), static_cast<int>(height * image.rows));
  return image(rect & cv::Rect(0, 0, image.cols, image.rows)).clone();
}

cv::Mat resized_long_side(const cv::Mat& image, int long_side) {
  return scaled(image, static_cast<double>(long_side) / std::max(image.cols, image.rows));
}

std::string encode(const cv::Mat& image, const std::string& extension, int quality) {
  std::vector<int> params;
  if (extension == ".jpg") params = {cv::IMWRITE_JPEG_QUALITY, quality};
  if (extension == ".webp") params = {cv::IMWRITE_WEBP_QUALITY, quality};
  std::vector<std::uint8_t> out;
  if (!cv::imencode(extension, image, out, params)) throw std::runtime_error("cannot encode " + extension);
  return std::string(out.begin(), out.end());
}

cv::Mat opencv_decode(const std::string& bytes) {
  return imdecode_string(bytes, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
}

cv::Mat opencv_decode_unchanged(const std::string& bytes) { return imdecode_string(bytes, cv::IMREAD_UNCHANGED); }

double max_difference(const cv::Mat& a, const cv::Mat& b) {
  if (a.empty() || b.empty() || a.size() != b.size() || a.type() != b.type()) return 255;
  cv::Mat diff;
  cv::absdiff(a, b, diff);
  double most = 0;
  cv::minMaxLoc(diff.reshape(1), nullptr, &most);
  return most;
}

double mean_difference(const cv::Mat& a, const cv::Mat& b) {
  if (a.empty() || b.empty() || a.size() != b.size() || a.type() != b.type()) return 255;
  cv::Mat diff;
  cv::absdiff(a, b, diff);
  const cv::Scalar m = cv::mean(diff);
  double sum = 0;
  for (int c = 0; c < a.channels(); ++c) sum += m[c];
  return sum / a.channels();
}

std::string exif_block(int orientation, bool big_endian) {
  // TIFF header + IFD0 with a single entry: Orientation (0x0112), SHORT, count 1.
  std::string tiff;
  auto u16 = [&](std::uint16_t v) {
    if (big_endian) {
      tiff.push_back(static_cast<char>(v >> 8));
      tiff.push_back(static_cast<char>(v & 0xFF));
    } else {
      tiff.push_back(static_cast<char>(v & 0xFF));
      tiff.push_back(static_cast<char>(v >> 8));
    }
  };
  auto u32 = [&](std::uint32_t v) {
    if (big_endian) {
      u16(static_cast<std::uint16_t>(v >> 16));
      u16(static_cast<std::uint16_t>(v & 0xFFFF));
    } else {
      u16(static_cast<std::uint16_t>(v & 0xFFFF));
      u16(static_cast<std::uint16_t>(v >> 16));
    }
  };
  tiff += big_endian ? std::string("MM\0*", 4) : std::string("II*\0", 4);
  u32(8);
  u16(1);
  u16(0x0112);
  u16(3);
  u32(1);
  u16(static_cast<std::uint16_t>(orientation));
  u16(0);
  u32(0);  // no next IFD
  return tiff;
}

std::string with_exif_orientation(const std::string& jpeg, int orientation, bool big_endian) {
  const std::string payload = std::string("Exif\0\0", 6) + exif_block(orientation, big_endian);
  std::string segment = "\xFF\xE1";
  const auto length = static_cast<std::uint16_t>(payload.size() + 2);
  segment.push_back(static_cast<char>(length >> 8));
  segment.push_back(static_cast<char>(length & 0xFF));
  segment += payload;
  return jpeg.substr(0, 2) + segment + jpeg.substr(2);
}

std::string with_comment(const std::string& jpeg, const std::string& text) {
  std::string segment = "\xFF\xFE";
  const auto length = static_cast<std::uint16_t>(text.size() + 2);
  segment.push_back(static_cast<char>(length >> 8));
  segment.push_back(static_cast<char>(length & 0xFF));
  segment += text;
  return jpeg.substr(0, 2) + segment + jpeg.substr(2);
}

std::string png_claiming(std::uint32_t width, std::uint32_t height) {
  std::string out("\x89PNG\r\n\x1a\n", 8);
  std::string ihdr;
  put_be32(ihdr, width);
  put_be32(ihdr, height);
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB, deflate, no filter, no interlace
  put_png_chunk(out, "IHDR", ihdr);
  // A few bytes of a zlib stream: the decompressed size would be height × (1 + 3·width).
  put_png_chunk(out, "IDAT", std::string("\x78\x9c\xed\xc1\x01\x0d\x00\x00\x00\xc2\xa0\xf7\x4f\x6d\x0e\x37", 16));
  put_png_chunk(out, "IEND", "");
  return out;
}

std::string webp_with_vp8x(const std::string& webp, std::uint32_t width, std::uint32_t height, std::uint8_t flags) {
  std::string chunk = "VP8X";
  put_le32(chunk, 10);
  chunk.push_back(static_cast<char>(flags));
  chunk += std::string(3, '\0');
  for (std::uint32_t v : {width - 1, height - 1}) {
    chunk.push_back(static_cast<char>(v & 0xFF));
    chunk.push_back(static_cast<char>((v >> 8) & 0xFF));
    chunk.push_back(static_cast<char>((v >> 16) & 0xFF));
  }
  const std::string body = "WEBP" + chunk + webp.substr(12);
  std::string out = "RIFF";
  put_le32(out, static_cast<std::uint32_t>(body.size()));
  return out + body;
}

}  // namespace simreg::imaging::testing

#include "imaging/quality_messages.hpp"

#include <array>

namespace simreg::imaging {
namespace {

struct ReasonRow {
  std::string_view code;
  std::string_view en_message;
  std::string_view en_hint;
  std::string_view zh_message;
  std::string_view zh_hint;
};

// clang-format off
constexpr std::array kReasons{
    ReasonRow{"image.too_large",
              "The picture file is too large.",
              "Take the photo again with the camera's normal setting, or choose a smaller picture.",
              "图片文件太大。",
              "请用相机的普通模式重新拍摄，或选择一张较小的图片。"},
    ReasonRow{"image.too_many_pixels",
              "The picture has too many pixels to be processed.",
              "Use the camera's normal photo mode, not a panorama or maximum-resolution mode.",
              "图片像素过多，无法处理。",
              "请使用相机的普通拍照模式，不要使用全景或最高分辨率模式。"},
    ReasonRow{"image.unsupported_type",
              "This file is not a JPEG, PNG or WebP picture.",
              "Take a photo with your camera, or choose a JPEG, PNG or WebP picture.",
              "此文件不是 JPEG、PNG 或 WebP 图片。",
              "请用相机拍照，或选择 JPEG、PNG 或 WebP 格式的图片。"},
    ReasonRow{"image.type_mismatch",
              "The file's content does not match the type it was sent as.",
              "Choose the original picture file; do not rename a file to change its type.",
              "文件内容与声明的类型不一致。",
              "请选择原始图片文件，不要通过修改文件名来更改类型。"},
    ReasonRow{"image.unreadable",
              "The picture is damaged or incomplete.",
              "Upload it again; if it still fails, take a new photo.",
              "图片已损坏或不完整。",
              "请重新上传；如果仍然失败，请重新拍摄。"},
    ReasonRow{"image.too_small",
              "The picture's resolution is too low.",
              "Take the photo with the camera at its normal resolution (at least 640 × 480); do not send a thumbnail or a screenshot.",
              "图片分辨率太低。",
              "请用相机的正常分辨率拍摄（至少 640 × 480），不要发送缩略图或截图。"},
    ReasonRow{"image.blurred",
              "The picture is blurred.",
              "Hold the phone steady, tap the screen to focus, and take the photo again in good light.",
              "图片模糊。",
              "请拿稳手机，点击屏幕对焦，并在光线充足的地方重新拍摄。"},
    ReasonRow{"image.too_dark",
              "The picture is too dark.",
              "Move to a brighter place or turn on a light, and keep shadows off the document and your face.",
              "图片太暗。",
              "请到更明亮的地方或打开灯，避免证件和面部上有阴影。"},
    ReasonRow{"image.overexposed",
              "The picture is too bright; details are washed out.",
              "Move out of direct sunlight or away from the lamp, and turn off the flash.",
              "图片过亮，细节无法看清。",
              "请避开阳光直射或远离灯光，并关闭闪光灯。"},
    ReasonRow{"image.glare",
              "Light is reflecting off the document, so part of it cannot be read.",
              "Move away from the lamp or tilt the document slightly so nothing shines on it, and turn off the flash.",
              "证件上有反光，部分内容无法看清。",
              "请远离灯光或稍微倾斜证件以避免反光，并关闭闪光灯。"},
    ReasonRow{"image.not_filling_frame",
              "The document is too small in the picture, or part of it is cut off.",
              "Lay the whole document on a plain, darker surface and move closer so it fills most of the frame, with all four corners visible.",
              "证件在画面中太小，或有部分被裁掉。",
              "请将整个证件平放在颜色较深的纯色表面上，靠近拍摄使其占满大部分画面，并确保四个角都在画面内。"},
    ReasonRow{"image.no_face",
              "No face could be found in the picture.",
              "For a selfie, look straight at the camera with your whole face visible and well lit; for a document, keep the holder's photo uncovered and free of glare.",
              "图片中未能识别到人脸。",
              "自拍时请正对镜头，露出完整面部并保证光线充足；拍摄证件时请确保证件照片未被遮挡且没有反光。"},
    ReasonRow{"image.multiple_faces",
              "More than one face is in the picture.",
              "Take the selfie on your own, with nobody else and no pictures of faces behind you.",
              "图片中有多张人脸。",
              "请单独自拍，画面中不要有其他人或带人脸的图片。"},
};
// clang-format on

constexpr std::string_view kUnknownMessageEn = "The picture could not be accepted.";
constexpr std::string_view kUnknownHintEn = "Take the photo again.";
constexpr std::string_view kUnknownMessageZh = "图片未被接受。";
constexpr std::string_view kUnknownHintZh = "请重新拍摄。";

bool is_chinese(std::string_view locale) { return locale == "zh-CN"; }

}  // namespace

std::optional<ReasonText> reason_text(std::string_view code, std::string_view locale) {
  for (const auto& row : kReasons) {
    if (row.code != code) continue;
    if (is_chinese(locale)) return ReasonText{std::string(row.zh_message), std::string(row.zh_hint)};
    return ReasonText{std::string(row.en_message), std::string(row.en_hint)};
  }
  return std::nullopt;
}

nlohmann::json reason_json(std::string_view code, std::string_view locale) {
  auto text = reason_text(code, locale);
  if (!text) {
    const bool zh = is_chinese(locale);
    text = ReasonText{std::string(zh ? kUnknownMessageZh : kUnknownMessageEn),
                      std::string(zh ? kUnknownHintZh : kUnknownHintEn)};
  }
  return {{"code", code}, {"message", text->message}, {"hint", text->hint}};
}

nlohmann::json report_json(const QualityReport& report, std::string_view locale) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& code : report.reasons) reasons.push_back(reason_json(code, locale));
  return {{"accepted", report.accepted}, {"reasons", std::move(reasons)}, {"measurements", report.measurements}};
}

}  // namespace simreg::imaging

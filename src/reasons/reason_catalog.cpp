#include "reasons/reason_catalog.hpp"

#include <algorithm>

#include "imaging/quality_messages.hpp"

namespace simreg::reasons {
namespace {

struct Row {
  std::string_view code;
  Severity severity;
  std::string_view category;
  // Empty texts: the image module's texts are used, so upload and review say the same thing.
  std::string_view en_message;
  std::string_view en_hint;
  std::string_view zh_message;
  std::string_view zh_hint;
};

using enum Severity;

constexpr Row kRows[] = {
    {"image.too_small", fixable, "image", {}, {}, {}, {}},
    {"image.blurred", fixable, "image", {}, {}, {}, {}},
    {"image.too_dark", fixable, "image", {}, {}, {}, {}},
    {"image.overexposed", fixable, "image", {}, {}, {}, {}},
    {"image.glare", fixable, "image", {}, {}, {}, {}},
    {"image.not_filling_frame", fixable, "image", {}, {}, {}, {}},
    {"image.no_face", fixable, "image", {}, {}, {}, {}},
    {"image.multiple_faces", fixable, "image", {}, {}, {}, {}},
    {"image.unreadable", fixable, "image", {}, {}, {}, {}},
    {"document.expired", fixable, "document", "The identity document has expired.",
     "Renew your document, or use another valid document, and submit the application again.",
     "身份证件已过有效期。", "请更换有效证件（或使用其他有效证件）后重新提交申请。"},
    {"document.missing_page", fixable, "document", "A required side or page of the document is missing or cut off.",
     "Photograph every required side of the document in full, then submit again.",
     "证件缺少必需的一面或一页，或拍摄不完整。", "请完整拍摄证件所有必需的面，然后重新提交。"},
    {"document.type_not_accepted", fixable, "document", "This kind of document cannot be used to register.",
     "Choose one of the accepted document types, add its photos and submit again.",
     "此类证件不能用于登记。", "请选择可接受的证件类型，上传相应照片后重新提交。"},
    {"data.name_mismatch", fixable, "data", "The name you entered does not match the document.",
     "Enter your name exactly as printed on the document, then submit again.",
     "您填写的姓名与证件不一致。", "请按证件上的内容准确填写姓名，然后重新提交。"},
    {"data.date_of_birth_mismatch", fixable, "data", "The date of birth you entered does not match the document.",
     "Correct the date of birth to match the document, then submit again.",
     "您填写的出生日期与证件不一致。", "请按证件更正出生日期，然后重新提交。"},
    {"data.sex_mismatch", fixable, "data", "The sex you entered does not match the document.",
     "Correct the sex to match the document, then submit again.",
     "您填写的性别与证件不一致。", "请按证件更正性别，然后重新提交。"},
    {"data.document_number_mismatch", fixable, "data", "The document number you entered does not match the document.",
     "Copy the number exactly from the document, then submit again.",
     "您填写的证件号码与证件不一致。", "请按证件准确填写号码，然后重新提交。"},
    {"data.address_incomplete", fixable, "data", "The address is incomplete.",
     "Enter your full address, including street, number and city, then submit again.",
     "地址填写不完整。", "请填写完整地址（包括街道、门牌号和城市），然后重新提交。"},
    {"selfie.not_matching", fixable, "identity", "The face in your selfie does not clearly match the document photo.",
     "Take a new selfie in good light, facing the camera without glasses or a hat, then submit again.",
     "自拍照中的面部与证件照片不能明确对应。", "请在光线充足处正对镜头重新自拍（不戴眼镜或帽子），然后重新提交。"},
    {"sims.cap_exceeded", fixable, "sims", "One person may register only a limited number of lines.",
     "Remove some lines from the application, or cancel lines you no longer use, then submit again.",
     "每人可登记的号码数量有限。", "请从申请中移除部分号码，或注销不再使用的号码，然后重新提交。"},
    {"document.forged", final, "document", "The document could not be accepted as genuine.",
     "This application is closed. Visit a store with your original identity document.",
     "证件无法被确认为真实有效。", "本申请已结束。请携带身份证件原件到营业厅办理。"},
    {"document.tampered", final, "document", "The document appears to have been altered.",
     "This application is closed. Visit a store with your original identity document.",
     "证件似乎被修改过。", "本申请已结束。请携带身份证件原件到营业厅办理。"},
    {"identity.fraud_suspected", final, "identity", "We could not verify that this identity belongs to you.",
     "This application is closed. Visit a store in person with your original identity document.",
     "我们无法确认此身份属于您本人。", "本申请已结束。请本人携带身份证件原件到营业厅办理。"},
    {"identity.under_age", final, "identity", "You are below the minimum age to register a line yourself.",
     "This application is closed. Register in a store together with your parent or guardian.",
     "您未达到自行登记号码的最低年龄。", "本申请已结束。请由父母或监护人陪同到营业厅办理。"},
    {"identity.duplicate_person", final, "identity", "This person is already registered under another account.",
     "This application is closed. Use the account you registered with, or contact customer service.",
     "此人已在其他账户下登记。", "本申请已结束。请使用您已登记的账户，或联系客服。"},
};

}  // namespace

std::string_view severity_name(Severity severity) { return severity == Severity::final ? "final" : "fixable"; }

const std::vector<Reason>& all_reasons() {
  static const std::vector<Reason> reasons = [] {
    std::vector<Reason> out;
    for (const auto& row : kRows) out.push_back({std::string(row.code), row.severity, std::string(row.category)});
    return out;
  }();
  return reasons;
}

const Reason* find_reason(std::string_view code) {
  const auto& reasons = all_reasons();
  const auto it = std::find_if(reasons.begin(), reasons.end(), [&](const Reason& r) { return r.code == code; });
  return it == reasons.end() ? nullptr : &*it;
}

ReasonText reason_text(std::string_view code, std::string_view locale) {
  const bool zh = locale == "zh-CN";
  for (const auto& row : kRows) {
    if (row.code != code) continue;
    if (row.en_message.empty()) {
      if (auto text = imaging::reason_text(code, zh ? "zh-CN" : "en")) return {text->message, text->hint};
      break;
    }
    return zh ? ReasonText{std::string(row.zh_message), std::string(row.zh_hint)}
              : ReasonText{std::string(row.en_message), std::string(row.en_hint)};
  }
  return zh ? ReasonText{"申请需要修改。", "请查看申请详情，或联系客服。"}
            : ReasonText{"Something in the application needs attention.",
                         "Check your application, or contact customer service."};
}

nlohmann::json reason_json(std::string_view code, std::string_view locale) {
  const auto* reason = find_reason(code);
  const auto text = reason_text(code, locale);
  return {{"code", std::string(code)},
          {"severity", reason != nullptr ? std::string(severity_name(reason->severity)) : std::string("fixable")},
          {"message", text.message},
          {"hint", text.hint}};
}

}  // namespace simreg::reasons

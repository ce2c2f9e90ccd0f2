#include "reasons/reason_catalog.hpp"

#include <gtest/gtest.h>

#include <set>

#include "imaging/quality_messages.hpp"

namespace simreg::reasons {
namespace {

TEST(ReasonCatalog, CodesAreUniqueAndWellFormed) {
  std::set<std::string> seen;
  const std::set<std::string> categories{"image", "document", "data", "identity", "sims"};
  for (const auto& reason : all_reasons()) {
    EXPECT_TRUE(seen.insert(reason.code).second) << reason.code;
    EXPECT_EQ(categories.count(reason.category), 1u) << reason.code;
    EXPECT_NE(reason.code.find('.'), std::string::npos) << reason.code;
  }
}

TEST(ReasonCatalog, EveryCodeHasTextInBothLanguages) {
  for (const auto& reason : all_reasons()) {
    const auto en = reason_text(reason.code, "en");
    const auto zh = reason_text(reason.code, "zh-CN");
    EXPECT_FALSE(en.message.empty()) << reason.code;
    EXPECT_FALSE(en.hint.empty()) << reason.code;
    EXPECT_FALSE(zh.message.empty()) << reason.code;
    EXPECT_FALSE(zh.hint.empty()) << reason.code;
    EXPECT_NE(en.message, zh.message) << reason.code;
    EXPECT_NE(en.message, reason_text("no.such_code", "en").message) << reason.code;
  }
}

TEST(ReasonCatalog, SeveritiesFollowTheContract) {
  struct Case {
    std::string code;
    Severity severity;
  };
  const std::vector<Case> cases{
      {"image.blurred", Severity::fixable},         {"image.unreadable", Severity::fixable},
      {"document.expired", Severity::fixable},      {"document.missing_page", Severity::fixable},
      {"document.type_not_accepted", Severity::fixable}, {"data.name_mismatch", Severity::fixable},
      {"data.date_of_birth_mismatch", Severity::fixable}, {"data.sex_mismatch", Severity::fixable},
      {"data.document_number_mismatch", Severity::fixable}, {"data.address_incomplete", Severity::fixable},
      {"selfie.not_matching", Severity::fixable},   {"sims.cap_exceeded", Severity::fixable},
      {"document.forged", Severity::final},         {"document.tampered", Severity::final},
      {"identity.fraud_suspected", Severity::final}, {"identity.under_age", Severity::final},
      {"identity.duplicate_person", Severity::final},
  };
  for (const auto& c : cases) {
    const auto* reason = find_reason(c.code);
    ASSERT_NE(reason, nullptr) << c.code;
    EXPECT_EQ(reason->severity, c.severity) << c.code;
  }
  EXPECT_EQ(find_reason("image.too_large"), nullptr);
  EXPECT_EQ(find_reason(""), nullptr);
}

TEST(ReasonCatalog, ImageTextsAreTheUploadTexts) {
  for (const std::string code : {"image.too_small", "image.blurred", "image.too_dark", "image.overexposed",
                                 "image.glare", "image.not_filling_frame", "image.no_face",
                                 "image.multiple_faces", "image.unreadable"}) {
    ASSERT_NE(find_reason(code), nullptr) << code;
    for (const std::string locale : {"en", "zh-CN"}) {
      const auto upload = imaging::reason_text(code, locale);
      ASSERT_TRUE(upload.has_value()) << code;
      EXPECT_EQ(reason_text(code, locale).message, upload->message) << code;
      EXPECT_EQ(reason_text(code, locale).hint, upload->hint) << code;
    }
  }
}

TEST(ReasonCatalog, JsonAndLocaleFallback) {
  const auto json = reason_json("document.forged", "fr");
  EXPECT_EQ(json.at("code"), "document.forged");
  EXPECT_EQ(json.at("severity"), "final");
  EXPECT_EQ(json.at("message"), reason_text("document.forged", "en").message);
  EXPECT_EQ(json.at("hint"), reason_text("document.forged", "en").hint);
  EXPECT_EQ(reason_json("data.sex_mismatch", "zh-CN").at("message"), "您填写的性别与证件不一致。");
}

}  // namespace
}  // namespace simreg::reasons

#include "imaging/quality_messages.hpp"

#include <gtest/gtest.h>

#include <string>

namespace simreg::imaging {
namespace {

// Every code of the issue 3 contract ("Image quality reason codes"), hard failures first.
const char* const kContractCodes[] = {
    "image.too_large",  "image.too_many_pixels", "image.unsupported_type", "image.type_mismatch",
    "image.unreadable", "image.too_small",       "image.blurred",          "image.too_dark",
    "image.overexposed", "image.glare",          "image.not_filling_frame", "image.no_face",
    "image.multiple_faces"};

bool has_cjk(const std::string& text) {
  // Any UTF-8 lead byte of U+4E00..U+9FFF (E4..E9).
  for (unsigned char c : text) {
    if (c >= 0xE4 && c <= 0xE9) return true;
  }
  return false;
}

class ReasonTextTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ReasonTextTest, HasMessageAndHintInBothLanguages) {
  const std::string code = GetParam();
  const auto en = reason_text(code, "en");
  const auto zh = reason_text(code, "zh-CN");
  ASSERT_TRUE(en.has_value());
  ASSERT_TRUE(zh.has_value());
  EXPECT_GT(en->message.size(), 10u);
  EXPECT_GT(en->hint.size(), 10u);
  EXPECT_NE(en->message, en->hint);
  EXPECT_TRUE(has_cjk(zh->message)) << zh->message;
  EXPECT_TRUE(has_cjk(zh->hint)) << zh->hint;
  EXPECT_FALSE(has_cjk(en->message + en->hint));
  // Messages are sentences; none leaks its code or a template placeholder.
  for (const auto& text : {en->message, en->hint, zh->message, zh->hint}) {
    EXPECT_EQ(text.find("image."), std::string::npos) << text;
    EXPECT_EQ(text.find('{'), std::string::npos) << text;
  }
}

INSTANTIATE_TEST_SUITE_P(Contract, ReasonTextTest, ::testing::ValuesIn(kContractCodes),
                         [](const auto& info) { return std::string(info.param).substr(6); });

TEST(ReasonText, HintsSayWhatToDo) {
  EXPECT_NE(reason_text("image.blurred", "en")->hint.find("Hold the phone steady"), std::string::npos);
  EXPECT_NE(reason_text("image.glare", "en")->hint.find("away from the lamp"), std::string::npos);
  EXPECT_NE(reason_text("image.blurred", "zh-CN")->hint.find("拿稳手机"), std::string::npos);
}

TEST(ReasonText, UnknownLocaleFallsBackToEnglishAndUnknownCodeToNothing) {
  EXPECT_EQ(reason_text("image.blurred", "fr")->message, reason_text("image.blurred", "en")->message);
  EXPECT_EQ(reason_text("image.blurred", "")->message, reason_text("image.blurred", "en")->message);
  EXPECT_FALSE(reason_text("image.sepia", "en").has_value());
  EXPECT_FALSE(reason_text("", "en").has_value());
}

TEST(ReasonJson, AlwaysHasCodeMessageAndHint) {
  for (const char* code : {"image.no_face", "image.sepia"}) {
    for (const char* locale : {"en", "zh-CN"}) {
      const auto json = reason_json(code, locale);
      EXPECT_EQ(json.at("code"), code);
      EXPECT_FALSE(json.at("message").get<std::string>().empty());
      EXPECT_FALSE(json.at("hint").get<std::string>().empty());
      EXPECT_EQ(json.size(), 3u);
    }
  }
}

TEST(ReportJson, CarriesVerdictReasonsAndMeasurements) {
  QualityReport report;
  report.accepted = false;
  report.reasons = {"image.blurred", "image.no_face"};
  report.measurements = {{"width", 640}, {"blur", {{"edge_ratio", 0.05}}}};
  const auto json = report_json(report, "zh-CN");
  EXPECT_EQ(json.at("accepted"), false);
  ASSERT_EQ(json.at("reasons").size(), 2u);
  EXPECT_EQ(json.at("reasons")[0].at("code"), "image.blurred");
  EXPECT_EQ(json.at("reasons")[0].at("message"), reason_text("image.blurred", "zh-CN")->message);
  EXPECT_EQ(json.at("reasons")[1].at("hint"), reason_text("image.no_face", "zh-CN")->hint);
  EXPECT_EQ(json.at("measurements"), report.measurements);

  const auto accepted = report_json(QualityReport{true, {}, nlohmann::json::object()}, "en");
  EXPECT_EQ(accepted.at("accepted"), true);
  EXPECT_TRUE(accepted.at("reasons").is_array());
  EXPECT_TRUE(accepted.at("reasons").empty());
}

}  // namespace
}  // namespace simreg::imaging

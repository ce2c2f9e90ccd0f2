#include "notify/templates.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace simreg::notify {
namespace {

using nlohmann::json;

json params_for(const std::string& id) {
  return id == "email_verification" || id == "password_reset" || id == "sim_link_code"
             ? json{{"code", "123456"}}
             : json::object();
}

TEST(TemplatesTest, EveryTemplateRendersInBothLocalesWithoutPlaceholdersLeft) {
  const auto ids = template_ids();
  ASSERT_EQ(ids.size(), 9u);
  for (const auto& id : ids) {
    for (const std::string locale : {"en", "zh-CN"}) {
      auto rendered = render_template(id, locale, params_for(id));
      ASSERT_TRUE(rendered) << id << " " << locale << ": " << rendered.error().detail;
      EXPECT_EQ(rendered->locale, locale);
      EXPECT_FALSE(rendered->subject.empty()) << id;
      EXPECT_FALSE(rendered->body.empty()) << id;
      EXPECT_EQ(rendered->subject.find("{{"), std::string::npos) << id;
      EXPECT_EQ(rendered->body.find("{{"), std::string::npos) << id;
      EXPECT_EQ(rendered->subject.find('\n'), std::string::npos) << id;
    }
  }
}

TEST(TemplatesTest, RendersTheCodeInBothLocales) {
  struct Case {
    std::string id;
    std::string locale;
    std::string expected_in_body;
  };
  const Case cases[] = {
      {"email_verification", "en",
       "Your simreg verification code is 123456. It expires in 15 minutes."},
      {"email_verification", "zh-CN", "您的 simreg 验证码是 123456，15 分钟内有效。"},
      {"password_reset", "en", "reset your simreg password is 123456. It expires in 15 minutes."},
      {"password_reset", "zh-CN", "重置 simreg 密码的验证码是 123456"},
      {"signup_existing_account", "en", "sign in"},
      {"signup_existing_account", "zh-CN", "忘记密码"},
      {"password_changed", "zh-CN", "密码刚刚已更改"},
      {"staff_welcome", "en", "one-time password"},
      {"sim_link_code", "en", "simreg: 123456 is your code to add this line to your account."},
      {"sim_link_code", "en", "It expires in 5 minutes."},
      {"sim_link_code", "zh-CN", "验证码是 123456，5 分钟内有效"},
      {"application.approved", "en", "approved"},
      {"application.approved", "zh-CN", "审核通过"},
      {"application.rejected", "en", "Sign in to see why"},
      {"application.rejected", "zh-CN", "未能通过"},
      {"application.resubmission_requested", "en", "submit it again"},
      {"application.resubmission_requested", "zh-CN", "重新提交"},
  };
  for (const auto& c : cases) {
    auto rendered = render_template(c.id, c.locale, params_for(c.id));
    ASSERT_TRUE(rendered) << c.id;
    EXPECT_NE(rendered->body.find(c.expected_in_body), std::string::npos)
        << c.id << " " << c.locale;
  }
}

TEST(TemplatesTest, OnlyMessagesWithoutACodeAreResendable) {
  const auto resendable = resendable_template_ids();
  for (const char* code_template : {"email_verification", "password_reset", "sim_link_code"}) {
    EXPECT_EQ(std::count(resendable.begin(), resendable.end(), code_template), 0) << code_template;
  }
  for (const char* notice : {"password_changed", "signup_existing_account", "application.approved",
                             "application.rejected", "application.resubmission_requested"}) {
    EXPECT_EQ(std::count(resendable.begin(), resendable.end(), notice), 1) << notice;
  }
  EXPECT_EQ(resendable.size() + 3, template_ids().size());
}

TEST(TemplatesTest, UnknownLocalesFallBackToEnglish) {
  for (const std::string locale : {"", "fr", "zh", "zh-TW", "EN"}) {
    auto rendered = render_template("password_changed", locale, json::object());
    ASSERT_TRUE(rendered) << locale;
    EXPECT_EQ(rendered->locale, "en") << locale;
    EXPECT_EQ(rendered->subject, "Your simreg password was changed");
  }
}

TEST(TemplatesTest, SmsTemplatesFitFewSegmentsAndNameOnlyTheCode) {
  // An SMS over 160 GSM-7 characters (70 UCS-2 characters for Chinese) is sent in several parts;
  // keep the line code to at most two, and free of line breaks.
  struct Case {
    std::string locale;
    std::size_t max_characters;
  };
  const Case cases[] = {{"en", 2 * 153}, {"zh-CN", 2 * 67}};
  for (const auto& c : cases) {
    auto rendered = render_template("sim_link_code", c.locale, {{"code", "123456"}});
    ASSERT_TRUE(rendered) << c.locale;
    std::size_t characters = 0;
    for (const unsigned char byte : rendered->body) characters += (byte & 0xC0) != 0x80 ? 1 : 0;
    EXPECT_LE(characters, c.max_characters) << c.locale;
    EXPECT_EQ(rendered->body.find('\n'), std::string::npos) << c.locale;
    EXPECT_NE(rendered->body.find("123456"), std::string::npos) << c.locale;
  }
  // The decision texts are sent by SMS too: the same limits, and no parameters at all.
  for (const std::string id : {"application.approved", "application.rejected", "application.resubmission_requested"}) {
    for (const auto& c : cases) {
      auto rendered = render_template(id, c.locale, json::object());
      ASSERT_TRUE(rendered) << id;
      std::size_t characters = 0;
      for (const unsigned char byte : rendered->body) characters += (byte & 0xC0) != 0x80 ? 1 : 0;
      EXPECT_LE(characters, c.max_characters) << id << " " << c.locale;
      EXPECT_EQ(rendered->body.find('\n'), std::string::npos) << id;
    }
    EXPECT_FALSE(render_template(id, "en", {{"first_name", "Zhang"}}));
  }
  auto extra =
      render_template("sim_link_code", "en", {{"code", "123456"}, {"msisdn", "+8613912345678"}});
  ASSERT_FALSE(extra);
  EXPECT_EQ(extra.error().code, "notify.template_params");
}

TEST(TemplatesTest, IntegerCodesRender) {
  auto rendered = render_template("email_verification", "en", {{"code", 42}});
  ASSERT_TRUE(rendered);
  EXPECT_NE(rendered->body.find("code is 42."), std::string::npos);
}

TEST(TemplatesTest, RejectsUnknownTemplatesAndBadParameters) {
  struct Case {
    std::string id;
    json params;
    std::string code;
  };
  const Case cases[] = {
      {"no_such_template", json::object(), "notify.unknown_template"},
      {"", json::object(), "notify.unknown_template"},
      {"email_verification", json::object(), "notify.template_params"},
      {"email_verification",
       {{"code", "123456"}, {"email", "alice@example.org"}},
       "notify.template_params"},
      {"password_changed", {{"name", "Alice"}}, "notify.template_params"},
      {"email_verification", {{"code", ""}}, "notify.template_params"},
      {"email_verification", {{"code", "12\n34"}}, "notify.template_params"},
      {"email_verification", {{"code", std::string(65, '1')}}, "notify.template_params"},
      {"email_verification", {{"code", json::array({1})}}, "notify.template_params"},
      {"email_verification", {{"code", 1.5}}, "notify.template_params"},
      {"email_verification", json::array(), "notify.template_params"},
  };
  for (const auto& c : cases) {
    auto rendered = render_template(c.id, "en", c.params);
    ASSERT_FALSE(rendered) << c.id << " " << c.params.dump();
    EXPECT_EQ(rendered.error().code, c.code) << c.id << " " << c.params.dump();
    EXPECT_EQ(rendered.error().detail.find("alice@example.org"), std::string::npos);
  }
}

}  // namespace
}  // namespace simreg::notify

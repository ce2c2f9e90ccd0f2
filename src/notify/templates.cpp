#include "notify/templates.hpp"

#include <algorithm>
#include <array>

namespace simreg::notify {
namespace {

constexpr std::size_t kMaxParamLength = 64;

struct LocalizedText {
  std::string_view locale;
  std::string_view subject;
  std::string_view body;
};

struct Template {
  std::string_view id;
  std::vector<std::string_view> params;
  std::array<LocalizedText, 2> texts;  // [0] is "en", the fallback
};

const std::vector<Template>& catalog() {
  static const std::vector<Template> templates = {
      {"email_verification",
       {"code"},
       {{{"en", "Your simreg verification code",
          "Hello,\n\n"
          "Your simreg verification code is {{code}}. It expires in 15 minutes.\n\n"
          "Enter it on the page where you signed up to confirm this e-mail address.\n\n"
          "If you did not ask for this code, you can safely ignore this message: nothing happens "
          "until the code is used.\n\n"
          "The simreg team\n"},
         {"zh-CN", "您的 simreg 验证码",
          "您好：\n\n"
          "您的 simreg 验证码是 {{code}}，15 分钟内有效。\n\n"
          "请在注册页面输入此验证码，以确认这个电子邮件地址。\n\n"
          "如果您没有申请此验证码，请忽略本邮件：在验证码被使用之前，不会发生任何变化。\n\n"
          "simreg 团队\n"}}}},
      {"password_reset",
       {"code"},
       {{{"en", "Reset your simreg password",
          "Hello,\n\n"
          "Your code to reset your simreg password is {{code}}. It expires in 15 minutes.\n\n"
          "Enter it on the password reset page, then choose a new password.\n\n"
          "If you did not ask to reset your password, you can safely ignore this message: your "
          "password stays the same.\n\n"
          "The simreg team\n"},
         {"zh-CN", "重置您的 simreg 密码",
          "您好：\n\n"
          "您用于重置 simreg 密码的验证码是 {{code}}，15 分钟内有效。\n\n"
          "请在重置密码页面输入此验证码，然后设置新密码。\n\n"
          "如果您没有申请重置密码，请忽略本邮件：您的密码不会改变。\n\n"
          "simreg 团队\n"}}}},
      {"signup_existing_account",
       {},
       {{{"en", "Someone tried to sign up with your e-mail address",
          "Hello,\n\n"
          "Someone, perhaps you, tried to create a simreg account with this e-mail address. You "
          "already have an account, so no new one was created.\n\n"
          "If it was you, simply sign in. If you have forgotten your password, choose \"Forgot "
          "password\" on the sign-in page to reset it.\n\n"
          "If it was not you, you can safely ignore this message: your account has not changed.\n\n"
          "The simreg team\n"},
         {"zh-CN", "有人尝试用您的电子邮件地址注册",
          "您好：\n\n"
          "有人（可能是您本人）尝试用这个电子邮件地址注册 simreg "
          "账户。您已经拥有账户，因此没有创建新账户。\n\n"
          "如果是您本人，请直接登录。如果忘记了密码，可以在登录页面选择“忘记密码”进行重置。\n\n"
          "如果不是您本人，请忽略本邮件：您的账户没有任何变化。\n\n"
          "simreg 团队\n"}}}},
      {"password_changed",
       {},
       {{{"en", "Your simreg password was changed",
          "Hello,\n\n"
          "The password of your simreg account was just changed. To keep your account safe, you "
          "have been signed out on all your other devices.\n\n"
          "If you made this change, there is nothing else to do.\n\n"
          "If you did not, reset your password right away with \"Forgot password\" on the sign-in "
          "page, and contact your carrier's customer service.\n\n"
          "The simreg team\n"},
         {"zh-CN", "您的 simreg 密码已更改",
          "您好：\n\n"
          "您的 simreg 账户密码刚刚已更改。为保护您的账户安全，您在其他设备上的登录已全部退出。\n\n"
          "如果是您本人操作，无需再做任何事。\n\n"
          "如果不是您本人操作，请立即在登录页面选择“忘记密码”重置密码，并联系您的运营商客服。\n\n"
          "simreg 团队\n"}}}},
      // SMS: one short line each (the subject is only for listings; SMS have none). It never
      // names the number or anything else about the line: the code is the only parameter.
      {"sim_link_code",
       {"code"},
       {{{"en", "simreg line code",
          "simreg: {{code}} is your code to add this line to your account. It expires in 5 "
          "minutes. Never share it; if you did not ask for it, ignore this message."},
         {"zh-CN", "simreg 号码验证码",
          "simreg：您将本号码添加到账户的验证码是 {{code}}，5 分钟内有效。请勿告诉他人；"
          "如非本人操作，请忽略本短信。"}}}},
      // Review decisions (issue 4): one text serves the e-mail (subject + body) and the SMS (body),
      // so the body is short. No personal data: the reasons are shown in the app, signed in.
      {"application.approved",
       {},
       {{{"en", "Your SIM registration is approved",
          "simreg: your SIM registration has been approved and your line is now registered. "
          "Thank you."},
         {"zh-CN", "您的号码实名登记已通过",
          "simreg：您的号码实名登记已审核通过，号码已完成登记。谢谢。"}}}},
      {"application.rejected",
       {},
       {{{"en", "Your SIM registration was not accepted",
          "simreg: your SIM registration could not be accepted. Sign in to see why and what to do "
          "next."},
         {"zh-CN", "您的号码实名登记未通过",
          "simreg：您的号码实名登记未能通过。请登录查看原因及后续办理方式。"}}}},
      {"application.resubmission_requested",
       {},
       {{{"en", "Your SIM registration needs a correction",
          "simreg: your SIM registration needs a correction. Sign in to see what to fix, then "
          "submit it again."},
         {"zh-CN", "您的号码实名登记需要修改",
          "simreg：您的号码实名登记需要修改。请登录查看需要更正的内容，然后重新提交。"}}}},
      {"staff_welcome",
       {},
       {{{"en", "Welcome to simreg",
          "Hello,\n\n"
          "An administrator has created a simreg staff account for you. They will give you a "
          "one-time password and an authenticator set-up code in person or through another secure "
          "channel; we never send them by e-mail.\n\n"
          "When you first sign in, you will add simreg to your authenticator app and choose your "
          "own "
          "password.\n\n"
          "If you were not expecting this, please tell your administrator.\n\n"
          "The simreg team\n"},
         {"zh-CN", "欢迎使用 simreg",
          "您好：\n\n"
          "管理员已为您创建了 simreg "
          "员工账户。管理员会当面或通过其他安全渠道向您提供一次性密码和身份验证器设置码；"
          "我们绝不会通过电子邮件发送这些信息。\n\n"
          "首次登录时，您需要在身份验证器应用中添加 simreg，并设置您自己的密码。\n\n"
          "如果您并未预期收到此邮件，请告知您的管理员。\n\n"
          "simreg 团队\n"}}}},
  };
  return templates;
}

Error params_error(std::string_view template_id, std::string_view problem) {
  return Error::make(ErrorKind::internal, "notify.template_params",
                     "Template " + std::string(template_id) + ": " + std::string(problem) + ".");
}

// Parameter values are codes: short, one line.
Result<std::string> param_text(std::string_view template_id, std::string_view name,
                               const nlohmann::json& value) {
  std::string text;
  if (value.is_string()) {
    text = value.get<std::string>();
  } else if (value.is_number_integer()) {
    text = value.dump();
  } else {
    return params_error(template_id,
                        "parameter " + std::string(name) + " is not a string or an integer");
  }
  const bool control = std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (text.empty() || text.size() > kMaxParamLength || control) {
    return params_error(template_id,
                        "parameter " + std::string(name) + " is empty, too long or not one line");
  }
  return text;
}

Result<std::string> substitute(const Template& tmpl, std::string_view text,
                               const nlohmann::json& params) {
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open = text.find("{{", pos);
    if (open == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    const auto close = text.find("}}", open + 2);
    if (close == std::string_view::npos) return params_error(tmpl.id, "unterminated placeholder");
    out.append(text.substr(pos, open - pos));
    const std::string name(text.substr(open + 2, close - open - 2));
    const auto value = params.find(name);
    if (value == params.end()) return params_error(tmpl.id, "parameter " + name + " is missing");
    SIMREG_TRY_ASSIGN(const std::string replacement, param_text(tmpl.id, name, *value));
    out.append(replacement);
    pos = close + 2;
  }
  return out;
}

}  // namespace

Result<RenderedMessage> render_template(std::string_view template_id, std::string_view locale,
                                        const nlohmann::json& params) {
  const auto& templates = catalog();
  const auto tmpl = std::find_if(templates.begin(), templates.end(),
                                 [&](const Template& t) { return t.id == template_id; });
  if (tmpl == templates.end()) {
    return Error::make(ErrorKind::internal, "notify.unknown_template",
                       "There is no message template named " + std::string(template_id) + ".");
  }
  const nlohmann::json no_params = nlohmann::json::object();
  const nlohmann::json& given = params.is_null() ? no_params : params;
  if (!given.is_object()) return params_error(template_id, "parameters are not an object");
  for (const auto& [name, value] : given.items()) {
    if (std::find(tmpl->params.begin(), tmpl->params.end(), name) == tmpl->params.end()) {
      return params_error(template_id, "parameter " + name + " is not declared");
    }
  }
  for (const auto name : tmpl->params) {
    if (!given.contains(std::string(name))) {
      return params_error(template_id, "parameter " + std::string(name) + " is missing");
    }
  }

  const LocalizedText* text = &tmpl->texts[0];
  for (const auto& candidate : tmpl->texts) {
    if (candidate.locale == locale) text = &candidate;
  }
  RenderedMessage rendered;
  rendered.locale = std::string(text->locale);
  SIMREG_TRY_ASSIGN(rendered.subject, substitute(*tmpl, text->subject, given));
  SIMREG_TRY_ASSIGN(rendered.body, substitute(*tmpl, text->body, given));
  return rendered;
}

std::vector<std::string> template_ids() {
  std::vector<std::string> ids;
  for (const auto& tmpl : catalog()) ids.emplace_back(tmpl.id);
  return ids;
}

std::vector<std::string> resendable_template_ids() {
  std::vector<std::string> ids;
  for (const auto& tmpl : catalog()) {
    if (std::find(tmpl.params.begin(), tmpl.params.end(), "code") == tmpl.params.end()) ids.emplace_back(tmpl.id);
  }
  return ids;
}

}  // namespace simreg::notify

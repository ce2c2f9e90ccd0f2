#include "notify/smtp_sender.hpp"

#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "notify/loopback_server.hpp"
#include "notify/templates.hpp"

namespace simreg::notify {
namespace {

// An aiosmtpd server on loopback whose handler parses each message with Python's e-mail package
// (an independent RFC 5322 / MIME / RFC 2047 implementation) and appends it as JSON to a file.
constexpr const char* kSmtpSink = R"PY(
import email, json, os, socket, sys, time
from email import policy
from aiosmtpd.controller import Controller

out = sys.argv[1]

class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=policy.default)
        record = {
            "mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
            "from": str(msg["from"]), "to": str(msg["to"]), "subject": str(msg["subject"]),
            "date": str(msg["date"]), "message_id": str(msg["message-id"]),
            "content_type": msg.get_content_type(), "charset": msg.get_content_charset(),
            "body": msg.get_content(), "defects": len(msg.defects),
        }
        with open(out, "a") as f:
            f.write(json.dumps(record) + "\n")
        return "250 Message accepted for delivery"

s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
controller = Controller(Handler(), hostname="127.0.0.1", port=port)
controller.start()
print(port, flush=True)
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
while True:
    time.sleep(3600)
)PY";

OutboxEntry email_entry(const std::string& to, const std::string& locale) {
  auto rendered = render_template("email_verification", locale, {{"code", "123456"}});
  EXPECT_TRUE(rendered);
  OutboxEntry entry;
  entry.id = "msg_test";
  entry.to = to;
  entry.channel = Channel::email;
  entry.template_id = "email_verification";
  entry.subject = rendered->subject;
  entry.body = rendered->body;
  return entry;
}

std::vector<nlohmann::json> received(const testing::LoopbackServer& server) {
  std::vector<nlohmann::json> messages;
  // aiosmtpd answers 250 after the handler returns, so the file is complete once send() returns.
  std::istringstream lines(testing::read_file(server.path("mail.jsonl")));
  for (std::string line; std::getline(lines, line);)
    messages.push_back(nlohmann::json::parse(line));
  return messages;
}

class SmtpSenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.start(kSmtpSink, {server_.path("mail.jsonl").string()})) << server_.error();
    url_ = "smtp://127.0.0.1:" + std::to_string(server_.port());
  }

  testing::LoopbackServer server_;
  std::string url_;
};

TEST_F(SmtpSenderTest, DeliversEnglishAndChineseMessages) {
  SmtpSender sender(url_, "simreg <no-reply@simreg.example>");
  struct Case {
    std::string to;
    std::string locale;
  };
  const Case cases[] = {{"alice@example.org", "en"}, {"  Li.Na@Example.CN ", "zh-CN"}};
  for (const auto& c : cases) {
    auto sent = sender.send(email_entry(c.to, c.locale));
    ASSERT_TRUE(sent) << sent.error().code << ": " << sent.error().detail;
  }
  const auto messages = received(server_);
  ASSERT_EQ(messages.size(), 2u);

  const auto& en = messages[0];
  EXPECT_EQ(en["mail_from"], "no-reply@simreg.example");
  EXPECT_EQ(en["rcpt_tos"], nlohmann::json::array({"alice@example.org"}));
  EXPECT_EQ(en["from"], "simreg <no-reply@simreg.example>");
  EXPECT_EQ(en["to"], "alice@example.org");
  EXPECT_EQ(en["subject"], "Your simreg verification code");
  EXPECT_EQ(en["content_type"], "text/plain");
  EXPECT_EQ(en["charset"], "utf-8");
  EXPECT_EQ(en["defects"], 0);
  EXPECT_NE(en["date"].get<std::string>().find("+0000"), std::string::npos);
  EXPECT_EQ(en["message_id"].get<std::string>().rfind("<msg_test.", 0), 0u);
  EXPECT_NE(en["body"].get<std::string>().find(
                "Your simreg verification code is 123456. It expires in 15 minutes."),
            std::string::npos);

  const auto& zh = messages[1];
  EXPECT_EQ(zh["rcpt_tos"], nlohmann::json::array({"li.na@example.cn"}));
  EXPECT_EQ(zh["subject"], "您的 simreg 验证码");
  EXPECT_EQ(zh["defects"], 0);
  EXPECT_NE(zh["body"].get<std::string>().find("您的 simreg 验证码是 123456，15 分钟内有效。"),
            std::string::npos);
}

TEST_F(SmtpSenderTest, ARejectedRecipientIsAnErrorWithoutTheAddress) {
  SmtpSender sender(url_, "no-reply@simreg.example");
  auto sent = sender.send(email_entry("reject-me@example.org", "en"));
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, "notify.smtp_rejected");
  EXPECT_EQ(sent.error().detail.find("reject-me"), std::string::npos);
  EXPECT_TRUE(received(server_).empty());
}

TEST(SmtpSenderErrorsTest, ConfigurationAndTransportErrors) {
  OutboxEntry entry = email_entry("alice@example.org", "en");
  struct Case {
    std::string url;
    std::string from;
    std::string to;
    std::string code;
  };
  const Case cases[] = {
      {"http://127.0.0.1:1", "a@b.example", "alice@example.org", "notify.smtp_misconfigured"},
      {"smtp://127.0.0.1:1", "not an address", "alice@example.org", "notify.smtp_misconfigured"},
      {"smtp://127.0.0.1:1", "a@b.example", "alice@example.org\r\nBcc: x@y.example",
       "notify.invalid_recipient"},
      // Port 1 on loopback: nothing listens there.
      {"smtp://127.0.0.1:1", "a@b.example", "alice@example.org", "notify.smtp_unreachable"},
  };
  for (const auto& c : cases) {
    SmtpSender sender(c.url, c.from, {}, {}, std::chrono::seconds(5));
    entry.to = c.to;
    auto sent = sender.send(entry);
    ASSERT_FALSE(sent) << c.url;
    EXPECT_EQ(sent.error().code, c.code) << c.url << " " << c.from;
  }
  OutboxEntry sms = entry;
  sms.channel = Channel::sms;
  auto sent = SmtpSender("smtp://127.0.0.1:1", "a@b.example").send(sms);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, "notify.wrong_channel");
}

}  // namespace
}  // namespace simreg::notify

#include "notify/email_message.hpp"

#include <gtest/gtest.h>

#include "crypto/encoding.hpp"

namespace simreg::notify {
namespace {

// Decodes a header value made of "=?UTF-8?B?...?=" words separated by folding whitespace.
std::string decode_words(const std::string& value) {
  std::string out;
  std::size_t pos = 0;
  while ((pos = value.find("=?UTF-8?B?", pos)) != std::string::npos) {
    const auto start = pos + 10;
    const auto end = value.find("?=", start);
    auto decoded = crypto::base64_decode(value.substr(start, end - start));
    EXPECT_TRUE(decoded);
    if (decoded) out += *decoded;
    pos = end + 2;
  }
  return out;
}

TEST(EmailMessageTest, Rfc5322Date) {
  const struct {
    std::int64_t ms;
    const char* expected;
  } cases[] = {
      {0, "Thu, 01 Jan 1970 00:00:00 +0000"},
      {1'795'536'682'123, "Tue, 24 Nov 2026 16:11:22 +0000"},
      {951'782'400'000, "Tue, 29 Feb 2000 00:00:00 +0000"},
  };
  for (const auto& c : cases) EXPECT_EQ(rfc5322_date(c.ms), c.expected);
}

TEST(EmailMessageTest, HeaderTextEncoding) {
  const std::string cases[] = {
      "您的 simreg 验证码",
      "Ünïcödé",
      "有人尝试用您的电子邮件地址注册，这是一个很长很长很长很长很长很长很长很长很长的主题",
      "=?looks-encoded?=",
  };
  EXPECT_EQ(encode_header_text("Your simreg verification code"), "Your simreg verification code");
  for (const auto& text : cases) {
    const std::string encoded = encode_header_text(text);
    EXPECT_NE(encoded, text);
    EXPECT_EQ(decode_words(encoded), text) << text;
    // No line (after "Subject: ") may pass 78 characters, and every word holds whole UTF-8
    // sequences.
    std::size_t line_start = 0;
    for (;;) {
      const auto end = encoded.find("\r\n", line_start);
      const auto line = encoded.substr(
          line_start, end == std::string::npos ? std::string::npos : end - line_start);
      EXPECT_LE(line.size() + 9, 78u) << line;
      if (end == std::string::npos) break;
      line_start = end + 2;
      EXPECT_EQ(encoded[line_start], ' ');
    }
  }
}

TEST(EmailMessageTest, Mailboxes) {
  const struct {
    const char* input;
    const char* name;
    const char* address;
  } cases[] = {
      {"simreg <no-reply@simreg.invalid>", "simreg", "no-reply@simreg.invalid"},
      {"\"SIM Registration\" <kyc@carrier.example>", "SIM Registration", "kyc@carrier.example"},
      {"kyc@carrier.example", "", "kyc@carrier.example"},
      {"  <kyc@carrier.example>  ", "", "kyc@carrier.example"},
      {"no address", "", ""},
      {"a <b@c> d", "", ""},
      {"x <a@b.example>\r\nBcc: y@z", "", ""},
  };
  for (const auto& c : cases) {
    const Mailbox mailbox = parse_mailbox(c.input);
    EXPECT_EQ(mailbox.display_name, c.name) << c.input;
    EXPECT_EQ(mailbox.address, c.address) << c.input;
  }
  EXPECT_EQ(format_mailbox({"simreg", "a@b.example"}), "\"simreg\" <a@b.example>");
  EXPECT_EQ(format_mailbox({"say \"hi\"", "a@b.example"}), "\"say \\\"hi\\\"\" <a@b.example>");
  EXPECT_EQ(format_mailbox({"", "a@b.example"}), "<a@b.example>");
  EXPECT_EQ(format_mailbox({"中国移动", "a@b.example"}).find("=?UTF-8?B?"), 0u);
}

TEST(EmailMessageTest, BuildsAPlainTextUtf8Message) {
  EmailParts parts;
  parts.from = {"simreg", "no-reply@simreg.example"};
  parts.to = "alice@example.org";
  parts.subject = "您的 simreg 验证码";
  parts.body = "您好：\n\n验证码 123456。\n" + std::string(200, 'x') + "\n";
  parts.message_id = "msg_1@simreg.example";
  parts.date_ms = 0;
  const std::string message = build_email_message(parts);

  const auto split = message.find("\r\n\r\n");
  ASSERT_NE(split, std::string::npos);
  const std::string headers = message.substr(0, split + 2);
  for (const char* expected :
       {"Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n",
        "From: \"simreg\" <no-reply@simreg.example>\r\n", "To: <alice@example.org>\r\n",
        "Message-ID: <msg_1@simreg.example>\r\n", "MIME-Version: 1.0\r\n",
        "Content-Type: text/plain; charset=utf-8\r\n", "Content-Transfer-Encoding: base64\r\n"}) {
    EXPECT_NE(headers.find(expected), std::string::npos) << expected;
  }
  EXPECT_NE(headers.find("Subject: =?UTF-8?B?"), std::string::npos);

  // Every line ends in CRLF, none is longer than 78, and the base64 body decodes to CRLF text.
  std::string body_base64;
  std::size_t pos = split + 4;
  while (pos < message.size()) {
    const auto end = message.find("\r\n", pos);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - pos, 76u);
    body_base64 += message.substr(pos, end - pos);
    pos = end + 2;
  }
  auto body = crypto::base64_decode(body_base64);
  ASSERT_TRUE(body);
  EXPECT_EQ(*body, "您好：\r\n\r\n验证码 123456。\r\n" + std::string(200, 'x') + "\r\n");
  for (std::size_t i = 0; i < message.size(); ++i) {
    if (message[i] == '\n') {
      EXPECT_TRUE(i > 0 && message[i - 1] == '\r') << "bare LF at " << i;
    }
  }
}

}  // namespace
}  // namespace simreg::notify

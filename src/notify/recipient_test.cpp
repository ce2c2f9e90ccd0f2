#include "notify/recipient.hpp"

#include <gtest/gtest.h>

namespace simreg::notify {
namespace {

TEST(RecipientTest, Normalizes) {
  struct Case {
    Channel channel;
    std::string input;
    std::string expected;
  };
  const Case cases[] = {
      {Channel::email, "Alice@Example.ORG", "alice@example.org"},
      {Channel::email, "  bob@example.org\t\n", "bob@example.org"},
      {Channel::email, "li.na+kyc@例子.cn", "li.na+kyc@例子.cn"},
      {Channel::sms, "+86 138-0013-8000", "+8613800138000"},
      {Channel::sms, " (010) 6552.9988 ", "01065529988"},
      {Channel::sms, "+447700900123", "+447700900123"},
  };
  for (const auto& c : cases) {
    auto normalized = normalize_recipient(c.channel, c.input);
    ASSERT_TRUE(normalized) << c.input;
    EXPECT_EQ(*normalized, c.expected) << c.input;
  }
}

TEST(RecipientTest, RejectsWithoutEchoingTheValue) {
  struct Case {
    Channel channel;
    std::string input;
  };
  const Case cases[] = {
      {Channel::email, ""},
      {Channel::email, "   "},
      {Channel::email, "no-at-sign.example.org"},
      {Channel::email, "@example.org"},
      {Channel::email, "alice@"},
      {Channel::email, "a@b@example.org"},
      {Channel::email, "alice@example.org\r\nBcc: mallory@example.org"},
      {Channel::email, "Alice <alice@example.org>"},
      {Channel::email, "alice@example.org,bob@example.org"},
      {Channel::email, "al ice@example.org"},
      {Channel::email, std::string(321, 'a') + "@x"},
      {Channel::sms, ""},
      {Channel::sms, "12"},
      {Channel::sms, "+1 (555) CALL-NOW"},
      {Channel::sms, "1+2345"},
      {Channel::sms, "1234567890123456"},
  };
  for (const auto& c : cases) {
    auto normalized = normalize_recipient(c.channel, c.input);
    ASSERT_FALSE(normalized) << c.input;
    EXPECT_EQ(normalized.error().code, "notify.invalid_recipient");
    if (!c.input.empty() && c.input.find_first_not_of(' ') != std::string::npos) {
      EXPECT_EQ(normalized.error().detail.find(c.input), std::string::npos);
    }
  }
}

TEST(RecipientTest, GuessesChannelFromAtSign) {
  EXPECT_EQ(guess_channel("a@example.org"), Channel::email);
  EXPECT_EQ(guess_channel("+8613800138000"), Channel::sms);
}

}  // namespace
}  // namespace simreg::notify

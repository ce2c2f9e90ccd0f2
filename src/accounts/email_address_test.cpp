#include "accounts/email_address.hpp"

#include <gtest/gtest.h>

namespace simreg::accounts {
namespace {

struct EmailCase {
  const char* name;
  std::string input;
  std::optional<std::string> expected;
};

class EmailAddressTest : public ::testing::TestWithParam<EmailCase> {};

TEST_P(EmailAddressTest, Normalizes) { EXPECT_EQ(normalize_email(GetParam().input), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Table, EmailAddressTest,
    ::testing::Values(EmailCase{"plain", "alice@example.com", "alice@example.com"},
                      EmailCase{"upper_and_spaces", "  Alice@Example.COM ", "alice@example.com"},
                      EmailCase{"plus_tag", "a+tag@mail.example.cn", "a+tag@mail.example.cn"},
                      EmailCase{"no_at", "alice.example.com", std::nullopt},
                      EmailCase{"two_at", "a@b@example.com", std::nullopt},
                      EmailCase{"no_local", "@example.com", std::nullopt},
                      EmailCase{"no_dot_in_domain", "alice@localhost", std::nullopt},
                      EmailCase{"trailing_dot", "alice@example.", std::nullopt},
                      EmailCase{"double_dot", "alice@example..com", std::nullopt},
                      EmailCase{"inner_space", "ali ce@example.com", std::nullopt},
                      EmailCase{"angle_bracket", "<alice@example.com>", std::nullopt},
                      EmailCase{"local_too_long", std::string(65, 'a') + "@example.com", std::nullopt},
                      EmailCase{"empty", "", std::nullopt}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace simreg::accounts

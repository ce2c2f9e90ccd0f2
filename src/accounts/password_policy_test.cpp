#include "accounts/password_policy.hpp"

#include <gtest/gtest.h>

namespace simreg::accounts {
namespace {

struct PasswordCase {
  const char* name;
  std::string password;
  std::string email;
  std::vector<std::string> codes;
};

class PasswordPolicyTest : public ::testing::TestWithParam<PasswordCase> {};

TEST_P(PasswordPolicyTest, ReportsExactlyTheExpectedCodes) {
  const auto& c = GetParam();
  std::vector<std::string> codes;
  for (const auto& e : check_password(c.password, c.email, "/password")) {
    EXPECT_EQ(e.field, "/password");
    codes.push_back(e.code);
  }
  EXPECT_EQ(codes, c.codes);
}

INSTANTIATE_TEST_SUITE_P(
    Table, PasswordPolicyTest,
    ::testing::Values(
        PasswordCase{"long_enough", "correct horse battery", "alice@example.com", {}},
        PasswordCase{"exactly_12", "abcdefghijkl", "zed@example.com", {}},
        PasswordCase{"eleven", "abcdefghijk", "zed@example.com", {"password.too_short"}},
        PasswordCase{"empty", "", "zed@example.com", {"password.too_short"}},
        PasswordCase{"too_long", std::string(129, 'x'), "zed@example.com", {"password.too_long"}},
        PasswordCase{"max_128", std::string(128, 'x'), "zed@example.com", {}},
        PasswordCase{"contains_local_part", "my-alice-password", "alice@example.com", {"password.contains_email"}},
        PasswordCase{"contains_local_part_other_case", "MY-ALICE-PASSWORD", "Alice@example.com",
                     {"password.contains_email"}},
        PasswordCase{"short_and_contains", "alice123", "alice@example.com",
                     {"password.too_short", "password.contains_email"}},
        PasswordCase{"two_letter_local_part_ignored", "xx-long-password", "xx@example.com", {}},
        // 12 Chinese characters are 36 bytes but 12 code points: long enough.
        PasswordCase{"cjk_counts_code_points", "\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341\u767e\u5343",
                     "zed@example.com", {}},
        PasswordCase{"cjk_eleven", "\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341\u767e",
                     "zed@example.com", {"password.too_short"}}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace simreg::accounts

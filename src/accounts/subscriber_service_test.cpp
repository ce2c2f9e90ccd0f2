// SubscriberService against real SQLite and PostgreSQL, with the real crypto, audit and outbox.
#include "accounts/subscriber_service.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "crypto/sodium_init.hpp"
#include "db/testing/migrated_database_test.hpp"

namespace simreg::accounts {
namespace {

using db::testing::Engine;

class SubscriberServiceTest : public db::testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    crypto::initialize();
    MigratedDatabaseTest::SetUp();
    if (database_unavailable()) return;
    audit_ = std::make_unique<audit::AuditLog>(db(), keyring_, clock_);
    outbox_ = std::make_unique<notify::Outbox>(db(), sealer_, indexer_, clock_);
    sessions_ = std::make_unique<SessionService>(db(), *audit_, clock_, SessionPolicy{});
    codes_ = std::make_unique<OneTimeCodes>(indexer_, clock_);
    throttle_ = std::make_unique<LoginThrottle>(db(), clock_, ThrottlePolicy{}, ThrottlePolicy{});
    service_ = make_service(hasher_);
  }

  std::unique_ptr<SubscriberService> make_service(
      const crypto::PasswordHasher& hasher,
      std::int64_t code_ttl_ms = kDefaultVerificationCodeTtlMs) {
    return std::make_unique<SubscriberService>(
        SubscriberServiceDeps{db(), sealer_, indexer_, hasher, *sessions_, *codes_, *throttle_,
                              *outbox_, *audit_, clock_, code_ttl_ms});
  }

  std::string latest_code(const std::string& email) {
    auto entries = outbox_->list(email, 10);
    EXPECT_TRUE(entries);
    for (const auto& entry : *entries) {
      std::smatch match;
      if (std::regex_search(entry.body, match, std::regex("\\b(\\d{6})\\b"))) return match[1];
    }
    return "";
  }

  const RequestMeta meta_{"203.0.113.7", "req-1"};
  ManualClock clock_{1'800'000'000'000};
  crypto::Keyring keyring_ = crypto::Keyring::generate();
  crypto::FieldSealer sealer_{keyring_};
  crypto::BlindIndexer indexer_{keyring_};
  crypto::PasswordHasher hasher_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<notify::Outbox> outbox_;
  std::unique_ptr<SessionService> sessions_;
  std::unique_ptr<OneTimeCodes> codes_;
  std::unique_ptr<LoginThrottle> throttle_;
  std::unique_ptr<SubscriberService> service_;
};

TEST_P(SubscriberServiceTest, SignUpVerifySignIn) {
  ASSERT_TRUE(service_->sign_up("Alice@Example.com", "a long enough passphrase", "en", meta_));
  auto before = service_->sign_in("alice@example.com", "a long enough passphrase", meta_);
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().code, "auth.email_not_verified");
  const auto code = latest_code("alice@example.com");
  ASSERT_EQ(code.size(), 6u);
  ASSERT_TRUE(service_->verify_email("alice@example.com", code, meta_));
  auto signed_in = service_->sign_in("ALICE@example.com ", "a long enough passphrase", meta_);
  ASSERT_TRUE(signed_in) << signed_in.error().code;
  EXPECT_EQ(signed_in->account.email, "alice@example.com");
  EXPECT_TRUE(signed_in->account.email_verified);
  auto resolved = sessions_->resolve(signed_in->session.token);
  ASSERT_TRUE(resolved && *resolved);
  EXPECT_EQ((*resolved)->account_id, signed_in->account.id);
  EXPECT_EQ((*resolved)->locale, "en");
  // The session carries the language the subscriber chose, from the next request on.
  ASSERT_TRUE(service_->set_locale(signed_in->account.id, "zh-CN"));
  resolved = sessions_->resolve(signed_in->session.token);
  ASSERT_TRUE(resolved && *resolved);
  EXPECT_EQ((*resolved)->locale, "zh-CN");
}

TEST_P(SubscriberServiceTest, UnknownEmailAndWrongPasswordLookTheSame) {
  ASSERT_TRUE(service_->sign_up("bob@example.com", "a long enough passphrase", "en", meta_));
  auto unknown = service_->sign_in("nobody@example.com", "a long enough passphrase", meta_);
  auto wrong = service_->sign_in("bob@example.com", "not the passphrase!", meta_);
  ASSERT_FALSE(unknown);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(unknown.error().code, wrong.error().code);
  EXPECT_EQ(unknown.error().detail, wrong.error().detail);
  EXPECT_EQ(unknown.error().kind, ErrorKind::unauthenticated);
}

TEST_P(SubscriberServiceTest, RepeatedSignUpSucceedsWithoutASecondAccount) {
  ASSERT_TRUE(service_->sign_up("carol@example.com", "a long enough passphrase", "en", meta_));
  clock_.advance_ms(61'000);
  ASSERT_TRUE(service_->sign_up("carol@example.com", "another long passphrase", "zh-CN", meta_));
  auto count = db().execute("SELECT COUNT(*) FROM subscribers");
  ASSERT_TRUE(count);
  EXPECT_EQ(count->first().integer(0), 1);
}

TEST_P(SubscriberServiceTest, WrongCodesAreCountedAndThenRefused) {
  ASSERT_TRUE(service_->sign_up("dave@example.com", "a long enough passphrase", "en", meta_));
  const auto code = latest_code("dave@example.com");
  const std::string wrong = code == "000000" ? "111111" : "000000";
  for (int i = 0; i < kMaxCodeAttempts; ++i) {
    auto result = service_->verify_email("dave@example.com", wrong, meta_);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, "auth.invalid_code");
  }
  auto blocked = service_->verify_email("dave@example.com", code, meta_);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, "auth.too_many_attempts");
}

TEST_P(SubscriberServiceTest, VerificationCodeLivesForTheConfiguredTtl) {
  struct Case {
    const char* name;
    std::int64_t ttl_ms;
    std::int64_t wait_ms;
    bool accepted;
  };
  const Case cases[] = {
      {"default, just before 15 min", kDefaultVerificationCodeTtlMs, 15 * 60 * 1000 - 1, true},
      {"default, at 15 min", kDefaultVerificationCodeTtlMs, 15 * 60 * 1000, false},
      {"default, after 16 min", kDefaultVerificationCodeTtlMs, 16 * 60 * 1000, false},
      {"2 s, after 1 s", 2000, 1000, true},
      {"2 s, after 3 s", 2000, 3000, false},
      {"1 h, after 59 min", 60 * 60 * 1000, 59 * 60 * 1000, true},
  };
  int n = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto service = make_service(hasher_, c.ttl_ms);
    const std::string email = "erin" + std::to_string(++n) + "@example.com";
    ASSERT_TRUE(service->sign_up(email, "a long enough passphrase", "en", meta_));
    const auto code = latest_code(email);
    clock_.advance_ms(c.wait_ms);
    auto result = service->verify_email(email, code, meta_);
    EXPECT_EQ(result.ok(), c.accepted);
    if (!c.accepted) {
      ASSERT_FALSE(result);
      EXPECT_EQ(result.error().code, "auth.invalid_code");
      // The expired code can be replaced at once, and the fresh code works.
      ASSERT_TRUE(service->resend_verification(email));
      EXPECT_TRUE(service->verify_email(email, latest_code(email), meta_));
    }
  }
}

TEST_P(SubscriberServiceTest, ResendWaitsForTheIntervalOrTheCodesExpiry) {
  struct Case {
    const char* name;
    std::int64_t ttl_ms;
    std::int64_t wait_ms;
    bool resent;
  };
  const Case cases[] = {
      {"default TTL, within the minute", kDefaultVerificationCodeTtlMs, 59'000, false},
      {"default TTL, after the minute", kDefaultVerificationCodeTtlMs, 60'000, true},
      {"2 s TTL, code still valid", 2000, 1999, false},
      {"2 s TTL, code expired", 2000, 2000, true},
  };
  int n = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto service = make_service(hasher_, c.ttl_ms);
    const std::string email = "ivan" + std::to_string(++n) + "@example.com";
    ASSERT_TRUE(service->sign_up(email, "a long enough passphrase", "en", meta_));
    clock_.advance_ms(c.wait_ms);
    ASSERT_TRUE(service->resend_verification(email));
    auto messages = outbox_->list(email, 10);
    ASSERT_TRUE(messages);
    EXPECT_EQ(messages->size(), c.resent ? 2u : 1u);
  }
}

TEST_P(SubscriberServiceTest, RehashesOnSignInWhenParametersRise) {
  ASSERT_TRUE(service_->create_verified("frank@example.com", "a long enough passphrase", "en", meta_));
  crypto::PasswordHashParams stronger;
  stronger.ops_limit = 3;
  crypto::PasswordHasher stronger_hasher(stronger);
  auto stronger_service = make_service(stronger_hasher);
  ASSERT_TRUE(stronger_service->sign_in("frank@example.com", "a long enough passphrase", meta_));
  auto rows = db().execute("SELECT password_hash FROM subscribers");
  ASSERT_TRUE(rows);
  EXPECT_NE(rows->first().text(0).find("t=3"), std::string::npos) << rows->first().text(0);
}

TEST_P(SubscriberServiceTest, PasswordResetRevokesSessions) {
  ASSERT_TRUE(service_->create_verified("gina@example.com", "a long enough passphrase", "en", meta_));
  auto signed_in = service_->sign_in("gina@example.com", "a long enough passphrase", meta_);
  ASSERT_TRUE(signed_in);
  ASSERT_TRUE(service_->request_password_reset("gina@example.com", meta_));
  const auto code = latest_code("gina@example.com");
  ASSERT_TRUE(service_->confirm_password_reset("gina@example.com", code, "a brand new passphrase", meta_));
  auto resolved = sessions_->resolve(signed_in->session.token);
  ASSERT_TRUE(resolved);
  EXPECT_FALSE(resolved->has_value());
  EXPECT_TRUE(service_->sign_in("gina@example.com", "a brand new passphrase", meta_));
}

TEST_P(SubscriberServiceTest, NoPlaintextEmailInTheDatabase) {
  ASSERT_TRUE(service_->sign_up("henry.secret@example.com", "a long enough passphrase", "en", meta_));
  for (const char* sql : {"SELECT * FROM subscribers", "SELECT * FROM one_time_codes", "SELECT * FROM sessions",
                          "SELECT * FROM audit_log"}) {
    auto rows = db().execute(sql);
    ASSERT_TRUE(rows) << sql;
    for (const auto& row : rows->rows) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (row.is_null(i)) continue;
        const std::string value = std::holds_alternative<db::Bytes>(row.at(i)) ? row.bytes(i)
                                  : std::holds_alternative<std::string>(row.at(i)) ? row.text(i) : std::string();
        EXPECT_EQ(value.find("henry.secret"), std::string::npos) << sql;
        EXPECT_EQ(value.find("203.0.113.7"), std::string::npos) << sql;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, SubscriberServiceTest, ::testing::Values(Engine::sqlite, Engine::postgres),
                         [](const auto& info) { return db::testing::engine_name(info.param); });

}  // namespace
}  // namespace simreg::accounts

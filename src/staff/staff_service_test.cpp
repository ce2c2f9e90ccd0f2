// StaffService against real SQLite and PostgreSQL: first sign-in, single-use TOTP, disabling, roles.
#include "staff/staff_service.hpp"

#include <gtest/gtest.h>

#include "crypto/encoding.hpp"
#include "crypto/sodium_init.hpp"
#include "crypto/totp.hpp"
#include "db/testing/migrated_database_test.hpp"

namespace simreg::staff {
namespace {

using db::testing::Engine;

class StaffServiceTest : public db::testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    crypto::initialize();
    MigratedDatabaseTest::SetUp();
    if (database_unavailable()) return;
    audit_ = std::make_unique<audit::AuditLog>(db(), keyring_, clock_);
    sessions_ = std::make_unique<accounts::SessionService>(db(), *audit_, clock_, accounts::SessionPolicy{});
    throttle_ = std::make_unique<accounts::LoginThrottle>(db(), clock_, accounts::ThrottlePolicy{},
                                                          accounts::ThrottlePolicy{});
    service_ = std::make_unique<StaffService>(
        StaffServiceDeps{db(), sealer_, indexer_, hasher_, *sessions_, *throttle_, *audit_, clock_, "simreg"});
  }

  std::string code_now(const NewStaff& staff) {
    auto secret = crypto::base32_decode(staff.totp_secret_base32);
    EXPECT_TRUE(secret);
    return crypto::totp_code(*secret, clock_.now_s());
  }

  // Adds a member and finishes the first sign-in; leaves the clock on a fresh TOTP step.
  NewStaff enrolled(const std::string& email, std::vector<std::string> roles) {
    auto added = service_->add(email, roles, std::nullopt, {"", meta_});
    EXPECT_TRUE(added);
    auto changed = service_->change_password(email, added->one_time_password, "staff long passphrase",
                                             code_now(*added), meta_);
    EXPECT_TRUE(changed) << (changed ? "" : changed.error().code);
    clock_.advance_ms(30'000);
    return *added;
  }

  const RequestMeta meta_{"198.51.100.4", "req-s"};
  ManualClock clock_{1'800'000'010'000};
  crypto::Keyring keyring_ = crypto::Keyring::generate();
  crypto::FieldSealer sealer_{keyring_};
  crypto::BlindIndexer indexer_{keyring_};
  crypto::PasswordHasher hasher_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<accounts::SessionService> sessions_;
  std::unique_ptr<accounts::LoginThrottle> throttle_;
  std::unique_ptr<StaffService> service_;
};

TEST_P(StaffServiceTest, FirstSignInRequiresPasswordChangeAndOffersTotpUri) {
  auto added = service_->add("Rita@Carrier.example", {"reviewer"}, std::nullopt, {"", meta_});
  ASSERT_TRUE(added);
  EXPECT_TRUE(added->staff.must_change_password);
  auto first = service_->sign_in("rita@carrier.example", added->one_time_password, "000000", meta_);
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().code, "auth.password_change_required");
  EXPECT_EQ(first.error().extensions.at("totp_uri"), added->totp_uri);
  EXPECT_EQ(added->totp_uri.rfind("otpauth://totp/", 0), 0u);
}

TEST_P(StaffServiceTest, TotpCodeIsSingleUse) {
  auto staff = enrolled("sam@carrier.example", {"admin"});
  const auto code = code_now(staff);
  auto signed_in = service_->sign_in("sam@carrier.example", "staff long passphrase", code, meta_);
  ASSERT_TRUE(signed_in) << signed_in.error().code;
  EXPECT_EQ(signed_in->account.roles, std::vector<std::string>{"admin"});
  auto replay = service_->sign_in("sam@carrier.example", "staff long passphrase", code, meta_);
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().code, "auth.invalid_credentials");
  clock_.advance_ms(30'000);
  EXPECT_TRUE(service_->sign_in("sam@carrier.example", "staff long passphrase", code_now(staff), meta_));
}

TEST_P(StaffServiceTest, WrongTotpAndWrongPasswordAreInvalidCredentials) {
  auto staff = enrolled("tia@carrier.example", {"support"});
  const auto good = code_now(staff);
  const std::string bad = good == "123456" ? "654321" : "123456";
  auto wrong_totp = service_->sign_in("tia@carrier.example", "staff long passphrase", bad, meta_);
  auto wrong_password = service_->sign_in("tia@carrier.example", "not the passphrase", good, meta_);
  ASSERT_FALSE(wrong_totp);
  ASSERT_FALSE(wrong_password);
  EXPECT_EQ(wrong_totp.error().code, "auth.invalid_credentials");
  EXPECT_EQ(wrong_password.error().code, "auth.invalid_credentials");
}

TEST_P(StaffServiceTest, DisabledMemberCannotSignInAndLosesSessions) {
  auto admin = enrolled("ada@carrier.example", {"admin"});
  auto member = enrolled("uma@carrier.example", {"reviewer"});
  auto session = service_->sign_in("uma@carrier.example", "staff long passphrase", code_now(member), meta_);
  ASSERT_TRUE(session);
  clock_.advance_ms(30'000);
  ASSERT_TRUE(service_->set_status(member.staff.id, "disabled", {admin.staff.id, meta_}));
  auto resolved = sessions_->resolve(session->session.token);
  ASSERT_TRUE(resolved);
  EXPECT_FALSE(resolved->has_value());
  auto refused = service_->sign_in("uma@carrier.example", "staff long passphrase", code_now(member), meta_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "auth.account_disabled");
  auto access = service_->active_access(member.staff.id);
  ASSERT_TRUE(access);
  EXPECT_FALSE(access->has_value());
}

TEST_P(StaffServiceTest, ActiveAccessCarriesRolesAndTheChosenLanguage) {
  auto member = enrolled("lin@carrier.example", {"supervisor", "reviewer"});
  auto access = service_->active_access(member.staff.id);
  ASSERT_TRUE(access && access->has_value());
  EXPECT_EQ((*access)->roles, (std::vector<std::string>{"reviewer", "supervisor"}));
  EXPECT_EQ((*access)->locale, "en");
  ASSERT_TRUE(service_->set_locale(member.staff.id, "zh-CN"));
  access = service_->active_access(member.staff.id);
  ASSERT_TRUE(access && access->has_value());
  EXPECT_EQ((*access)->locale, "zh-CN");
  auto unknown = service_->active_access("stf_unknown");
  ASSERT_TRUE(unknown);
  EXPECT_FALSE(unknown->has_value());
}

TEST_P(StaffServiceTest, AdminsCannotLockThemselvesOut) {
  auto admin = enrolled("ann@carrier.example", {"admin"});
  auto disable_self = service_->set_status(admin.staff.id, "disabled", {admin.staff.id, meta_});
  ASSERT_FALSE(disable_self);
  EXPECT_EQ(disable_self.error().code, "staff.self_lockout");
  auto demote_self = service_->set_roles(admin.staff.id, {"reviewer"}, {admin.staff.id, meta_});
  ASSERT_FALSE(demote_self);
  EXPECT_EQ(demote_self.error().code, "staff.self_lockout");
  auto keep_admin = service_->set_roles(admin.staff.id, {"admin", "reviewer"}, {admin.staff.id, meta_});
  ASSERT_TRUE(keep_admin);
  EXPECT_EQ(keep_admin->roles, (std::vector<std::string>{"admin", "reviewer"}));
}

TEST_P(StaffServiceTest, DuplicateEmailIsAConflict) {
  ASSERT_TRUE(service_->add("vic@carrier.example", {"reviewer"}, std::nullopt, {"", meta_}));
  auto again = service_->add("VIC@carrier.example", {"support"}, std::nullopt, {"", meta_});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "staff.email_taken");
}

INSTANTIATE_TEST_SUITE_P(Engines, StaffServiceTest, ::testing::Values(Engine::sqlite, Engine::postgres),
                         [](const auto& info) { return db::testing::engine_name(info.param); });

}  // namespace
}  // namespace simreg::staff

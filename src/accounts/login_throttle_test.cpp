// LoginThrottle against real SQLite and PostgreSQL.
#include "accounts/login_throttle.hpp"

#include <gtest/gtest.h>

#include "db/testing/migrated_database_test.hpp"

namespace simreg::accounts {
namespace {

using db::testing::Engine;

class LoginThrottleTest : public db::testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (database_unavailable()) return;
  }
  ManualClock clock_{1'700'000'000'000};
};

TEST_P(LoginThrottleTest, BlocksAfterFreeFailuresAndReportsRetryAfter) {
  ThrottlePolicy account;
  account.free_failures = 2;
  account.base_delay_ms = 4000;
  ThrottlePolicy address;
  address.free_failures = 100;
  LoginThrottle throttle(*test_db_->db, clock_, account, address);
  const ThrottleKeys keys{"subscriber:abc", "address:def"};
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(test_db_->db->transaction([&](db::Session& tx) { return throttle.record_failure(tx, keys); }));
  }
  auto wait = throttle.retry_after_seconds(keys);
  ASSERT_TRUE(wait);
  ASSERT_TRUE(wait->has_value());
  EXPECT_EQ(**wait, 4);
  clock_.advance_ms(4000);
  wait = throttle.retry_after_seconds(keys);
  ASSERT_TRUE(wait);
  EXPECT_FALSE(wait->has_value());
  // Another account from the same address is not blocked.
  wait = throttle.retry_after_seconds({"subscriber:other", "address:def"});
  ASSERT_TRUE(wait);
  EXPECT_FALSE(wait->has_value());
}

INSTANTIATE_TEST_SUITE_P(Engines, LoginThrottleTest, ::testing::Values(Engine::sqlite, Engine::postgres),
                         [](const auto& info) { return db::testing::engine_name(info.param); });

}  // namespace
}  // namespace simreg::accounts

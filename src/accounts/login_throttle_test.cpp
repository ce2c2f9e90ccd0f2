// LoginThrottle against real SQLite and PostgreSQL.
#include "accounts/login_throttle.hpp"

#include <gtest/gtest.h>

#include "db/migrator.hpp"
#include "db/testing/test_databases.hpp"

namespace simreg::accounts {
namespace {

using db::testing::Engine;

class LoginThrottleTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    auto created = db::testing::create_test_database(GetParam());
    if (!created && created.error().code == "test.no_postgres") GTEST_SKIP() << "SIMREG_TEST_PG_URL not set";
    ASSERT_TRUE(created) << created.error().detail;
    test_db_ = std::move(*created);
    ASSERT_TRUE(db::migrate(*test_db_->db, db::bundled_migrations()));
  }
  std::unique_ptr<db::testing::TestDatabase> test_db_;
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

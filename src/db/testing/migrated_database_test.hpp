// GoogleTest base for storage tests that run on both engines: each test gets a fresh database with
// every bundled migration applied, and is skipped (not failed) when PostgreSQL is asked for but
// SIMREG_TEST_PG_URL is unset. Subclasses call MigratedDatabaseTest::SetUp() first, then return
// early when database_unavailable().
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "db/migrator.hpp"
#include "db/testing/test_databases.hpp"

namespace simreg::db::testing {

class MigratedDatabaseTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    auto created = create_test_database(GetParam());
    if (!created && created.error().code == "test.no_postgres")
      GTEST_SKIP() << "SIMREG_TEST_PG_URL not set";
    ASSERT_TRUE(created) << created.error().detail;
    test_db_ = std::move(*created);
    ASSERT_TRUE(migrate(*test_db_->db, bundled_migrations()));
  }

  // GTEST_SKIP and ASSERT only leave the base's SetUp, so the subclass asks before going on.
  bool database_unavailable() const { return IsSkipped() || HasFatalFailure(); }

  Database& db() { return *test_db_->db; }

  // Declared in the base so it is destroyed after every service a subclass built on it.
  std::unique_ptr<TestDatabase> test_db_;
};

}  // namespace simreg::db::testing

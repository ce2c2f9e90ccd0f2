#include "db/migrator.hpp"

#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "db/testing/test_databases.hpp"

namespace simreg::db {
namespace {

using testing::Engine;

const Migration kV1{1, "create_things", "CREATE TABLE things (id TEXT PRIMARY KEY, sealed {{BLOB}});"};
const Migration kV2{2, "seed_things", "INSERT INTO things (id) VALUES ('seed');"};
const Migration kV3{3, "create_more",
                    "CREATE TABLE more (id TEXT PRIMARY KEY, at BIGINT NOT NULL);\n"
                    "CREATE INDEX more_by_at ON more (at);"};

struct SqlForCase {
  const char* name;
  const char* sql;
  Dialect dialect;
  const char* expected;
};

class MigrationSqlTest : public ::testing::TestWithParam<SqlForCase> {};

TEST_P(MigrationSqlTest, SubstitutesBlobToken) {
  EXPECT_EQ(migration_sql_for(GetParam().sql, GetParam().dialect), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, MigrationSqlTest,
    ::testing::Values(SqlForCase{"sqlite", "a {{BLOB}}, b {{BLOB}} NOT NULL", Dialect::sqlite, "a BLOB, b BLOB NOT NULL"},
                      SqlForCase{"postgres", "a {{BLOB}}, b {{BLOB}}", Dialect::postgres, "a BYTEA, b BYTEA"},
                      SqlForCase{"no_token", "CREATE TABLE t (x TEXT)", Dialect::postgres, "CREATE TABLE t (x TEXT)"},
                      SqlForCase{"other_braces", "{{TEXT}} {BLOB}", Dialect::sqlite, "{{TEXT}} {BLOB}"},
                      SqlForCase{"empty", "", Dialect::sqlite, ""}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(MigrationChecksumTest, DetectsEditsButNotLineEndings) {
  const std::string base = migration_checksum("CREATE TABLE t (x TEXT);\nCREATE INDEX i ON t (x);\n");
  EXPECT_EQ(base, migration_checksum("CREATE TABLE t (x TEXT);\r\nCREATE INDEX i ON t (x);\r\n"));
  EXPECT_NE(base, migration_checksum("CREATE TABLE t (x TEXT);\nCREATE INDEX i ON t (x) ;\n"));
  EXPECT_EQ(base.rfind("fnv1a64:", 0), 0U);
  EXPECT_EQ(base.size(), 8U + 16U);
}

TEST(BundledMigrationsTest, AreWellFormed) {
  const auto migrations = bundled_migrations();
  std::set<int> versions;
  for (const auto& migration : migrations) {
    SCOPED_TRACE(migration.version);
    EXPECT_GT(migration.version, 0);
    EXPECT_TRUE(versions.insert(migration.version).second) << "duplicate version";
    EXPECT_FALSE(migration.name.empty());
    EXPECT_EQ(migration.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_"), std::string::npos);
    EXPECT_FALSE(migration.sql.empty());
  }
}

class MigratorTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    auto created = testing::create_test_database(GetParam());
    if (!created && created.error().code == "test.no_postgres") GTEST_SKIP() << "SIMREG_TEST_PG_URL not set";
    ASSERT_TRUE(created) << created.error().detail;
    test_db_ = std::move(*created);
  }

  Database& db() { return *test_db_->db; }

  std::int64_t applied_rows() {
    auto rows = db().execute("SELECT COUNT(*) FROM schema_migrations");
    EXPECT_TRUE(rows);
    return rows ? rows->first().integer(0) : -1;
  }

  std::unique_ptr<testing::TestDatabase> test_db_;
};

TEST_P(MigratorTest, AppliesOnceAndIsIdempotent) {
  auto first = migrate(db(), {kV1, kV2});
  ASSERT_TRUE(first) << first.error().code;
  EXPECT_EQ(first->current, 2);
  EXPECT_EQ(first->latest, 2);
  EXPECT_TRUE(first->up_to_date());
  auto again = migrate(db(), {kV2, kV1});  // order of the list does not matter
  ASSERT_TRUE(again) << again.error().code;
  EXPECT_TRUE(again->up_to_date());
  EXPECT_EQ(applied_rows(), 2);

  // The seed ran exactly once, and {{BLOB}} became a binary column.
  ASSERT_TRUE(db().execute("UPDATE things SET sealed = $1", {Bytes{std::string("\0\xff", 2)}}));
  auto rows = db().execute("SELECT sealed FROM things");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->rows.size(), 1U);
  EXPECT_EQ(rows->first().at(0), Value(Bytes{std::string("\0\xff", 2)}));

  auto recorded = db().execute("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version");
  ASSERT_TRUE(recorded);
  EXPECT_EQ(recorded->rows[0].integer(0), 1);
  EXPECT_EQ(recorded->rows[0].text(1), "create_things");
  EXPECT_EQ(recorded->rows[0].text(2), migration_checksum(kV1.sql));
  EXPECT_GT(recorded->rows[1].integer(3), 1'600'000'000'000);
}

TEST_P(MigratorTest, ReportsStatusWithoutChangingAnything) {
  auto empty = migration_status(db(), {kV1, kV2});
  ASSERT_TRUE(empty) << empty.error().code;
  EXPECT_EQ(empty->current, 0);
  EXPECT_EQ(empty->latest, 2);
  EXPECT_FALSE(empty->up_to_date());
  EXPECT_FALSE(db().execute("SELECT COUNT(*) FROM schema_migrations"));  // status created nothing

  ASSERT_TRUE(migrate(db(), {kV1}));
  auto partial = migration_status(db(), {kV1, kV2});
  ASSERT_TRUE(partial);
  EXPECT_EQ(partial->current, 1);
  EXPECT_EQ(partial->latest, 2);

  auto none = migration_status(db(), {});
  ASSERT_FALSE(none);  // the database has V001, which an empty list does not know
  EXPECT_EQ(none.error().code, "db.migration_unknown");
}

TEST_P(MigratorTest, DetectsAnEditedMigration) {
  ASSERT_TRUE(migrate(db(), {kV1, kV2}));
  Migration edited = kV2;
  edited.sql = "INSERT INTO things (id) VALUES ('other');";
  for (auto result : {migrate(db(), {kV1, edited}), migration_status(db(), {kV1, edited})}) {
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, ErrorKind::internal);
    EXPECT_EQ(result.error().code, "db.migration_checksum");
  }
  auto rows = db().execute("SELECT COUNT(*) FROM things");
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->first().integer(0), 1);

  Migration crlf = kV3;
  ASSERT_TRUE(migrate(db(), {kV1, kV2, kV3}));
  crlf.sql = "CREATE TABLE more (id TEXT PRIMARY KEY, at BIGINT NOT NULL);\r\nCREATE INDEX more_by_at ON more (at);";
  EXPECT_TRUE(migrate(db(), {kV1, kV2, crlf}));
}

TEST_P(MigratorTest, RefusesADatabaseNewerThanTheCode) {
  ASSERT_TRUE(migrate(db(), {kV1, kV2}));
  auto older = migrate(db(), {kV1});
  ASSERT_FALSE(older);
  EXPECT_EQ(older.error().code, "db.migration_unknown");
}

TEST_P(MigratorTest, FailedMigrationLeavesNothingBehind) {
  const Migration broken{2, "half_done", "CREATE TABLE half (x INTEGER);\nCREATE TABLE broken (;"};
  auto result = migrate(db(), {kV1, broken, kV3});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "db.migration_failed");
  EXPECT_NE(result.error().detail.find("V002"), std::string::npos);
  EXPECT_FALSE(db().execute("SELECT COUNT(*) FROM half"));  // the first statement was rolled back too
  EXPECT_FALSE(db().execute("SELECT COUNT(*) FROM more"));  // later migrations did not run
  auto status = migration_status(db(), {kV1, broken, kV3});
  ASSERT_TRUE(status);
  EXPECT_EQ(status->current, 1);

  const Migration fixed{2, "half_done", "CREATE TABLE half (x INTEGER);"};
  auto retried = migrate(db(), {kV1, fixed, kV3});
  ASSERT_TRUE(retried) << retried.error().code;
  EXPECT_EQ(retried->current, 3);
}

TEST_P(MigratorTest, AppliesAMigrationOlderThanTheNewestApplied) {
  ASSERT_TRUE(migrate(db(), {kV1, kV3}));
  auto status = migration_status(db(), {kV1, kV2, kV3});
  ASSERT_TRUE(status);
  EXPECT_EQ(status->current, 1);  // V002 missing, so not up to date even though V003 is applied
  EXPECT_FALSE(status->up_to_date());
  auto merged = migrate(db(), {kV1, kV2, kV3});
  ASSERT_TRUE(merged);
  EXPECT_EQ(merged->current, 3);
  EXPECT_EQ(applied_rows(), 3);
}

TEST_P(MigratorTest, RejectsInvalidLists) {
  for (const auto& list : {std::vector<Migration>{kV1, Migration{1, "again", "SELECT 1"}},
                           std::vector<Migration>{Migration{0, "zero", "SELECT 1"}},
                           std::vector<Migration>{Migration{4, "", "SELECT 1"}}}) {
    auto result = migrate(db(), list);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, "db.migration_invalid");
  }
}

TEST_P(MigratorTest, ConcurrentMigratorsApplyEachMigrationOnce) {
  constexpr int kMigrators = 4;
  std::vector<std::unique_ptr<Database>> handles;
  for (int i = 0; i < kMigrators; ++i) {
    auto opened = open_database(test_db_->url, {.pool_size = 2});
    ASSERT_TRUE(opened);
    handles.push_back(std::move(*opened));
  }
  std::vector<std::string> outcomes(kMigrators);
  std::vector<std::thread> threads;
  for (int i = 0; i < kMigrators; ++i) {
    threads.emplace_back([&, i] {
      auto result = migrate(*handles[i], {kV1, kV2, kV3});
      outcomes[i] = result ? "ok" : result.error().code;
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& outcome : outcomes) EXPECT_EQ(outcome, "ok");
  EXPECT_EQ(applied_rows(), 3);
  auto seeded = db().execute("SELECT COUNT(*) FROM things");
  ASSERT_TRUE(seeded);
  EXPECT_EQ(seeded->first().integer(0), 1);
}

TEST_P(MigratorTest, BundledMigrationsApply) {
  const auto bundled = bundled_migrations();
  auto result = migrate(db(), bundled);
  ASSERT_TRUE(result) << result.error().code << ": " << result.error().detail;
  EXPECT_TRUE(result->up_to_date());
  EXPECT_EQ(applied_rows(), static_cast<std::int64_t>(bundled.size()));
  EXPECT_TRUE(migrate(db(), bundled));
}

INSTANTIATE_TEST_SUITE_P(Engines, MigratorTest, ::testing::Values(Engine::sqlite, Engine::postgres),
                         testing::EngineParamName());

}  // namespace
}  // namespace simreg::db

// Row accessors, URL parsing and SQLite file creation (no engine-specific behaviour: see engines_test).
#include "db/database.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <limits>

#include <gtest/gtest.h>

#include "db/database_url.hpp"
#include "db/testing/test_databases.hpp"

namespace simreg::db {
namespace {

struct RowCase {
  const char* name;
  Value value;
  bool is_null;
  std::int64_t integer;
  double real;
  std::string text;
  std::string bytes;
};

class RowAccessorTest : public ::testing::TestWithParam<RowCase> {};

TEST_P(RowAccessorTest, ConvertsBetweenAlternatives) {
  const RowCase& c = GetParam();
  const Row row({c.value});
  EXPECT_EQ(row.size(), 1U);
  EXPECT_EQ(row.is_null(0), c.is_null);
  EXPECT_EQ(row.integer(0), c.integer);
  EXPECT_DOUBLE_EQ(row.real(0), c.real);
  EXPECT_EQ(row.text(0), c.text);
  EXPECT_EQ(row.bytes(0), c.bytes);
  EXPECT_EQ(row.opt_integer(0), c.is_null ? std::nullopt : std::optional<std::int64_t>(c.integer));
  EXPECT_EQ(row.opt_text(0), c.is_null ? std::nullopt : std::optional<std::string>(c.text));
  EXPECT_EQ(row.at(0), c.value);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RowAccessorTest,
    ::testing::Values(
        RowCase{"null", Null{}, true, 0, 0.0, "", ""},
        RowCase{"integer", std::int64_t{-42}, false, -42, -42.0, "-42", ""},
        RowCase{"integer_max", std::numeric_limits<std::int64_t>::max(), false,
                std::numeric_limits<std::int64_t>::max(), 9.2233720368547758e18, "9223372036854775807", ""},
        RowCase{"real", 2.75, false, 2, 2.75, "2.75", ""},
        RowCase{"real_from_sum", 1700000000000.0, false, 1700000000000, 1700000000000.0, "1700000000000", ""},
        RowCase{"real_too_large", 1e300, false, std::numeric_limits<std::int64_t>::max(), 1e300, "1e+300", ""},
        RowCase{"numeric_text", std::string("123"), false, 123, 123.0, "123", "123"},
        RowCase{"plain_text", std::string("Zoë"), false, 0, 0.0, "Zoë", "Zoë"},
        RowCase{"bytes", Bytes{std::string("\0\xff", 2)}, false, 0, 0.0, std::string("\0\xff", 2),
                std::string("\0\xff", 2)}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(RowTest, OutOfRangeIndexThrows) {
  const Row row({std::int64_t{1}});
  EXPECT_THROW((void)row.integer(1), std::out_of_range);
}

struct UrlCase {
  const char* name;
  const char* input;
  Dialect dialect;
  const char* target;
};

class DatabaseUrlTest : public ::testing::TestWithParam<UrlCase> {};

TEST_P(DatabaseUrlTest, Parses) {
  const auto location = parse_database_url(GetParam().input);
  EXPECT_EQ(location.dialect, GetParam().dialect);
  EXPECT_EQ(location.target, GetParam().target);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DatabaseUrlTest,
    ::testing::Values(
        UrlCase{"postgresql", "postgresql://u@h:5432/db?sslmode=require", Dialect::postgres,
                "postgresql://u@h:5432/db?sslmode=require"},
        UrlCase{"postgres_alias", "postgres://h/db", Dialect::postgres, "postgres://h/db"},
        UrlCase{"bare_absolute", "/var/lib/simreg/simreg.db", Dialect::sqlite, "/var/lib/simreg/simreg.db"},
        UrlCase{"bare_relative", "data/simreg.db", Dialect::sqlite, "data/simreg.db"},
        UrlCase{"sqlite_absolute", "sqlite:///var/lib/simreg.db", Dialect::sqlite, "/var/lib/simreg.db"},
        UrlCase{"sqlite_relative", "sqlite:data/simreg.db", Dialect::sqlite, "data/simreg.db"},
        UrlCase{"sqlite_empty_authority", "sqlite://data/simreg.db", Dialect::sqlite, "data/simreg.db"},
        UrlCase{"memory", ":memory:", Dialect::sqlite, ":memory:"}),
    [](const auto& info) { return std::string(info.param.name); });

struct ReplaceCase {
  const char* name;
  const char* url;
  const char* expected;
};

class ReplaceDatabaseTest : public ::testing::TestWithParam<ReplaceCase> {};

TEST_P(ReplaceDatabaseTest, Replaces) {
  EXPECT_EQ(testing::replace_database_in_url(GetParam().url, "t1"), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ReplaceDatabaseTest,
    ::testing::Values(
        ReplaceCase{"with_path", "postgresql://postgres@127.0.0.1:5432/postgres", "postgresql://postgres@127.0.0.1:5432/t1"},
        ReplaceCase{"with_query", "postgresql://h/postgres?sslmode=disable", "postgresql://h/t1?sslmode=disable"},
        ReplaceCase{"without_path", "postgresql://h:1", "postgresql://h:1/t1"},
        ReplaceCase{"query_only", "postgresql://h?x=1", "postgresql://h/t1?x=1"}),
    [](const auto& info) { return std::string(info.param.name); });

class SqliteFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "simreg-file-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

mode_t mode_of(const std::filesystem::path& path) {
  struct stat info {};
  EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
  return info.st_mode & 0777;
}

TEST_F(SqliteFileTest, CreatesPrivateParentDirectoriesAndFile) {
  const auto file = dir_ / "a" / "b" / "simreg.db";
  auto db = open_database("sqlite://" + file.string());
  ASSERT_TRUE(db) << db.error().code;
  ASSERT_TRUE((*db)->execute("CREATE TABLE t (x INTEGER)"));
  EXPECT_EQ(mode_of(dir_ / "a"), 0700U);
  EXPECT_EQ(mode_of(dir_ / "a" / "b"), 0700U);
  EXPECT_EQ(mode_of(file), 0600U);
  EXPECT_EQ(mode_of(file.string() + "-wal"), 0600U);
}

TEST_F(SqliteFileTest, UnusableLocationFailsAtOpen) {
  // A regular file where a directory should be: fails even for root.
  std::FILE* plain = std::fopen((dir_ / "plain").c_str(), "w");
  ASSERT_NE(plain, nullptr);
  std::fclose(plain);
  auto db = open_database((dir_ / "plain" / "sub" / "x.db").string());
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().kind, ErrorKind::unavailable);
  EXPECT_EQ(db.error().code, "db.unavailable");
}

TEST_F(SqliteFileTest, MemoryDatabaseUsesOneConnection) {
  auto db = open_database(":memory:", {.pool_size = 4});
  ASSERT_TRUE(db);
  EXPECT_EQ((*db)->pool_stats().size, 1);
  ASSERT_TRUE((*db)->execute("CREATE TABLE t (x INTEGER)"));
  ASSERT_TRUE((*db)->execute("INSERT INTO t VALUES ($1)", {std::int64_t{5}}));
  auto rows = (*db)->execute("SELECT x FROM t");
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->first().integer(0), 5);
}

}  // namespace
}  // namespace simreg::db

// The Database contract, run against real SQLite and real PostgreSQL (SIMREG_TEST_PG_URL; skipped
// when unset). Start one with: scripts/pg-test-server.sh start /tmp/pgtest-db
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "db/database.hpp"
#include "db/migrator.hpp"
#include "db/testing/test_databases.hpp"

namespace simreg::db {
namespace {

using testing::Engine;

constexpr const char* kSchema =
    "CREATE TABLE items (id TEXT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, s TEXT, b {{BLOB}}, u TEXT UNIQUE);"
    "CREATE TABLE counters (id TEXT PRIMARY KEY, n BIGINT NOT NULL);"
    "CREATE TABLE parents (id TEXT PRIMARY KEY);"
    "CREATE TABLE children (id TEXT PRIMARY KEY, parent_id TEXT NOT NULL REFERENCES parents (id));";

Error test_failure(const char* code) { return Error::make(ErrorKind::invalid_input, code, "test"); }

class EngineTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override { open_fresh({}); }

  void open_fresh(const DatabaseOptions& options) {
    test_db_.reset();
    auto created = testing::create_test_database(GetParam(), options);
    if (!created && created.error().code == "test.no_postgres") GTEST_SKIP() << "SIMREG_TEST_PG_URL not set";
    ASSERT_TRUE(created) << created.error().detail;
    test_db_ = std::move(*created);
    ASSERT_TRUE(db().transaction(
        [](Session& tx) { return tx.execute_script(migration_sql_for(kSchema, tx.dialect())); }));
  }

  Database& db() { return *test_db_->db; }

  std::int64_t count(const std::string& table) {
    auto rows = db().execute("SELECT COUNT(*) FROM " + table);
    EXPECT_TRUE(rows);
    return rows ? rows->first().integer(0) : -1;
  }

  std::unique_ptr<testing::TestDatabase> test_db_;
};

std::string all_bytes() {
  std::string out;
  for (int b = 0; b < 256; ++b) out.push_back(static_cast<char>(b));
  return out;
}

struct RoundTripCase {
  const char* name;
  Value i, r, s, b;
};

const RoundTripCase kRoundTrips[] = {
    {"typical", std::int64_t{1'700'000'000'123}, 0.1, std::string("Zoë ✓"), Bytes{std::string("\0\xff\0abc\xff", 7)}},
    {"extremes", std::numeric_limits<std::int64_t>::min(), -1e300, std::string(), Bytes{all_bytes()}},
    {"max", std::numeric_limits<std::int64_t>::max(), 2.2250738585072014e-308, std::string(5000, 'x'), Bytes{}},
    {"zeroes", std::int64_t{0}, 0.0, std::string("0"), Bytes{std::string(1, '\0')}},
    {"nulls", Null{}, Null{}, Null{}, Null{}},
};

TEST_P(EngineTest, RoundTripsEveryValueType) {
  for (const auto& c : kRoundTrips) {
    SCOPED_TRACE(c.name);
    auto inserted = db().execute("INSERT INTO items (id, i, r, s, b) VALUES ($1, $2, $3, $4, $5)",
                                 {std::string(c.name), c.i, c.r, c.s, c.b});
    ASSERT_TRUE(inserted) << inserted.error().code;
    EXPECT_EQ(inserted->rows_affected, 1);
    auto rows = db().execute("SELECT i, r, s, b FROM items WHERE id = $1", {std::string(c.name)});
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->rows.size(), 1U);
    EXPECT_EQ(rows->columns, (std::vector<std::string>{"i", "r", "s", "b"}));
    const Row& row = rows->first();
    EXPECT_EQ(row.at(0), c.i);
    EXPECT_EQ(row.at(1), c.r);
    EXPECT_EQ(row.at(2), c.s);
    EXPECT_EQ(row.at(3), c.b);
  }
}

TEST_P(EngineTest, NullsReadAsAbsent) {
  ASSERT_TRUE(db().execute("INSERT INTO items (id) VALUES ($1)", {std::string("n")}));
  auto rows = db().execute("SELECT i, s, b FROM items WHERE id = $1", {std::string("n")});
  ASSERT_TRUE(rows);
  const Row& row = rows->first();
  for (std::size_t c = 0; c < 3; ++c) EXPECT_TRUE(row.is_null(c));
  EXPECT_EQ(row.opt_integer(0), std::nullopt);
  EXPECT_EQ(row.opt_text(1), std::nullopt);
  EXPECT_EQ(row.integer(0), 0);
  EXPECT_EQ(row.bytes(2), "");
  auto none = db().execute("SELECT i FROM items WHERE id = $1", {std::string("missing")});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(EngineTest, ParametersCanRepeatAndComeOutOfOrder) {
  ASSERT_TRUE(db().execute("INSERT INTO items (id, s, u, i) VALUES ($2, $1, $1, $3)",
                           {std::string("same"), std::string("id-1"), std::int64_t{7}}));
  auto rows = db().execute("SELECT id, s, u, i FROM items WHERE s = $2 AND u = $2 AND i = $1",
                           {std::int64_t{7}, std::string("same")});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->rows.size(), 1U);
  EXPECT_EQ(rows->first().text(0), "id-1");
  EXPECT_EQ(rows->first().text(1), "same");
  EXPECT_EQ(rows->first().text(2), "same");
  EXPECT_EQ(rows->first().integer(3), 7);
}

TEST_P(EngineTest, DollarInsideLiteralsIsNotAParameter) {
  ASSERT_TRUE(db().execute("INSERT INTO items (id, s) VALUES ($1, 'costs $2 or ''$3''')", {std::string("lit")}));
  auto rows = db().execute("SELECT s, '$1' FROM items WHERE id = $1", {std::string("lit")});
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->first().text(0), "costs $2 or '$3'");
  EXPECT_EQ(rows->first().text(1), "$1");
}

TEST_P(EngineTest, ReportsRowsAffected) {
  for (const char* id : {"a", "b", "c"}) {
    ASSERT_TRUE(db().execute("INSERT INTO counters (id, n) VALUES ($1, 0)", {std::string(id)}));
  }
  auto updated = db().execute("UPDATE counters SET n = n + 1 WHERE id <> $1", {std::string("a")});
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->rows_affected, 2);
  auto selected = db().execute("SELECT id FROM counters ORDER BY id");
  ASSERT_TRUE(selected);
  EXPECT_EQ(selected->rows.size(), 3U);
  EXPECT_EQ(selected->rows_affected, 0);
  auto none = db().execute("DELETE FROM counters WHERE id = $1", {std::string("zzz")});
  ASSERT_TRUE(none);
  EXPECT_EQ(none->rows_affected, 0);
  auto deleted = db().execute("DELETE FROM counters");
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->rows_affected, 3);
}

TEST_P(EngineTest, TransactionCommits) {
  ASSERT_TRUE(db().transaction([](Session& tx) -> Result<void> {
    SIMREG_TRY(tx.execute("INSERT INTO counters (id, n) VALUES ($1, $2)", {std::string("x"), std::int64_t{1}}));
    SIMREG_TRY(tx.execute("INSERT INTO counters (id, n) VALUES ($1, $2)", {std::string("y"), std::int64_t{2}}));
    // The transaction sees its own writes.
    SIMREG_TRY_ASSIGN(auto rows, tx.execute("SELECT SUM(n) FROM counters"));
    if (rows.first().integer(0) != 3) return test_failure("test.sum");
    return success();
  }));
  EXPECT_EQ(count("counters"), 2);
}

TEST_P(EngineTest, BodyErrorRollsBackAndIsReturned) {
  auto result = db().transaction([](Session& tx) -> Result<void> {
    SIMREG_TRY(tx.execute("INSERT INTO counters (id, n) VALUES ($1, 1)", {std::string("x")}));
    return test_failure("test.abort");
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "test.abort");
  EXPECT_EQ(count("counters"), 0);
  // The connection went back clean: the next transaction works.
  ASSERT_TRUE(db().transaction(
      [](Session& tx) { return tx.execute_script("INSERT INTO counters (id, n) VALUES ('z', 1)"); }));
  EXPECT_EQ(count("counters"), 1);
}

TEST_P(EngineTest, ThrowingBodyRollsBackAndFreesTheConnection) {
  open_fresh({.pool_size = 1, .acquire_timeout_ms = 1000});
  EXPECT_THROW((void)db().transaction([](Session& tx) -> Result<void> {
    SIMREG_TRY(tx.execute("INSERT INTO counters (id, n) VALUES ('thrown', 1)"));
    SIMREG_TRY_ASSIGN(auto rows, tx.execute("SELECT n FROM counters"));
    (void)rows.first().integer(5);  // no such column: throws std::out_of_range
    return success();
  }),
               std::out_of_range);
  EXPECT_EQ(count("counters"), 0);
  EXPECT_TRUE(db().transaction([](Session& tx) { return tx.execute_script("DELETE FROM counters"); }));
}

TEST_P(EngineTest, UniqueViolationIsAConflictWithoutValues) {
  const std::string personal = "alice@example.com";
  ASSERT_TRUE(db().execute("INSERT INTO items (id, u) VALUES ($1, $2)", {std::string("1"), personal}));
  auto duplicate = db().execute("INSERT INTO items (id, u) VALUES ($1, $2)", {std::string("2"), personal});
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().kind, ErrorKind::conflict);
  EXPECT_EQ(duplicate.error().code, "db.unique_violation");
  EXPECT_EQ(duplicate.error().detail.find(personal), std::string::npos);

  auto in_transaction = db().transaction([&](Session& tx) -> Result<void> {
    SIMREG_TRY(tx.execute("INSERT INTO items (id, u) VALUES ($1, $2)", {std::string("3"), std::string("other")}));
    SIMREG_TRY(tx.execute("INSERT INTO items (id, u) VALUES ($1, $2)", {std::string("1"), std::string("x")}));
    return success();
  });
  ASSERT_FALSE(in_transaction);
  EXPECT_EQ(in_transaction.error().code, "db.unique_violation");
  EXPECT_EQ(count("items"), 1);
}

TEST_P(EngineTest, OtherFailuresAreGenericInternalErrors) {
  const std::string personal = "+255 712 345 678";
  struct Case {
    const char* name;
    std::string sql;
    std::vector<Value> params;
  };
  const Case cases[] = {
      {"syntax", "SELEC nonsense", {}},
      {"missing_table", "SELECT x FROM nowhere WHERE y = $1", {personal}},
      {"foreign_key", "INSERT INTO children (id, parent_id) VALUES ($1, $2)", {std::string("c"), personal}},
      {"not_null", "INSERT INTO counters (id, n) VALUES ($1, $2)", {personal, Null{}}},
      {"too_few_params", "SELECT id FROM items WHERE id = $1 AND s = $2", {personal}},
      {"two_statements", "SELECT 1; SELECT 2", {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto result = db().execute(c.sql, c.params);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, ErrorKind::internal);
    EXPECT_EQ(result.error().code, "db.error");
    EXPECT_EQ(result.error().detail, "A storage error occurred.");
  }
  EXPECT_EQ(count("children"), 0);
}

// The debug log keeps the server's reason but never the values: neither the key of a duplicate
// (PostgreSQL's DETAIL) nor a value quoted by a data exception (class 22).
TEST_P(EngineTest, DebugLogNeverQuotesParameterValues) {
  const std::string personal = "+255712345678";
  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  auto capture = std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured));
  capture->set_level(spdlog::level::debug);
  spdlog::set_default_logger(capture);
  ASSERT_TRUE(db().execute("INSERT INTO items (id, u) VALUES ($1, $2)", {std::string("1"), personal}));
  auto duplicate = db().execute("INSERT INTO items (id, u) VALUES ($1, $2)", {std::string("2"), personal});
  auto type_error = db().execute("SELECT id FROM items WHERE i = CAST($1 AS BIGINT)", {personal + "x"});
  spdlog::set_default_logger(previous);
  EXPECT_FALSE(duplicate);
  EXPECT_FALSE(type_error && GetParam() == Engine::postgres);
  const std::string log = captured.str();
  EXPECT_NE(log.find("db.statement_failed"), std::string::npos);
  EXPECT_NE(log.find("items"), std::string::npos);  // the statement is there, for debugging
  EXPECT_EQ(log.find(personal), std::string::npos) << log;
}

TEST_P(EngineTest, ExecuteScriptRunsSeveralStatements) {
  ASSERT_TRUE(db().transaction([](Session& tx) {
    return tx.execute_script("INSERT INTO parents (id) VALUES ('p1'); INSERT INTO parents (id) VALUES ('p2');");
  }));
  EXPECT_EQ(count("parents"), 2);
}

TEST_P(EngineTest, PingAndPoolStats) {
  EXPECT_TRUE(db().ping());
  const PoolStats stats = db().pool_stats();
  EXPECT_EQ(stats.size, 8);
  EXPECT_EQ(stats.in_use, 0);
  ASSERT_TRUE(db().transaction([&](Session&) -> Result<void> {
    if (db().pool_stats().in_use != 1) return test_failure("test.in_use");
    return success();
  }));
}

TEST_P(EngineTest, ExhaustedPoolFailsAsUnavailable) {
  open_fresh({.pool_size = 1, .acquire_timeout_ms = 100});
  Result<QueryResult> inner = QueryResult{};
  ASSERT_TRUE(db().transaction([&](Session&) -> Result<void> {
    // The only connection is held by this transaction.
    inner = db().execute("SELECT 1");
    return success();
  }));
  ASSERT_FALSE(inner);
  EXPECT_EQ(inner.error().kind, ErrorKind::unavailable);
  EXPECT_EQ(inner.error().code, "db.pool_exhausted");
  EXPECT_TRUE(db().ping());  // released again
}

// Read-modify-write in serializable transactions: a lost update would leave the sum short. One hot
// row with 8 connections racing needs up to ~25 attempts on PostgreSQL (measured), hence the budget.
TEST_P(EngineTest, ConcurrentIncrementsLoseNothing) {
  constexpr int kThreads = 16;
  constexpr int kIncrements = 25;
  open_fresh({.pool_size = 8, .transaction_attempts = 100});
  ASSERT_TRUE(db().execute("INSERT INTO counters (id, n) VALUES ('rmw', 0), ('atomic', 0)"));
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        auto rmw = db().transaction(
            [](Session& tx) -> Result<void> {
              SIMREG_TRY_ASSIGN(auto rows, tx.execute("SELECT n FROM counters WHERE id = 'rmw'"));
              SIMREG_TRY(tx.execute("UPDATE counters SET n = $1 WHERE id = 'rmw'", {rows.first().integer(0) + 1}));
              return success();
            },
            /*serializable=*/true);
        auto atomic = db().transaction(
            [](Session& tx) { return tx.execute_script("UPDATE counters SET n = n + 1 WHERE id = 'atomic'"); });
        if (!rmw || !atomic) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  auto rows = db().execute("SELECT id, n FROM counters ORDER BY id");
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->rows[0].integer(1), kThreads * kIncrements);  // atomic
  EXPECT_EQ(rows->rows[1].integer(1), kThreads * kIncrements);  // rmw
}

TEST_P(EngineTest, BodyThatIgnoresAFailedStatement) {
  auto result = db().transaction([](Session& tx) -> Result<void> {
    SIMREG_TRY(tx.execute("INSERT INTO parents (id) VALUES ('kept?')"));
    (void)tx.execute("INSERT INTO nowhere VALUES (1)");
    return success();
  });
  if (GetParam() == Engine::postgres) {
    // PostgreSQL aborts the whole transaction on any error; COMMIT reports that instead of
    // pretending the earlier insert was saved.
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, "db.error");
    EXPECT_EQ(count("parents"), 0);
  } else {
    // SQLite only undoes the failed statement.
    ASSERT_TRUE(result);
    EXPECT_EQ(count("parents"), 1);
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, EngineTest, ::testing::Values(Engine::sqlite, Engine::postgres),
                         testing::EngineParamName());

class SqliteOnlyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = testing::create_test_database(Engine::sqlite);
    ASSERT_TRUE(created);
    test_db_ = std::move(*created);
  }
  std::unique_ptr<testing::TestDatabase> test_db_;
};

TEST_F(SqliteOnlyTest, EveryConnectionIsConfiguredForDurability) {
  // Hold several connections at once so the checks cover more than one pooled handle.
  constexpr int kConnections = 4;
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  std::vector<std::string> seen(kConnections);
  for (int t = 0; t < kConnections; ++t) {
    threads.emplace_back([&, t] {
      auto rows = test_db_->db->execute("SELECT * FROM pragma_journal_mode, pragma_synchronous, "
                                        "pragma_foreign_keys, pragma_busy_timeout");
      ++ready;
      while (ready.load() < kConnections) std::this_thread::yield();
      if (rows) {
        const Row& row = rows->first();
        seen[t] = row.text(0) + "/" + row.text(1) + "/" + row.text(2) + "/" + row.text(3);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& s : seen) EXPECT_EQ(s, "wal/2/1/5000");
}

// An acknowledged commit is on disk: the writer is SIGKILLed the instant commit returns.
TEST_F(SqliteOnlyTest, CommitSurvivesKill9) {
  const std::string url = test_db_->url;
  ASSERT_TRUE(test_db_->db->execute(
      migration_sql_for("CREATE TABLE survivors (id TEXT PRIMARY KEY, payload {{BLOB}})", Dialect::sqlite)));
  test_db_->db.reset();  // the child must not inherit open handles in use

  constexpr int kRows = 50;
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto db = open_database(url);
    if (!db) ::_exit(2);
    for (int i = 0; i < kRows; ++i) {
      auto committed = (*db)->transaction([&](Session& tx) -> Result<void> {
        SIMREG_TRY(tx.execute("INSERT INTO survivors (id, payload) VALUES ($1, $2)",
                              {std::to_string(i), Bytes{std::string(4096, static_cast<char>(i))}}));
        return success();
      });
      if (!committed) ::_exit(3);
    }
    ::raise(SIGKILL);
    ::_exit(4);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGKILL);

  auto reopened = open_database(url);
  ASSERT_TRUE(reopened);
  auto rows = (*reopened)->execute("SELECT COUNT(*), MIN(LENGTH(payload)) FROM survivors");
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->first().integer(0), kRows);
  EXPECT_EQ(rows->first().integer(1), 4096);
  auto check = (*reopened)->execute("PRAGMA integrity_check");
  ASSERT_TRUE(check);
  EXPECT_EQ(check->first().text(0), "ok");
}

// PostgreSQL only: a pooled connection the server has ended is replaced before its next use.
TEST(PostgresOnlyTest, ReconnectsAfterTheServerEndsAConnection) {
  auto created = testing::create_test_database(Engine::postgres, {.pool_size = 2});
  if (!created && created.error().code == "test.no_postgres") GTEST_SKIP() << "SIMREG_TEST_PG_URL not set";
  ASSERT_TRUE(created);
  auto& test_db = **created;
  ASSERT_TRUE(test_db.db->execute("SELECT 1"));

  auto admin = open_database(std::getenv("SIMREG_TEST_PG_URL"), {.pool_size = 1});
  ASSERT_TRUE(admin);
  auto killed = (*admin)->execute(
      "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      {test_db.cleanup_target});
  ASSERT_TRUE(killed);
  ASSERT_GE(killed->rows.size(), 1U);

  // Both the autocommit path and the transaction path get a working connection.
  auto rows = test_db.db->execute("SELECT 41 + 1");
  ASSERT_TRUE(rows) << rows.error().code;
  EXPECT_EQ(rows->first().integer(0), 42);
  EXPECT_TRUE(test_db.db->transaction([](Session& tx) { return tx.execute_script("SELECT 1"); }));
}

}  // namespace
}  // namespace simreg::db

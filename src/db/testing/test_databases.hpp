// Fresh, empty databases for storage tests on both engines. SQLite: a file in a new temporary
// directory. PostgreSQL: a new database created through the admin URL in SIMREG_TEST_PG_URL
// (start one with scripts/pg-test-server.sh). Dropped/removed by ~TestDatabase. Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "db/database.hpp"

namespace simreg::db::testing {

enum class Engine { sqlite, postgres };

std::string engine_name(Engine engine);  // "sqlite" / "postgres"

struct TestDatabase {
  std::unique_ptr<Database> db;
  std::string url;  // opens the same database again (SQLite: the file path)
  std::string cleanup_target;  // SQLite: the temporary directory; PostgreSQL: the database name
  Engine engine = Engine::sqlite;

  TestDatabase() = default;
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  ~TestDatabase();  // closes db, then removes the directory / drops the database
};

// Error code "test.no_postgres" when the engine is postgres and SIMREG_TEST_PG_URL is unset:
// callers GTEST_SKIP() on it.
Result<std::unique_ptr<TestDatabase>> create_test_database(Engine engine, const DatabaseOptions& options = {});

// Names parameterized tests after the engine:
//   INSTANTIATE_TEST_SUITE_P(Engines, MyTest,
//       ::testing::Values(Engine::sqlite, Engine::postgres), EngineParamName());
// → MyTest/Engines.Case/sqlite, .../postgres. Templated so this header needs no GoogleTest.
struct EngineParamName {
  template <class ParamInfo>
  std::string operator()(const ParamInfo& info) const {
    return engine_name(info.param);
  }
};

// The admin URL with its database replaced: postgresql://u@h:p/admin?x=y → postgresql://u@h:p/NAME?x=y.
std::string replace_database_in_url(const std::string& url, const std::string& database);

}  // namespace simreg::db::testing

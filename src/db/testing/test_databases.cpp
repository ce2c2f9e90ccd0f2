#include "db/testing/test_databases.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>

#include <fmt/format.h>
#include <libpq-fe.h>

namespace simreg::db::testing {
namespace {

constexpr const char* kAdminUrlVariable = "SIMREG_TEST_PG_URL";

Error setup_error(std::string detail) { return Error::make(ErrorKind::internal, "test.setup", std::move(detail)); }

// Runs one statement through the admin connection (CREATE/DROP DATABASE cannot be prepared or
// run inside a transaction, so this bypasses Database).
Result<void> admin_command(const std::string& admin_url, const std::string& sql) {
  PGconn* connection = PQconnectdb(admin_url.c_str());
  if (PQstatus(connection) != CONNECTION_OK) {
    std::string message = PQerrorMessage(connection);
    PQfinish(connection);
    return setup_error("cannot connect to " + std::string(kAdminUrlVariable) + ": " + message);
  }
  PGresult* result = PQexec(connection, sql.c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  std::string message = ok ? "" : PQerrorMessage(connection);
  PQclear(result);
  PQfinish(connection);
  if (!ok) return setup_error(sql + ": " + message);
  return success();
}

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return fmt::format("{}_{}_{:08x}", ::getpid(), counter.fetch_add(1), generator() & 0xffffffffU);
}

Result<std::unique_ptr<TestDatabase>> create_sqlite(const DatabaseOptions& options) {
  std::error_code ec;
  const auto temp = std::filesystem::temp_directory_path(ec);
  if (ec) return setup_error("no temporary directory");
  std::string pattern = (temp / "simreg-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) return setup_error("mkdtemp failed in " + temp.string());
  auto test_db = std::make_unique<TestDatabase>();
  test_db->engine = Engine::sqlite;
  test_db->cleanup_target = pattern;
  test_db->url = pattern + "/test.db";
  SIMREG_TRY_ASSIGN(test_db->db, open_database(test_db->url, options));
  return test_db;
}

Result<std::unique_ptr<TestDatabase>> create_postgres(const DatabaseOptions& options) {
  const char* admin_url = std::getenv(kAdminUrlVariable);
  if (admin_url == nullptr || *admin_url == '\0') {
    return Error::make(ErrorKind::unavailable, "test.no_postgres", std::string(kAdminUrlVariable) + " is not set");
  }
  auto test_db = std::make_unique<TestDatabase>();
  test_db->engine = Engine::postgres;
  const std::string name = "simreg_test_" + unique_suffix();
  SIMREG_TRY(admin_command(admin_url, "CREATE DATABASE " + name));
  // From here on the destructor drops the database, even if opening it fails.
  test_db->cleanup_target = name;
  test_db->url = replace_database_in_url(admin_url, name);
  SIMREG_TRY_ASSIGN(test_db->db, open_database(test_db->url, options));
  return test_db;
}

}  // namespace

std::string engine_name(Engine engine) { return engine == Engine::postgres ? "postgres" : "sqlite"; }

std::string replace_database_in_url(const std::string& url, const std::string& database) {
  const std::size_t scheme = url.find("://");
  const std::size_t authority = scheme == std::string::npos ? 0 : scheme + 3;
  const std::size_t path = url.find_first_of("/?", authority);
  std::string query;
  if (path != std::string::npos) {
    const std::size_t question = url.find('?', path);
    if (question != std::string::npos) query = url.substr(question);
  }
  return url.substr(0, path == std::string::npos ? url.size() : path) + "/" + database + query;
}

TestDatabase::~TestDatabase() {
  db.reset();  // close every pooled connection first, or DROP DATABASE would wait for them
  if (cleanup_target.empty()) return;
  if (engine == Engine::sqlite) {
    std::error_code ec;
    std::filesystem::remove_all(cleanup_target, ec);
    return;
  }
  const char* admin_url = std::getenv(kAdminUrlVariable);
  if (admin_url == nullptr) return;
  if (auto dropped = admin_command(admin_url, "DROP DATABASE IF EXISTS " + cleanup_target + " WITH (FORCE)"); !dropped) {
    fmt::print(stderr, "warning: {}\n", dropped.error().detail);
  }
}

Result<std::unique_ptr<TestDatabase>> create_test_database(Engine engine, const DatabaseOptions& options) {
  return engine == Engine::postgres ? create_postgres(options) : create_sqlite(options);
}

}  // namespace simreg::db::testing

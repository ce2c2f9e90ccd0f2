#include "db/sqlite/sqlite_connection.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <type_traits>

#include <fmt/format.h>
#include <sqlite3.h>

#include "db/sqlite/parameter_rewrite.hpp"
#include "db/storage_error.hpp"

namespace simreg::db {
namespace {

constexpr std::string_view kEngine = "sqlite";
constexpr int kBusyTimeoutMs = 5000;
// Feature SQL is a fixed set of literals; the bound only matters if someone builds SQL dynamically.
constexpr std::size_t kMaxCachedStatements = 256;

// The file holds sealed personal data and key material indexes: owner-only from the start. SQLite
// gives its -wal and -shm files the database file's mode.
Result<void> create_private_file(const std::string& path) {
  if (path == ":memory:" || path.starts_with("file:")) return success();
  namespace fs = std::filesystem;
  std::vector<fs::path> missing;
  std::error_code ec;
  for (fs::path dir = fs::path(path).parent_path(); !dir.empty() && !fs::exists(dir, ec);
       dir = dir.parent_path()) {
    missing.push_back(dir);
    if (dir == dir.parent_path()) break;
  }
  std::reverse(missing.begin(), missing.end());
  for (const auto& dir : missing) {
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
      log_failure(kEngine, "mkdir", std::strerror(errno), "");
      return unavailable_error();
    }
  }
  // Never open+close an existing database file: close() drops every POSIX lock this process holds
  // on it, including SQLite's own, which lets another process delete the live WAL.
  if (fs::exists(path, ec)) return success();
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST) return success();
  if (fd < 0) {
    log_failure(kEngine, "open", std::strerror(errno), "");
    return unavailable_error();
  }
  ::close(fd);
  return success();
}

// Process-wide settings, before SQLite initializes itself on the first open. Memory statistics
// would take a global mutex around every allocation SQLite makes, which the worker threads then
// fight over; simreg never reads them.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK) {
      // Someone initialized SQLite first; the default stays, which is only slower.
      log_failure(kEngine, "config", "SQLITE_CONFIG_MEMSTATUS left on (SQLite already running)",
                  "");
    }
  });
}

bool only_separators(const char* tail) {
  for (; *tail != '\0'; ++tail) {
    if (std::strchr(" \t\r\n;", *tail) == nullptr) return false;
  }
  return true;
}

// Resets the statement and drops its bindings (which point into the caller's parameters) on every
// exit path, so a cached statement never holds a dangling pointer or an open read transaction.
class StatementReset {
 public:
  explicit StatementReset(sqlite3_stmt* statement) : statement_(statement) {}
  ~StatementReset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  StatementReset(const StatementReset&) = delete;
  StatementReset& operator=(const StatementReset&) = delete;

 private:
  sqlite3_stmt* statement_;
};

int bind(sqlite3_stmt* statement, int index, const Value& value) {
  return std::visit(
      [&](const auto& v) -> int {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Null>) {
          return sqlite3_bind_null(statement, index);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return sqlite3_bind_int64(statement, index, v);
        } else if constexpr (std::is_same_v<T, double>) {
          return sqlite3_bind_double(statement, index, v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return sqlite3_bind_text64(statement, index, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
        } else {
          // data() is never null, so an empty Bytes binds a zero-length BLOB, not NULL.
          return sqlite3_bind_blob64(statement, index, v.data.data(), v.data.size(), SQLITE_STATIC);
        }
      },
      value);
}

Value column_value(sqlite3_stmt* statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
      return std::int64_t{sqlite3_column_int64(statement, column)};
    case SQLITE_FLOAT:
      return sqlite3_column_double(statement, column);
    case SQLITE_TEXT: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
      return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
    }
    case SQLITE_BLOB: {
      const auto* blob = static_cast<const char*>(sqlite3_column_blob(statement, column));
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement, column));
      return Bytes{size == 0 ? std::string() : std::string(blob, size)};
    }
    default:
      return Null{};
  }
}

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path) {
  if (path.empty()) {
    log_failure(kEngine, "open", "empty database path", "");
    return unavailable_error();
  }
  SIMREG_TRY(create_private_file(path));
  configure_sqlite_once();
  sqlite3* handle = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    log_failure(kEngine, sqlite3_errstr(rc), handle != nullptr ? sqlite3_errmsg(handle) : "", "");
    sqlite3_close_v2(handle);
    return unavailable_error();
  }
  sqlite3_extended_result_codes(handle, 1);
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(handle));
  // busy_timeout first: switching to WAL takes a lock another connection may hold.
  SIMREG_TRY(connection->execute_script(fmt::format("PRAGMA busy_timeout={}", kBusyTimeoutMs)));
  SIMREG_TRY_ASSIGN(auto mode, connection->execute("PRAGMA journal_mode=WAL", {}));
  const std::string journal = mode.empty() ? "" : mode.first().text(0);
  if (journal != "wal" && !(path == ":memory:" && journal == "memory")) {
    log_failure(kEngine, "journal_mode", "could not enable WAL, got: " + journal, "");
    return unavailable_error();
  }
  SIMREG_TRY(connection->execute_script("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"));
  return connection;
}

SqliteConnection::~SqliteConnection() {
  clear_cache();
  sqlite3_close_v2(handle_);
}

void SqliteConnection::clear_cache() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  statements_.clear();
}

bool SqliteConnection::in_autocommit() const { return sqlite3_get_autocommit(handle_) != 0; }

Error SqliteConnection::failure(int rc, std::string_view sql) {
  const int primary = rc & 0xff;
  last_failure_transient_ = primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
  // SQLite's messages name tables, columns and constraints, never bound values.
  log_failure(kEngine, fmt::format("{} ({})", sqlite3_errstr(rc), rc), sqlite3_errmsg(handle_), sql);
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) return unique_violation_error();
  if (last_failure_transient_) return busy_error();
  return storage_error();
}

Result<sqlite3_stmt*> SqliteConnection::prepare(std::string_view sql) {
  if (auto found = statements_.find(sql); found != statements_.end()) return found->second;
  if (statements_.size() >= kMaxCachedStatements) clear_cache();
  const std::string rewritten = rewrite_parameters_for_sqlite(sql);
  sqlite3_stmt* statement = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(handle_, rewritten.c_str(), static_cast<int>(rewritten.size() + 1),
                                    SQLITE_PREPARE_PERSISTENT, &statement, &tail);
  if (rc != SQLITE_OK) return failure(rc, sql);
  if (statement == nullptr || !only_separators(tail)) {
    sqlite3_finalize(statement);
    last_failure_transient_ = false;
    log_failure(kEngine, "usage", "execute() takes exactly one statement; use execute_script()", sql);
    return storage_error();
  }
  statements_.emplace(std::string(sql), statement);
  return statement;
}

Result<QueryResult> SqliteConnection::execute(std::string_view sql, const std::vector<Value>& params) {
  last_failure_transient_ = false;
  SIMREG_TRY_ASSIGN(sqlite3_stmt * statement, prepare(sql));
  StatementReset reset(statement);

  const int expected = sqlite3_bind_parameter_count(statement);
  if (static_cast<std::size_t>(expected) != params.size()) {
    log_failure(kEngine, "usage", fmt::format("statement takes {} parameters, got {}", expected, params.size()), sql);
    return storage_error();
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (const int rc = bind(statement, static_cast<int>(i + 1), params[i]); rc != SQLITE_OK) return failure(rc, sql);
  }

  QueryResult result;
  const int columns = sqlite3_column_count(statement);
  result.columns.reserve(static_cast<std::size_t>(columns));
  for (int c = 0; c < columns; ++c) result.columns.emplace_back(sqlite3_column_name(statement, c));

  const sqlite3_int64 changes_before = sqlite3_total_changes64(handle_);
  for (;;) {
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return failure(rc, sql);
    std::vector<Value> values;
    values.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) values.push_back(column_value(statement, c));
    result.rows.emplace_back(std::move(values));
  }
  // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE even across DDL and SELECTs;
  // only trust it when this statement changed something.
  if (sqlite3_total_changes64(handle_) != changes_before) result.rows_affected = sqlite3_changes64(handle_);
  return result;
}

Result<void> SqliteConnection::execute_script(std::string_view sql) {
  last_failure_transient_ = false;
  const std::string script(sql);
  const int rc = sqlite3_exec(handle_, script.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return failure(rc, sql);
  return success();
}

}  // namespace simreg::db

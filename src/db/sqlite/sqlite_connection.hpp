// SqliteConnection: one sqlite3 handle configured for durability (WAL, synchronous=FULL, foreign
// keys, busy timeout) with a per-connection prepared-statement cache. Not thread-safe: the pool
// lends it to one thread at a time. Failures are logged at debug and returned as storage errors.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "db/database.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace simreg::db {

class SqliteConnection {
 public:
  static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Result<QueryResult> execute(std::string_view sql, const std::vector<Value>& params);
  Result<void> execute_script(std::string_view sql);

  // True when the last failure was SQLITE_BUSY / SQLITE_LOCKED: the transaction may be retried.
  bool last_failure_transient() const { return last_failure_transient_; }
  // False while a transaction is open on this handle (including one SQLite left half-aborted).
  bool in_autocommit() const;

 private:
  explicit SqliteConnection(sqlite3* handle) : handle_(handle) {}
  Result<sqlite3_stmt*> prepare(std::string_view sql);
  Error failure(int rc, std::string_view sql);
  void clear_cache();

  // Heterogeneous look-up: finding a cached statement by the caller's string_view allocates
  // nothing.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const {
      return std::hash<std::string_view>{}(sql);
    }
  };

  sqlite3* handle_;
  // Keyed by the caller's SQL text.
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
  bool last_failure_transient_ = false;
};

}  // namespace simreg::db

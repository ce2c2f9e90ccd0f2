// Database: the one storage interface every feature uses. Two implementations, SQLite (embedded
// default) and PostgreSQL (libpq, pooled). SQL is written once, with PostgreSQL-style numbered
// parameters ($1, $2, ...); the SQLite side rewrites them. All calls block the calling thread, so
// they run on the worker pool, never on an I/O thread. Implementations are thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace simreg::db {

// Binary data (sealed fields, hashes): BLOB on SQLite, BYTEA on PostgreSQL.
struct Bytes {
  std::string data;
  bool operator==(const Bytes&) const = default;
};

using Null = std::monostate;
using Value = std::variant<Null, std::int64_t, double, std::string, Bytes>;

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  bool is_null(std::size_t i) const;
  std::int64_t integer(std::size_t i) const;           // 0 when NULL
  std::optional<std::int64_t> opt_integer(std::size_t i) const;
  double real(std::size_t i) const;
  std::string text(std::size_t i) const;               // "" when NULL
  std::optional<std::string> opt_text(std::size_t i) const;
  std::string bytes(std::size_t i) const;              // raw bytes of a BLOB/BYTEA ("" when NULL)
  const Value& at(std::size_t i) const { return values_.at(i); }

 private:
  std::vector<Value> values_;
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  std::int64_t rows_affected = 0;

  bool empty() const { return rows.empty(); }
  const Row& first() const { return rows.front(); }
};

enum class Dialect { sqlite, postgres };

// One connection, exclusively held: inside a transaction, or for a single statement.
class Session {
 public:
  virtual ~Session() = default;
  virtual Result<QueryResult> execute(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Several ;-separated statements without parameters (migrations).
  virtual Result<void> execute_script(std::string_view sql) = 0;
  virtual Dialect dialect() const = 0;
};

struct PoolStats {
  int size = 0;
  int in_use = 0;
};

class Database {
 public:
  virtual ~Database() = default;

  // One statement in autocommit mode on a pooled connection.
  virtual Result<QueryResult> execute(std::string_view sql, const std::vector<Value>& params = {}) = 0;

  // Runs `body` inside one transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: READ COMMITTED unless
  // `serializable`). Commits when body returns success, rolls back otherwise; the commit is
  // durable when this returns success. Retries the whole body a few times on SQLITE_BUSY and on
  // PostgreSQL serialization failures / deadlocks, so body must be free of outside side effects.
  virtual Result<void> transaction(const std::function<Result<void>(Session&)>& body,
                                   bool serializable = false) = 0;

  virtual Dialect dialect() const = 0;
  virtual Result<void> ping() = 0;
  virtual PoolStats pool_stats() const = 0;
};

struct DatabaseOptions {
  int pool_size = 8;
  int acquire_timeout_ms = 5000;
  // How many times transaction() runs the body when it meets lock contention (SQLITE_BUSY) or a
  // PostgreSQL serialization failure / deadlock; then it fails with db.busy (unavailable).
  int transaction_attempts = 10;
};

// "postgresql://..." or "postgres://..." opens PostgreSQL; anything else is a SQLite file path.
Result<std::unique_ptr<Database>> open_database(const std::string& url_or_path,
                                                const DatabaseOptions& options = {});

}  // namespace simreg::db

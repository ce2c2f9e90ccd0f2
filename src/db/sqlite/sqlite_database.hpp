// SqliteDatabase: the embedded engine. A pool of connections to one file, each in WAL mode with
// synchronous=FULL (an acknowledged commit survives kill -9 and power loss), foreign keys on and a
// 5 s busy timeout; cached prepared statements per connection. Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "db/connection_pool.hpp"
#include "db/database.hpp"

namespace simreg::db {

class SqliteConnection;

class SqliteDatabase final : public Database {
 public:
  // Creates the file (mode 0600) and its parent directory (0700) when missing. ":memory:" is a
  // private in-memory database, so its pool has one connection.
  static Result<std::unique_ptr<SqliteDatabase>> open(const std::string& path, const DatabaseOptions& options);
  ~SqliteDatabase() override;

  Result<QueryResult> execute(std::string_view sql, const std::vector<Value>& params = {}) override;
  Result<void> transaction(const std::function<Result<void>(Session&)>& body, bool serializable = false) override;
  Dialect dialect() const override { return Dialect::sqlite; }
  Result<void> ping() override;
  PoolStats pool_stats() const override { return pool_.stats(); }

 private:
  SqliteDatabase(std::string path, const DatabaseOptions& options, int pool_size);

  const std::string path_;
  const int transaction_attempts_;
  const std::chrono::milliseconds acquire_timeout_;
  // SQLite has one writer at a time. Queueing this process's writers here instead of in SQLite's
  // sleep-and-poll busy handler keeps latency flat under contention; other processes still meet
  // the busy timeout.
  std::timed_mutex writer_;
  ConnectionPool<SqliteConnection> pool_;
};

}  // namespace simreg::db

// PostgresDatabase: libpq behind a connection pool (acquire blocks up to acquire_timeout_ms, then
// db.pool_exhausted). Prepared statements per connection; a broken connection is reopened on its
// next use; transactions retry the body on serialization failures and deadlocks. Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "db/connection_pool.hpp"
#include "db/database.hpp"

namespace simreg::db {

class PostgresConnection;

class PostgresDatabase final : public Database {
 public:
  // Connects once up front so a wrong URL or an unreachable server fails at startup.
  static Result<std::unique_ptr<PostgresDatabase>> open(const std::string& url, const DatabaseOptions& options);
  ~PostgresDatabase() override;

  Result<QueryResult> execute(std::string_view sql, const std::vector<Value>& params = {}) override;
  Result<void> transaction(const std::function<Result<void>(Session&)>& body, bool serializable = false) override;
  Dialect dialect() const override { return Dialect::postgres; }
  Result<void> ping() override;
  PoolStats pool_stats() const override { return pool_.stats(); }

 private:
  PostgresDatabase(std::string url, const DatabaseOptions& options);
  using Lease = ConnectionPool<PostgresConnection>::Lease;
  Result<Lease> acquire();

  const std::string url_;
  const int transaction_attempts_;
  ConnectionPool<PostgresConnection> pool_;
};

}  // namespace simreg::db

// PostgresConnection: one libpq connection with its prepared statements (named by a hash of SQL and
// parameter types, prepared once per connection). A connection found broken or terminated by the
// server is reopened before its next use. Not thread-safe: the pool lends it to one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "db/database.hpp"

struct pg_conn;
struct pg_result;

namespace simreg::db {

class PostgresConnection {
 public:
  enum class TransactionState { idle, in_transaction, failed, unknown };

  static Result<std::unique_ptr<PostgresConnection>> open(const std::string& url);
  ~PostgresConnection();
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  // Reconnects when the connection broke or the server ended it while it sat idle in the pool.
  // Call when taking it from the pool, never inside a transaction (a fresh connection would run
  // the rest of the body outside it).
  Result<void> ensure_connected();

  Result<QueryResult> execute(std::string_view sql, const std::vector<Value>& params);
  // Simple-query protocol: several statements, no parameters.
  Result<void> execute_script(std::string_view sql);
  // COMMIT, failing when the server rolled back instead (the transaction had an error).
  Result<void> commit();

  // True when the last failure was a serialization failure (40001) or deadlock (40P01).
  bool last_failure_transient() const { return last_failure_transient_; }
  bool broken() const;
  TransactionState transaction_state() const;

 private:
  explicit PostgresConnection(pg_conn* handle) : handle_(handle) {}
  Error failure(const pg_result* result, std::string_view sql);
  Result<std::string> prepared_name(std::string_view sql, const std::string& signature,
                                    const std::vector<unsigned int>& types);

  pg_conn* handle_;
  std::unordered_map<std::string, std::string> prepared_;  // signature + SQL → statement name
  std::unordered_set<std::string> names_;                  // names in use on this session
  int renames_ = 0;
  bool last_failure_transient_ = false;
};

}  // namespace simreg::db

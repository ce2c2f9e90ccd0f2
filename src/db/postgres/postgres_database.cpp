#include "db/postgres/postgres_database.hpp"

#include <algorithm>

#include "db/postgres/postgres_connection.hpp"
#include "db/connection_session.hpp"
#include "db/retry_backoff.hpp"
#include "db/storage_error.hpp"

namespace simreg::db {
namespace {

using TransactionState = PostgresConnection::TransactionState;

using PostgresSession = ConnectionSession<PostgresConnection, Dialect::postgres>;

// Errors are values, but a body can still throw (std::out_of_range from Row::at, bad_alloc): the
// connection must not go back to the pool inside the transaction.
template <class Lease>
Result<void> run_body(const std::function<Result<void>(Session&)>& body, Session& session, Lease& lease) {
  try {
    return body(session);
  } catch (...) {
    if (lease->broken() || lease->transaction_state() != TransactionState::idle) {
      if (lease->broken() || !lease->execute_script("ROLLBACK")) lease.discard();
    }
    throw;
  }
}

}  // namespace

Result<std::unique_ptr<PostgresDatabase>> PostgresDatabase::open(const std::string& url,
                                                                 const DatabaseOptions& options) {
  std::unique_ptr<PostgresDatabase> db(new PostgresDatabase(url, options));
  SIMREG_TRY(db->ping());
  return db;
}

PostgresDatabase::PostgresDatabase(std::string url, const DatabaseOptions& options)
    : url_(std::move(url)),
      transaction_attempts_(std::max(1, options.transaction_attempts)),
      pool_(options.pool_size, std::chrono::milliseconds(options.acquire_timeout_ms),
            [this] { return PostgresConnection::open(url_); }) {}

PostgresDatabase::~PostgresDatabase() = default;

Result<PostgresDatabase::Lease> PostgresDatabase::acquire() {
  SIMREG_TRY_ASSIGN(auto lease, pool_.acquire());
  SIMREG_TRY(lease->ensure_connected());
  return lease;
}

Result<QueryResult> PostgresDatabase::execute(std::string_view sql, const std::vector<Value>& params) {
  SIMREG_TRY_ASSIGN(auto lease, acquire());
  auto result = lease->execute(sql, params);
  if (const auto state = lease->transaction_state();
      state == TransactionState::in_transaction || state == TransactionState::failed) {
    // A BEGIN slipped through execute(): never hand a connection with an open transaction back.
    log_failure("postgres", "usage", "execute() left a transaction open; use transaction()", sql);
    lease.discard();
    return storage_error();
  }
  return result;
}

Result<void> PostgresDatabase::transaction(const std::function<Result<void>(Session&)>& body, bool serializable) {
  for (int attempt = 0;; ++attempt) {
    Error error;
    bool transient = false;
    {
      SIMREG_TRY_ASSIGN(auto lease, acquire());
      if (auto begun = lease->execute_script(serializable ? "BEGIN ISOLATION LEVEL SERIALIZABLE" : "BEGIN"); !begun) {
        error = std::move(begun).error();
        // Nothing ran yet, so a connection lost right here is safe to retry on a fresh one.
        transient = lease->broken();
      } else {
        PostgresSession session(*lease);
        if (auto done = run_body(body, session, lease); !done) {
          error = std::move(done).error();
          // Before COMMIT is sent a lost connection means the server rolled back: safe to rerun.
          transient = session.transient_failure() || lease->broken();
        } else if (auto committed = lease->commit(); !committed) {
          error = std::move(committed).error();
          // A connection lost during COMMIT leaves the outcome unknown: never rerun then.
          transient = (lease->last_failure_transient() || session.transient_failure()) && !lease->broken();
        } else {
          return success();
        }
        if (!lease->broken()) {
          const auto state = lease->transaction_state();
          if ((state == TransactionState::in_transaction || state == TransactionState::failed) &&
              !lease->execute_script("ROLLBACK")) {
            lease.discard();
          }
        }
      }
    }
    if (!transient || attempt + 1 >= transaction_attempts_) return error;
    sleep_before_retry(attempt);
  }
}

Result<void> PostgresDatabase::ping() {
  SIMREG_TRY_ASSIGN(auto lease, acquire());
  SIMREG_TRY(lease->execute("SELECT 1", {}));
  return success();
}

}  // namespace simreg::db

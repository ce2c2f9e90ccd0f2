#include "db/sqlite/sqlite_database.hpp"

#include "db/connection_session.hpp"
#include "db/retry_backoff.hpp"
#include "db/sqlite/sqlite_connection.hpp"
#include "db/storage_error.hpp"

namespace simreg::db {
namespace {

using SqliteSession = ConnectionSession<SqliteConnection, Dialect::sqlite>;

// Errors are values, but a body can still throw (std::out_of_range from Row::at, bad_alloc): the
// connection must not go back to the pool inside the transaction.
template <class Lease>
Result<void> run_body(const std::function<Result<void>(Session&)>& body, Session& session, Lease& lease) {
  try {
    return body(session);
  } catch (...) {
    if (!lease->in_autocommit() && !lease->execute_script("ROLLBACK")) lease.discard();
    throw;
  }
}

}  // namespace

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const std::string& path, const DatabaseOptions& options) {
  const int pool_size = path == ":memory:" ? 1 : options.pool_size;
  std::unique_ptr<SqliteDatabase> db(new SqliteDatabase(path, options, pool_size));
  // Open one connection now so a bad path or unwritable directory fails at startup.
  SIMREG_TRY(db->ping());
  return db;
}

SqliteDatabase::SqliteDatabase(std::string path, const DatabaseOptions& options, int pool_size)
    : path_(std::move(path)),
      transaction_attempts_(std::max(1, options.transaction_attempts)),
      acquire_timeout_(options.acquire_timeout_ms),
      pool_(pool_size, std::chrono::milliseconds(options.acquire_timeout_ms),
            [this] { return SqliteConnection::open(path_); }) {}

SqliteDatabase::~SqliteDatabase() = default;

Result<QueryResult> SqliteDatabase::execute(std::string_view sql, const std::vector<Value>& params) {
  SIMREG_TRY_ASSIGN(auto lease, pool_.acquire());
  auto result = lease->execute(sql, params);
  if (!lease->in_autocommit()) {
    // A BEGIN slipped through execute(): never hand a connection with an open transaction back.
    log_failure("sqlite", "usage", "execute() left a transaction open; use transaction()", sql);
    lease.discard();
    return storage_error();
  }
  return result;
}

Result<void> SqliteDatabase::transaction(const std::function<Result<void>(Session&)>& body, bool /*serializable*/) {
  // BEGIN IMMEDIATE takes the write lock up front, so every transaction is already serializable.
  for (int attempt = 0;; ++attempt) {
    Error error;
    bool transient = false;
    {
      std::unique_lock writer(writer_, std::defer_lock);
      if (!writer.try_lock_for(acquire_timeout_)) return busy_error();
      SIMREG_TRY_ASSIGN(auto lease, pool_.acquire());
      // BEGIN and COMMIT go through execute(), whose statement cache spares parsing them each time.
      if (auto begun = lease->execute("BEGIN IMMEDIATE", {}); !begun) {
        error = std::move(begun).error();
        transient = lease->last_failure_transient();
      } else {
        SqliteSession session(*lease);
        if (auto done = run_body(body, session, lease); !done) {
          error = std::move(done).error();
          transient = session.transient_failure();
        } else if (auto committed = lease->execute("COMMIT", {}); !committed) {
          error = std::move(committed).error();
          transient = lease->last_failure_transient();
        } else {
          return success();
        }
        // Some errors (SQLITE_FULL, SQLITE_IOERR) already rolled back; otherwise roll back now.
        if (!lease->in_autocommit() && !lease->execute_script("ROLLBACK")) lease.discard();
      }
    }
    if (!transient || attempt + 1 >= transaction_attempts_) return error;
    sleep_before_retry(attempt);
  }
}

Result<void> SqliteDatabase::ping() {
  SIMREG_TRY_ASSIGN(auto lease, pool_.acquire());
  SIMREG_TRY(lease->execute("SELECT 1", {}));
  return success();
}

}  // namespace simreg::db

#include "db/postgres/postgres_connection.hpp"

#include <poll.h>

#include <charconv>
#include <cstring>

#include <fmt/format.h>
#include <libpq-fe.h>

#include "core/log.hpp"
#include "db/fnv1a.hpp"
#include "db/postgres/pg_codec.hpp"
#include "db/storage_error.hpp"

namespace simreg::db {
namespace {

constexpr std::string_view kEngine = "postgres";
// Feature SQL is a fixed set of literals; past this, statements run unnamed instead of piling up.
constexpr std::size_t kMaxPreparedStatements = 256;

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// Notices (e.g. "relation already exists, skipping") would otherwise go to stderr as plain text.
void on_notice(void* /*arg*/, const PGresult* result) {
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  log::debug("db.notice", {{"engine", kEngine}, {"state", state != nullptr ? state : ""}});
}

std::string_view field(const PGresult* result, int code) {
  const char* value = result != nullptr ? PQresultErrorField(result, code) : nullptr;
  return value != nullptr ? std::string_view(value) : std::string_view();
}

bool succeeded(const PGresult* result) {
  const ExecStatusType status = PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

std::int64_t parse_count(const char* text) {
  std::int64_t count = 0;
  const std::size_t size = std::strlen(text);
  std::from_chars(text, text + size, count);
  return count;
}

}  // namespace

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::open(const std::string& url) {
  // Defaults first, the URL last: later entries win, so anything the URL sets takes precedence.
  const char* keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
  const char* values[] = {"10", "simreg", url.c_str(), nullptr};
  PGconn* handle = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (handle == nullptr || PQstatus(handle) != CONNECTION_OK) {
    // libpq's message names host and port, never the password.
    log_failure(kEngine, "connect", handle != nullptr ? PQerrorMessage(handle) : "out of memory", "");
    PQfinish(handle);
    return unavailable_error();
  }
  PQsetNoticeReceiver(handle, on_notice, nullptr);
  return std::unique_ptr<PostgresConnection>(new PostgresConnection(handle));
}

PostgresConnection::~PostgresConnection() { PQfinish(handle_); }

bool PostgresConnection::broken() const { return PQstatus(handle_) != CONNECTION_OK; }

PostgresConnection::TransactionState PostgresConnection::transaction_state() const {
  switch (PQtransactionStatus(handle_)) {
    case PQTRANS_IDLE:
      return TransactionState::idle;
    case PQTRANS_INTRANS:
      return TransactionState::in_transaction;
    case PQTRANS_INERROR:
      return TransactionState::failed;
    default:
      return TransactionState::unknown;
  }
}

Result<void> PostgresConnection::ensure_connected() {
  // An idle connection has nothing to read unless the server ended it (restart, terminate,
  // idle timeout): then its goodbye and EOF are waiting. Reading them marks the connection bad.
  for (int round = 0; round < 3 && !broken(); ++round) {
    pollfd socket{PQsocket(handle_), POLLIN, 0};
    if (::poll(&socket, 1, 0) <= 0) break;
    if (PQconsumeInput(handle_) == 0) break;
  }
  if (!broken()) return success();
  prepared_.clear();
  names_.clear();
  PQreset(handle_);
  if (broken()) {
    log_failure(kEngine, "reconnect", PQerrorMessage(handle_), "");
    return unavailable_error();
  }
  log::info("db.reconnected", {{"engine", kEngine}});
  return success();
}

Error PostgresConnection::failure(const PGresult* result, std::string_view sql) {
  const std::string state(field(result, PG_DIAG_SQLSTATE));
  last_failure_transient_ = state == "40001" || state == "40P01";
  if (broken()) {
    log_failure(kEngine, "connection", PQerrorMessage(handle_), sql);
    return unavailable_error();
  }
  // Data exceptions (class 22) quote the offending value, which may be personal data; the primary
  // message of every other class names only objects. DETAIL (which quotes rows and keys) is never read.
  std::string message = state.starts_with("22") ? std::string("(withheld: may quote a value)")
                                                : std::string(field(result, PG_DIAG_MESSAGE_PRIMARY));
  if (result == nullptr) message = PQerrorMessage(handle_);
  log_failure(kEngine, state, message, sql);
  if (state == "23505") return unique_violation_error();
  if (last_failure_transient_) return busy_error();
  // Class 08 is a lost or refused connection, except 08P01 (protocol violation), which is our own
  // bug, such as the wrong number of parameters.
  if ((state.starts_with("08") && state != "08P01") || state == "57P01" || state == "57P02" || state == "57P03" || state == "53300") {
    return unavailable_error();
  }
  return storage_error();
}

Result<std::string> PostgresConnection::prepared_name(std::string_view sql, const std::string& signature,
                                                      const std::vector<unsigned int>& types) {
  std::string key = signature;
  key += '|';
  key += sql;
  if (auto found = prepared_.find(key); found != prepared_.end()) return found->second;
  if (prepared_.size() >= kMaxPreparedStatements) return std::string();
  std::string name = fmt::format("simreg_{:016x}", fnv1a64(key));
  // A hash collision, or a statement re-prepared after the server dropped its plan.
  if (names_.contains(name)) name += fmt::format("_{}", ++renames_);
  ResultPtr prepared(PQprepare(handle_, name.c_str(), std::string(sql).c_str(), static_cast<int>(types.size()),
                               types.data()));
  if (!succeeded(prepared.get())) return failure(prepared.get(), sql);
  names_.insert(name);
  prepared_.emplace(std::move(key), name);
  return name;
}

Result<QueryResult> PostgresConnection::execute(std::string_view sql, const std::vector<Value>& params) {
  last_failure_transient_ = false;
  auto encoded = encode_pg_params(params);
  if (!encoded) {
    log_failure(kEngine, "usage", "a text parameter contains a NUL byte; use Bytes", sql);
    return storage_error();
  }
  SIMREG_TRY_ASSIGN(const std::string name, prepared_name(sql, encoded->signature, encoded->types));
  const int count = static_cast<int>(params.size());
  ResultPtr result(name.empty() ? PQexecParams(handle_, std::string(sql).c_str(), count, encoded->types.data(),
                                               encoded->values.data(), encoded->lengths.data(),
                                               encoded->formats.data(), 0)
                                : PQexecPrepared(handle_, name.c_str(), count, encoded->values.data(),
                                                 encoded->lengths.data(), encoded->formats.data(), 0));
  if (!succeeded(result.get())) {
    const std::string_view state = field(result.get(), PG_DIAG_SQLSTATE);
    // The server forgot the statement (DISCARD ALL) or its plan no longer fits (schema change):
    // prepare afresh next time.
    if (state == "26000" || state == "0A000") prepared_.erase(encoded->signature + '|' + std::string(sql));
    return failure(result.get(), sql);
  }

  QueryResult out;
  const int columns = PQnfields(result.get());
  const int rows = PQntuples(result.get());
  out.columns.reserve(static_cast<std::size_t>(columns));
  std::vector<unsigned int> types(static_cast<std::size_t>(columns));
  for (int c = 0; c < columns; ++c) {
    out.columns.emplace_back(PQfname(result.get(), c));
    types[static_cast<std::size_t>(c)] = PQftype(result.get(), c);
  }
  out.rows.reserve(static_cast<std::size_t>(rows));
  for (int r = 0; r < rows; ++r) {
    std::vector<Value> values;
    values.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(result.get(), r, c) != 0) {
        values.emplace_back(Null{});
        continue;
      }
      const std::string_view text(PQgetvalue(result.get(), r, c),
                                  static_cast<std::size_t>(PQgetlength(result.get(), r, c)));
      values.push_back(decode_pg_text(types[static_cast<std::size_t>(c)], text));
    }
    out.rows.emplace_back(std::move(values));
  }
  // PQcmdTuples also counts the rows a SELECT returned; report only rows written, like SQLite.
  if (!std::string_view(PQcmdStatus(result.get())).starts_with("SELECT")) {
    out.rows_affected = parse_count(PQcmdTuples(result.get()));
  }
  return out;
}

Result<void> PostgresConnection::execute_script(std::string_view sql) {
  last_failure_transient_ = false;
  ResultPtr result(PQexec(handle_, std::string(sql).c_str()));
  if (!succeeded(result.get())) return failure(result.get(), sql);
  return success();
}

Result<void> PostgresConnection::commit() {
  last_failure_transient_ = false;
  ResultPtr result(PQexec(handle_, "COMMIT"));
  if (!succeeded(result.get())) return failure(result.get(), "COMMIT");
  if (std::strcmp(PQcmdStatus(result.get()), "ROLLBACK") == 0) {
    log_failure(kEngine, "usage", "COMMIT rolled back: a statement in the transaction had failed", "COMMIT");
    return storage_error();
  }
  return success();
}

}  // namespace simreg::db

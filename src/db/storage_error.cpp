#include "db/storage_error.hpp"

#include <string>

#include "core/log.hpp"

namespace simreg::db {
namespace {

constexpr std::size_t kLoggedSqlChars = 300;

Error make(ErrorKind kind, std::string_view code, std::string detail, bool retry_soon) {
  Error error = Error::make(kind, std::string(code), std::move(detail));
  if (retry_soon) error.retry_after_seconds = 1;
  return error;
}

}  // namespace

Error unique_violation_error() {
  return make(ErrorKind::conflict, kUniqueViolation, "The record already exists.", false);
}

Error storage_error() { return make(ErrorKind::internal, kStorageError, "A storage error occurred.", false); }

Error busy_error() { return make(ErrorKind::unavailable, kBusy, "The storage is busy; try again.", true); }

Error unavailable_error() {
  return make(ErrorKind::unavailable, kUnavailable, "The storage is unavailable; try again later.", true);
}

Error pool_exhausted_error() {
  return make(ErrorKind::unavailable, kPoolExhausted, "The storage is busy; try again.", true);
}

void log_failure(std::string_view engine, std::string_view state, std::string_view message, std::string_view sql) {
  if (!spdlog::should_log(spdlog::level::debug)) return;
  std::string shown(sql.substr(0, kLoggedSqlChars));
  if (sql.size() > kLoggedSqlChars) shown += "...";
  log::debug("db.statement_failed",
             {{"engine", engine}, {"state", state}, {"message", message}, {"sql", std::move(shown)}});
}

}  // namespace simreg::db

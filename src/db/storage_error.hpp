// The errors the storage layer returns, and the one place that logs why. Errors never carry SQL
// parameter values or server messages (either may quote personal data); the server's message goes
// to the debug log only. Stateless and thread-safe.
#pragma once

#include <string_view>

#include "core/error.hpp"

namespace simreg::db {

// Stable codes callers may branch on.
inline constexpr std::string_view kUniqueViolation = "db.unique_violation";  // conflict
inline constexpr std::string_view kStorageError = "db.error";                // internal
inline constexpr std::string_view kBusy = "db.busy";                         // unavailable: lock/serialization contention
inline constexpr std::string_view kUnavailable = "db.unavailable";           // unavailable: cannot reach the database
inline constexpr std::string_view kPoolExhausted = "db.pool_exhausted";      // unavailable: no free connection in time

Error unique_violation_error();
Error storage_error();
Error busy_error();
Error unavailable_error();
Error pool_exhausted_error();

// Logs a failed statement at debug: engine, the engine's error state (SQLSTATE or SQLite result
// code), the server's message (pass "" when it may quote values) and the statement text, which is
// code-owned and parameterized, shortened to keep scripts readable.
void log_failure(std::string_view engine, std::string_view state, std::string_view message, std::string_view sql);

}  // namespace simreg::db

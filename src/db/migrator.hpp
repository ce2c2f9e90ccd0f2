// Schema migrations: numbered SQL files (migrations/V###__name.sql, embedded at build time) applied
// in version order, each in its own transaction together with its schema_migrations row. Applied
// migrations must never change (checksum). Safe to run from several processes at once: PostgreSQL
// serializes migrators with an advisory lock, SQLite with BEGIN IMMEDIATE. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace simreg::db {

struct Migration {
  int version;
  std::string name;
  std::string sql;  // portable SQL; {{BLOB}} becomes BLOB (SQLite) or BYTEA (PostgreSQL)
};

// Every migrations/V###__name.sql of the source tree, in version order.
std::vector<Migration> bundled_migrations();

struct MigrationStatus {
  int current = 0;  // highest version up to which every known migration is applied
  int latest = 0;   // highest known version
  bool up_to_date() const { return current == latest; }
};

// Applies every migration not applied yet (also one older than the newest applied, as happens when
// branches merge). Idempotent. Errors (kind internal): db.migration_invalid (duplicate or
// non-positive version), db.migration_checksum (an applied migration was edited),
// db.migration_unknown (the database has a version this build does not know: it is newer than
// the code), db.migration_failed (a migration's SQL failed; nothing of it is kept).
Result<MigrationStatus> migrate(Database& db, const std::vector<Migration>& migrations);

// Reports without changing anything; fails on the same checksum / unknown-version conditions.
Result<MigrationStatus> migration_status(Database& db, const std::vector<Migration>& migrations);

// The SQL a migration runs on `dialect` ({{BLOB}} substituted).
std::string migration_sql_for(std::string_view sql, Dialect dialect);

// The checksum stored in schema_migrations: FNV-1a 64 of the file text with CRLF read as LF.
std::string migration_checksum(std::string_view sql);

}  // namespace simreg::db

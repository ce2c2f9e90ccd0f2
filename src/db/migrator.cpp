#include "db/migrator.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/log.hpp"
#include "db/fnv1a.hpp"

namespace simreg::db {
namespace {

// Any fixed key works; every simreg migrator takes the same one ("simreg" + 1).
constexpr std::int64_t kAdvisoryLockKey = 0x73696d7265670001;
constexpr std::string_view kBlobToken = "{{BLOB}}";
constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version BIGINT PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)";

using Applied = std::map<std::int64_t, std::string>;  // version → checksum

Error migration_error(std::string code, std::string detail) {
  return Error::make(ErrorKind::internal, std::move(code), std::move(detail));
}

Result<std::vector<const Migration*>> sorted_checked(const std::vector<Migration>& migrations) {
  std::vector<const Migration*> sorted;
  sorted.reserve(migrations.size());
  for (const auto& migration : migrations) sorted.push_back(&migration);
  std::sort(sorted.begin(), sorted.end(), [](const Migration* a, const Migration* b) { return a->version < b->version; });
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (sorted[i]->version <= 0 || sorted[i]->name.empty()) {
      return migration_error("db.migration_invalid",
                             fmt::format("Migration V{:03} needs a positive version and a name.", sorted[i]->version));
    }
    if (i > 0 && sorted[i]->version == sorted[i - 1]->version) {
      return migration_error("db.migration_invalid",
                             fmt::format("Two migrations have version V{:03}.", sorted[i]->version));
    }
  }
  return sorted;
}

Result<void> lock_migrations(Session& session) {
  // SQLite needs nothing more: the transaction's BEGIN IMMEDIATE already excludes other writers.
  if (session.dialect() == Dialect::postgres) {
    SIMREG_TRY(session.execute("SELECT pg_advisory_xact_lock($1)", {kAdvisoryLockKey}));
  }
  return success();
}

Result<Applied> load_applied(Session& session) {
  SIMREG_TRY_ASSIGN(auto rows, session.execute("SELECT version, checksum FROM schema_migrations"));
  Applied applied;
  for (const auto& row : rows.rows) applied.emplace(row.integer(0), row.text(1));
  return applied;
}

Result<bool> migrations_table_exists(Session& session) {
  const auto sql = session.dialect() == Dialect::postgres
                       ? "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
                         "AND tablename = 'schema_migrations'"
                       : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
  SIMREG_TRY_ASSIGN(auto rows, session.execute(sql));
  return !rows.empty();
}

// Checks what the database has applied against the known migrations and reports how far it is.
Result<MigrationStatus> evaluate(const std::vector<const Migration*>& sorted, const Applied& applied) {
  for (const auto& [version, checksum] : applied) {
    const auto known = std::find_if(sorted.begin(), sorted.end(), [&](const Migration* m) { return m->version == version; });
    if (known == sorted.end()) {
      return migration_error("db.migration_unknown",
                             fmt::format("The database has migration V{:03}, which this build does not know; "
                                         "it was migrated by a newer version.",
                                         version));
    }
    if (migration_checksum((*known)->sql) != checksum) {
      return migration_error("db.migration_checksum",
                             fmt::format("Migration V{:03} ({}) changed after it was applied; restore it and add "
                                         "a new migration instead.",
                                         version, (*known)->name));
    }
  }
  MigrationStatus status;
  for (const Migration* migration : sorted) {
    if (!applied.contains(migration->version)) break;
    status.current = migration->version;
  }
  status.latest = sorted.empty() ? 0 : sorted.back()->version;
  return status;
}

Result<void> apply_one(Database& db, const Migration& migration) {
  const std::string checksum = migration_checksum(migration.sql);
  bool applied_now = false;
  SIMREG_TRY(db.transaction([&](Session& tx) -> Result<void> {
    applied_now = false;
    SIMREG_TRY(lock_migrations(tx));
    // Another migrator may have applied it while this one waited for the lock.
    SIMREG_TRY_ASSIGN(auto existing, tx.execute("SELECT checksum FROM schema_migrations WHERE version = $1",
                                                {std::int64_t{migration.version}}));
    if (!existing.empty()) {
      if (existing.first().text(0) == checksum) return success();
      return migration_error("db.migration_checksum",
                             fmt::format("Migration V{:03} ({}) changed after it was applied.", migration.version,
                                         migration.name));
    }
    if (!tx.execute_script(migration_sql_for(migration.sql, tx.dialect()))) {
      log::error("db.migration_failed", {{"version", migration.version}, {"name", migration.name}});
      return migration_error("db.migration_failed",
                             fmt::format("Migration V{:03} ({}) failed.", migration.version, migration.name));
    }
    SIMREG_TRY(tx.execute("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)",
                          {std::int64_t{migration.version}, migration.name, checksum, SystemClock().now_ms()}));
    applied_now = true;
    return success();
  }));
  if (applied_now) log::info("db.migration_applied", {{"version", migration.version}, {"name", migration.name}});
  return success();
}

}  // namespace

std::string migration_sql_for(std::string_view sql, Dialect dialect) {
  const std::string_view blob = dialect == Dialect::postgres ? "BYTEA" : "BLOB";
  std::string out;
  out.reserve(sql.size());
  for (std::size_t at = 0;;) {
    const std::size_t found = sql.find(kBlobToken, at);
    out.append(sql.substr(at, found - at));
    if (found == std::string_view::npos) break;
    out.append(blob);
    at = found + kBlobToken.size();
  }
  return out;
}

std::string migration_checksum(std::string_view sql) {
  std::string normalized;
  normalized.reserve(sql.size());
  for (std::size_t i = 0; i < sql.size(); ++i) {
    if (sql[i] == '\r' && i + 1 < sql.size() && sql[i + 1] == '\n') continue;
    normalized += sql[i];
  }
  return fmt::format("fnv1a64:{:016x}", fnv1a64(normalized));
}

Result<MigrationStatus> migration_status(Database& db, const std::vector<Migration>& migrations) {
  SIMREG_TRY_ASSIGN(auto sorted, sorted_checked(migrations));
  Applied applied;
  SIMREG_TRY(db.transaction([&](Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(const bool exists, migrations_table_exists(tx));
    if (!exists) return success();
    SIMREG_TRY_ASSIGN(applied, load_applied(tx));
    return success();
  }));
  return evaluate(sorted, applied);
}

Result<MigrationStatus> migrate(Database& db, const std::vector<Migration>& migrations) {
  SIMREG_TRY_ASSIGN(auto sorted, sorted_checked(migrations));
  Applied applied;
  SIMREG_TRY(db.transaction([&](Session& tx) -> Result<void> {
    SIMREG_TRY(lock_migrations(tx));
    SIMREG_TRY(tx.execute_script(kCreateMigrationsTable));
    SIMREG_TRY_ASSIGN(applied, load_applied(tx));
    return success();
  }));
  // Refuse to touch a database whose history disagrees with this build before changing anything.
  SIMREG_TRY(evaluate(sorted, applied));
  for (const Migration* migration : sorted) {
    if (applied.contains(migration->version)) continue;
    SIMREG_TRY(apply_one(db, *migration));
  }
  return migration_status(db, migrations);
}

}  // namespace simreg::db

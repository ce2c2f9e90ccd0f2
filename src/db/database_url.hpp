// Which engine a configured database string names, and what to hand that engine.
// "postgresql://..." / "postgres://..." → PostgreSQL (the URL goes to libpq unchanged);
// "sqlite:///abs/path", "sqlite:relative/path" or a bare path → a SQLite file. Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "db/database.hpp"

namespace simreg::db {

struct DatabaseLocation {
  Dialect dialect = Dialect::sqlite;
  std::string target;  // libpq connection URL, or a SQLite file path
};

DatabaseLocation parse_database_url(std::string_view url_or_path);

}  // namespace simreg::db

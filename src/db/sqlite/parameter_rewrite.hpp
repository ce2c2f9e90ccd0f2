// Rewrites PostgreSQL-style parameters ($1, $2, ...) into SQLite's numbered form (?1, ?2, ...), so
// one SQL text serves both engines: a reused or out-of-order $N keeps its number. `$` inside
// '...' literals, "..." / `...` identifiers, comments and identifiers (a$1) is left alone. Pure.
#pragma once

#include <string>
#include <string_view>

namespace simreg::db {

std::string rewrite_parameters_for_sqlite(std::string_view sql);

}  // namespace simreg::db

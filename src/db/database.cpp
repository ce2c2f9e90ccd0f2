// Row accessors and open_database. Accessors convert between the numeric and text alternatives
// because engines disagree on result types (PostgreSQL SUM(bigint) is numeric → double, SQLite
// returns whatever affinity stored), so feature code reads one way on both.
#include "db/database.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <type_traits>

#include <fmt/format.h>

#include "db/database_url.hpp"
#include "db/postgres/postgres_database.hpp"
#include "db/sqlite/sqlite_database.hpp"

namespace simreg::db {
namespace {

std::int64_t to_integer(const Value& value) {
  return std::visit(
      [](const auto& v) -> std::int64_t {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::int64_t>) {
          return v;
        } else if constexpr (std::is_same_v<T, double>) {
          // Out-of-range and NaN casts are undefined behaviour; clamp instead.
          if (std::isnan(v)) return 0;
          if (v >= 9.2233720368547758e18) return std::numeric_limits<std::int64_t>::max();
          if (v <= -9.2233720368547758e18) return std::numeric_limits<std::int64_t>::min();
          return static_cast<std::int64_t>(v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          std::int64_t parsed = 0;
          const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), parsed);
          return ec == std::errc() && end == v.data() + v.size() ? parsed : 0;
        } else {
          return 0;
        }
      },
      value);
}

double to_real(const Value& value) {
  return std::visit(
      [](const auto& v) -> double {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, double>) {
          return static_cast<double>(v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          double parsed = 0;
          const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), parsed);
          return ec == std::errc() && end == v.data() + v.size() ? parsed : 0.0;
        } else {
          return 0.0;
        }
      },
      value);
}

std::string to_text(const Value& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, double>) {
          return fmt::format("{}", v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return v;
        } else if constexpr (std::is_same_v<T, Bytes>) {
          return v.data;
        } else {
          return {};
        }
      },
      value);
}

}  // namespace

bool Row::is_null(std::size_t i) const { return std::holds_alternative<Null>(values_.at(i)); }

std::int64_t Row::integer(std::size_t i) const { return to_integer(values_.at(i)); }

std::optional<std::int64_t> Row::opt_integer(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return to_integer(values_[i]);
}

double Row::real(std::size_t i) const { return to_real(values_.at(i)); }

std::string Row::text(std::size_t i) const { return to_text(values_.at(i)); }

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return to_text(values_[i]);
}

std::string Row::bytes(std::size_t i) const {
  const Value& value = values_.at(i);
  if (const auto* blob = std::get_if<Bytes>(&value)) return blob->data;
  // SQLite keeps whatever was inserted; a string stored in a BLOB column reads back as TEXT.
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  return {};
}

Result<std::unique_ptr<Database>> open_database(const std::string& url_or_path, const DatabaseOptions& options) {
  DatabaseLocation location = parse_database_url(url_or_path);
  if (location.dialect == Dialect::postgres) {
    SIMREG_TRY_ASSIGN(auto db, PostgresDatabase::open(location.target, options));
    return std::unique_ptr<Database>(std::move(db));
  }
  SIMREG_TRY_ASSIGN(auto db, SqliteDatabase::open(location.target, options));
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace simreg::db

#include "db/database_url.hpp"

namespace simreg::db {

DatabaseLocation parse_database_url(std::string_view url_or_path) {
  if (url_or_path.starts_with("postgresql://") || url_or_path.starts_with("postgres://")) {
    return {Dialect::postgres, std::string(url_or_path)};
  }
  std::string_view path = url_or_path;
  if (path.starts_with("sqlite:")) {
    path.remove_prefix(7);
    // "sqlite:///abs" keeps the third slash; "sqlite://rel" has an empty authority.
    if (path.starts_with("//")) path.remove_prefix(2);
  }
  return {Dialect::sqlite, std::string(path)};
}

}  // namespace simreg::db

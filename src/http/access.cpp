#include "http/access.hpp"

#include <algorithm>

namespace simreg::http {
namespace {

Error unauthenticated() {
  return Error::make(ErrorKind::unauthenticated, "auth.unauthenticated",
                     "Please sign in to continue.");
}

Error forbidden() {
  return Error::make(ErrorKind::forbidden, "auth.forbidden",
                     "You do not have permission to do this.");
}

}  // namespace

Result<void> check_access(const RouteSpec& route, const std::optional<Principal>& principal) {
  switch (route.access) {
    case Access::anyone:
      return success();
    case Access::subscriber:
      if (!principal) return unauthenticated();
      if (principal->kind != Principal::Kind::subscriber) return forbidden();
      return success();
    case Access::staff: {
      if (!principal) return unauthenticated();
      if (principal->kind != Principal::Kind::staff) return forbidden();
      const bool has_role =
          std::any_of(route.roles.begin(), route.roles.end(),
                      [&](const std::string& role) { return principal->roles.count(role) > 0; });
      if (!has_role) return forbidden();
      return success();
    }
  }
  return forbidden();  // an Access value outside the enum: deny
}

}  // namespace simreg::http

// The access rule every route passes before its handler (deny by default): subscriber routes need
// a subscriber principal, staff routes a staff principal holding one of the route's roles.
// No principal → 401 auth.unauthenticated; wrong kind or missing role → 403 auth.forbidden. Pure.
#pragma once

#include <optional>

#include "core/result.hpp"
#include "http/route.hpp"

namespace simreg::http {

Result<void> check_access(const RouteSpec& route, const std::optional<Principal>& principal);

}  // namespace simreg::http

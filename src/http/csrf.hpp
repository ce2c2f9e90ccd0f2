// Cross-site request forgery defence for state-changing requests: the Origin header must be one
// of the configured origins and the X-CSRF-Token header must equal the CSRF cookie (double-submit
// cookie, compared in constant time). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/route.hpp"

namespace simreg::http {

inline constexpr std::string_view kCsrfCookie = "__Host-simreg-csrf";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

// GET, HEAD, OPTIONS and TRACE are safe; every other method needs the CSRF check.
bool is_unsafe_method(bhttp::verb method);

// True when the request passes: Origin ∈ allowed_origins and X-CSRF-Token == cookie (non-empty).
// An empty allowed_origins list refuses every request (deny by default).
bool csrf_passes(const RequestContext& ctx, const std::vector<std::string>& allowed_origins);

// Equality whose running time does not depend on where the inputs first differ.
bool constant_time_equals(std::string_view a, std::string_view b);

// The 403 problem (code "csrf.failed") answered when the check fails.
Error csrf_error();

}  // namespace simreg::http

// The headers every response leaves with: request id, security headers (CSP, nosniff, frame and
// referrer policy, COOP, HSTS under TLS), Cache-Control: no-store for /api/ and problem responses,
// Server: simreg. Also stamps the request id into problem bodies. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/route.hpp"

namespace simreg::http {

inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";
inline constexpr std::string_view kStrictTransportSecurity = "max-age=63072000; includeSubDomains";

struct ResponseStamp {
  std::string_view request_id;
  bool api_path = false;  // the request path is /api or under /api/
  bool tls = false;
};

// Applies handler-requested headers first (Set-Cookie may repeat), then the fixed ones, which win.
void finalize_response(Response& response,
                       const std::vector<std::pair<std::string, std::string>>& extra_headers,
                       const ResponseStamp& stamp);

}  // namespace simreg::http

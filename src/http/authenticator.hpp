// The application's hook that turns a request's session cookie into a Principal. Called on the
// worker pool before the handler of every worker-pool route (so it may query the database); it may
// add response headers (e.g. a refreshed Set-Cookie) to ctx.response_headers. Must be thread-safe.
#pragma once

#include <functional>
#include <optional>

#include "http/route.hpp"

namespace simreg::http {

using Authenticator = std::function<std::optional<Principal>(RequestContext&)>;

}  // namespace simreg::http

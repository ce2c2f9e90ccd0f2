#include "http/csrf.hpp"

#include <algorithm>

#include <openssl/crypto.h>

namespace simreg::http {

bool is_unsafe_method(bhttp::verb method) {
  switch (method) {
    case bhttp::verb::get:
    case bhttp::verb::head:
    case bhttp::verb::options:
    case bhttp::verb::trace:
      return false;
    default:
      return true;
  }
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  // Token length is not secret (the format is public); only the content comparison must not leak.
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool csrf_passes(const RequestContext& ctx, const std::vector<std::string>& allowed_origins) {
  const auto origin = ctx.header("Origin");
  if (!origin ||
      std::find(allowed_origins.begin(), allowed_origins.end(), *origin) == allowed_origins.end()) {
    return false;
  }
  const auto token = ctx.header(kCsrfHeader);
  const auto cookie = ctx.cookie(std::string(kCsrfCookie));
  if (!token || !cookie || cookie->empty()) return false;
  return constant_time_equals(*token, *cookie);
}

Error csrf_error() {
  return Error::make(ErrorKind::forbidden, "csrf.failed",
                     "The request could not be verified. Reload the page and try again.");
}

}  // namespace simreg::http

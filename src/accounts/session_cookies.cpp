#include "accounts/session_cookies.hpp"

#include <algorithm>

#include "crypto/random.hpp"
#include "http/csrf.hpp"

namespace simreg::accounts {
namespace {

constexpr int kCsrfCookieMaxAgeSeconds = 12 * 60 * 60;

bool looks_like_token(const std::string& value) {
  return value.size() == 43 && std::all_of(value.begin(), value.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
         });
}

void set_csrf_cookie(http::RequestContext& ctx, const std::string& token) {
  ctx.response_headers.emplace_back(
      "Set-Cookie", http::session_cookie(std::string(http::kCsrfCookie), token, kCsrfCookieMaxAgeSeconds));
}

}  // namespace

void attach_session(http::RequestContext& ctx, const NewSession& session, const SessionPolicy& policy) {
  ctx.response_headers.emplace_back(
      "Set-Cookie", http::session_cookie(std::string(kSessionCookie), session.token,
                                         static_cast<int>(policy.absolute_timeout_ms / 1000)));
  set_csrf_cookie(ctx, crypto::random_token(32));
}

void detach_session(http::RequestContext& ctx) {
  ctx.response_headers.emplace_back("Set-Cookie", http::expired_cookie(std::string(kSessionCookie)));
  set_csrf_cookie(ctx, crypto::random_token(32));
}

std::string csrf_token_for(http::RequestContext& ctx) {
  auto existing = ctx.cookie(std::string(http::kCsrfCookie));
  if (existing && looks_like_token(*existing)) return *existing;
  std::string token = crypto::random_token(32);
  set_csrf_cookie(ctx, token);
  return token;
}

RequestMeta request_meta(const http::RequestContext& ctx) { return {ctx.client_address, ctx.request_id}; }

}  // namespace simreg::accounts

// Cookie handling shared by every sign-in and sign-out route: the session cookie carries the
// token, and the CSRF cookie is rotated whenever the session changes (login CSRF, fixation).
#pragma once

#include "accounts/session_service.hpp"
#include "core/request_meta.hpp"
#include "http/route.hpp"

namespace simreg::accounts {

// Adds Set-Cookie headers for a new session and a fresh CSRF token.
void attach_session(http::RequestContext& ctx, const NewSession& session, const SessionPolicy& policy);
// Adds Set-Cookie headers that remove the session cookie and rotate the CSRF token.
void detach_session(http::RequestContext& ctx);
// The CSRF token of this browser, creating one (and its Set-Cookie) when absent or malformed.
std::string csrf_token_for(http::RequestContext& ctx);
// Who is asking, for audit entries and throttling.
RequestMeta request_meta(const http::RequestContext& ctx);

}  // namespace simreg::accounts

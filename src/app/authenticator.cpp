#include "app/authenticator.hpp"

#include "core/log.hpp"

namespace simreg::app {

http::Authenticator make_authenticator(accounts::SessionService& sessions, staff::StaffService& staff) {
  return [&sessions, &staff](http::RequestContext& ctx) -> std::optional<http::Principal> {
    const auto token = ctx.cookie(std::string(accounts::kSessionCookie));
    if (!token) return std::nullopt;
    auto session = sessions.resolve(*token);
    if (!session) {
      log::error("auth.session_lookup_failed", {{"request_id", ctx.request_id}, {"code", session.error().code}});
      return std::nullopt;
    }
    if (!*session) return std::nullopt;
    http::Principal principal;
    principal.account_id = (*session)->account_id;
    principal.session_id = (*session)->session_id;
    if ((*session)->account_kind == "staff") {
      // Roles are read on every request, so a disabled member or a removed role takes effect at once.
      auto access = staff.active_access(principal.account_id);
      if (!access || !*access) return std::nullopt;
      principal.kind = http::Principal::Kind::staff;
      principal.roles.insert((*access)->roles.begin(), (*access)->roles.end());
      principal.locale = (*access)->locale;
    } else {
      principal.kind = http::Principal::Kind::subscriber;
      principal.locale = (*session)->locale;
    }
    return principal;
  };
}

}  // namespace simreg::app

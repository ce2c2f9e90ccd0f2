#include "app/account_routes.hpp"

#include "accounts/public_routes.hpp"
#include "db/migrator.hpp"
#include "http/with_body_fields.hpp"
#include "staff/staff_json.hpp"

namespace simreg::app {
namespace {

using verb = http::bhttp::verb;

http::Response unauthenticated() {
  return http::problem_response(
      Error::make(ErrorKind::unauthenticated, "auth.unauthenticated", "Sign in to continue."));
}

http::Response render_me(const http::Principal& who, accounts::SubscriberService& subscribers,
                         staff::StaffService& staff) {
  if (who.kind == http::Principal::Kind::staff) {
    auto view = staff.get(who.account_id);
    if (!view) return http::problem_response(view.error());
    return http::json_response(200, staff::staff_me_json(*view));
  }
  auto view = subscribers.get(who.account_id);
  if (!view) return http::problem_response(view.error());
  return http::json_response(200, accounts::subscriber_json(*view));
}

}  // namespace

void register_me_routes(http::Router& router, accounts::SubscriberService& subscribers, staff::StaffService& staff) {
  http::RouteSpec get_me;
  get_me.method = verb::get;
  get_me.pattern = "/api/v1/me";
  get_me.access = http::Access::anyone;  // both kinds; no session is answered 401 below
  get_me.handler = [&](http::RequestContext& ctx) {
    if (!ctx.principal) return unauthenticated();
    return render_me(*ctx.principal, subscribers, staff);
  };
  router.add(std::move(get_me));

  http::RouteSpec patch_me;
  patch_me.method = verb::patch;
  patch_me.pattern = "/api/v1/me";
  patch_me.access = http::Access::anyone;
  patch_me.handler = [&](http::RequestContext& ctx) {
    if (!ctx.principal) return unauthenticated();
    return http::with_body_fields(
        ctx, [](http::BodyFields& f) { return f.required_string("locale", 16); },
        [&](const std::string& locale) {
          const auto& who = *ctx.principal;
          if (who.kind == http::Principal::Kind::staff) {
            auto view = staff.set_locale(who.account_id, locale);
            if (!view) return http::problem_response(view.error());
            return http::json_response(200, staff::staff_me_json(*view));
          }
          auto view = subscribers.set_locale(who.account_id, locale);
          if (!view) return http::problem_response(view.error());
          return http::json_response(200, accounts::subscriber_json(*view));
        });
  };
  router.add(std::move(patch_me));
}

void register_readiness_route(http::Router& router, db::Database& database) {
  http::RouteSpec ready;
  ready.method = verb::get;
  ready.pattern = "/readyz";
  ready.access = http::Access::anyone;
  ready.handler = [&database](http::RequestContext&) {
    const Error not_ready = Error::make(ErrorKind::unavailable, "server.not_ready",
                                        "The server cannot reach its database or the schema is not current.");
    if (!database.ping()) return http::problem_response(not_ready);
    auto status = db::migration_status(database, db::bundled_migrations());
    if (!status || !status->up_to_date()) return http::problem_response(not_ready);
    return http::json_response(200, {{"status", "ready"},
                                     {"database", "ok"},
                                     {"migrations", {{"current", status->current}, {"latest", status->latest}}}});
  };
  router.add(std::move(ready));
}

}  // namespace simreg::app

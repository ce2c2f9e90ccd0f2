#include "accounts/public_routes.hpp"

#include "accounts/session_cookies.hpp"
#include "core/clock.hpp"
#include "http/with_body_fields.hpp"

namespace simreg::accounts {
namespace {

using http::Access;
using http::RequestContext;
using http::Response;
using http::RouteSpec;
using verb = http::bhttp::verb;

RouteSpec route(verb method, std::string pattern, Access access, http::Handler handler) {
  RouteSpec spec;
  spec.method = method;
  spec.pattern = std::move(pattern);
  spec.access = access;
  spec.handler = std::move(handler);
  return spec;
}

struct Credentials {
  std::string email;
  std::string password;
};

}  // namespace

nlohmann::json subscriber_json(const SubscriberView& view) {
  return {{"kind", "subscriber"},       {"id", view.id},         {"email", view.email},
          {"email_verified", view.email_verified}, {"locale", view.locale},
          {"created_at", format_utc_ms(view.created_at_ms)}};
}

void register_public_routes(http::Router& router, SubscriberService& subscribers, SessionService& sessions) {
  router.add(route(verb::get, "/api/v1/auth/csrf", Access::anyone, [](RequestContext& ctx) {
    return http::json_response(200, {{"csrf_token", csrf_token_for(ctx)}});
  }));

  router.add(route(verb::post, "/api/v1/auth/signup", Access::anyone, [&subscribers](RequestContext& ctx) {
    struct Input { std::string email, password, locale; };
    return http::with_body_fields(
        ctx,
        [](http::BodyFields& f) {
          return Input{f.required_string("email", 320), f.required_string("password", 1024),
                       f.optional_string("locale", 16).value_or("en")};
        },
        [&](const Input& in) {
          auto result = subscribers.sign_up(in.email, in.password, in.locale, request_meta(ctx));
          if (!result) return http::problem_response(result.error());
          return http::json_response(201, {{"status", "verification_required"}});
        });
  }));

  router.add(route(verb::post, "/api/v1/auth/verify-email", Access::anyone, [&subscribers](RequestContext& ctx) {
    return http::with_body_fields(
        ctx, [](http::BodyFields& f) { return Credentials{f.required_string("email", 320), f.required_string("code", 32)}; },
        [&](const Credentials& in) {
          auto result = subscribers.verify_email(in.email, in.password, request_meta(ctx));
          if (!result) return http::problem_response(result.error());
          return http::json_response(200, {{"status", "verified"}});
        });
  }));

  router.add(route(verb::post, "/api/v1/auth/resend-verification", Access::anyone,
                   [&subscribers](RequestContext& ctx) {
                     return http::with_body_fields(
                         ctx, [](http::BodyFields& f) { return f.required_string("email", 320); },
                         [&](const std::string& email) {
                           auto result = subscribers.resend_verification(email);
                           if (!result) return http::problem_response(result.error());
                           return http::json_response(202, {{"status", "sent_if_pending"}});
                         });
                   }));

  router.add(route(verb::post, "/api/v1/auth/login", Access::anyone, [&subscribers, &sessions](RequestContext& ctx) {
    return http::with_body_fields(
        ctx,
        [](http::BodyFields& f) { return Credentials{f.required_string("email", 320), f.required_string("password", 1024)}; },
        [&](const Credentials& in) {
          auto result = subscribers.sign_in(in.email, in.password, request_meta(ctx));
          if (!result) return http::problem_response(result.error());
          attach_session(ctx, result->session, sessions.policy());
          return http::json_response(200, {{"account", subscriber_json(result->account)}});
        });
  }));

  router.add(route(verb::post, "/api/v1/auth/logout", Access::anyone, [&sessions](RequestContext& ctx) {
    if (ctx.principal) {
      const auto& who = *ctx.principal;
      auto result = sessions.sign_out(who.kind == http::Principal::Kind::staff ? "staff" : "subscriber",
                                      who.account_id, who.session_id, request_meta(ctx));
      if (!result) return http::problem_response(result.error());
    }
    detach_session(ctx);
    return http::empty_response(204);
  }));

  router.add(route(verb::post, "/api/v1/auth/password-reset", Access::anyone, [&subscribers](RequestContext& ctx) {
    return http::with_body_fields(
        ctx, [](http::BodyFields& f) { return f.required_string("email", 320); },
        [&](const std::string& email) {
          auto result = subscribers.request_password_reset(email, request_meta(ctx));
          if (!result) return http::problem_response(result.error());
          return http::json_response(202, {{"status", "sent_if_registered"}});
        });
  }));

  router.add(route(verb::post, "/api/v1/auth/password-reset/confirm", Access::anyone,
                   [&subscribers](RequestContext& ctx) {
                     struct Input { std::string email, code, new_password; };
                     return http::with_body_fields(
                         ctx,
                         [](http::BodyFields& f) {
                           return Input{f.required_string("email", 320), f.required_string("code", 32),
                                        f.required_string("new_password", 1024)};
                         },
                         [&](const Input& in) {
                           auto result = subscribers.confirm_password_reset(in.email, in.code, in.new_password,
                                                                            request_meta(ctx));
                           if (!result) return http::problem_response(result.error());
                           return http::json_response(200, {{"status", "password_changed"}});
                         });
                   }));

  router.add(route(verb::post, "/api/v1/auth/password", Access::subscriber,
                   [&subscribers, &sessions](RequestContext& ctx) {
                     return http::with_body_fields(
                         ctx,
                         [](http::BodyFields& f) {
                           return Credentials{f.required_string("current_password", 1024),
                                              f.required_string("new_password", 1024)};
                         },
                         [&](const Credentials& in) {
                           auto result = subscribers.change_password(ctx.principal->account_id, in.email,
                                                                     in.password, request_meta(ctx));
                           if (!result) return http::problem_response(result.error());
                           attach_session(ctx, result->session, sessions.policy());
                           return http::json_response(200, {{"account", subscriber_json(result->account)}});
                         });
                   }));
}

}  // namespace simreg::accounts

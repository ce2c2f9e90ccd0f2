#include "staff/staff_routes.hpp"

#include "accounts/session_cookies.hpp"
#include "http/with_body_fields.hpp"
#include "staff/staff_json.hpp"

namespace simreg::staff {
namespace {

using http::Access;
using http::RequestContext;
using http::Response;
using http::RouteSpec;
using verb = http::bhttp::verb;

RouteSpec route(verb method, std::string pattern, Access access, std::set<std::string> roles, http::Handler handler) {
  RouteSpec spec;
  spec.method = method;
  spec.pattern = std::move(pattern);
  spec.access = access;
  spec.roles = std::move(roles);
  spec.handler = std::move(handler);
  return spec;
}

Actor actor_of(const RequestContext& ctx) { return {ctx.principal->account_id, accounts::request_meta(ctx)}; }

template <class T>
Response render(const Result<T>& result, unsigned status, const std::function<nlohmann::json(const T&)>& to_json) {
  if (!result) return http::problem_response(result.error());
  return http::json_response(status, to_json(*result));
}

nlohmann::json wrap_staff(const StaffView& view) { return {{"staff", staff_json(view)}}; }

}  // namespace

void register_staff_auth_routes(http::Router& router, StaffService& staff, accounts::SessionService& sessions) {
  router.add(route(verb::post, "/api/v1/staff/auth/login", Access::anyone, {}, [&](RequestContext& ctx) {
    struct Input {
      std::string email, password, totp;
    };
    return http::with_body_fields(
        ctx,
        [](http::BodyFields& f) {
          return Input{f.required_string("email", 320), f.required_string("password", 1024),
                       f.required_string("totp", 16)};
        },
        [&](const Input& in) {
          auto result = staff.sign_in(in.email, in.password, in.totp, accounts::request_meta(ctx));
          if (!result) return http::problem_response(result.error());
          accounts::attach_session(ctx, result->session, sessions.policy());
          return http::json_response(200, {{"account", staff_me_json(result->account)}});
        });
  }));

  router.add(route(verb::post, "/api/v1/staff/auth/password", Access::anyone, {}, [&](RequestContext& ctx) {
    struct Input {
      std::string email, password, new_password, totp;
    };
    return http::with_body_fields(
        ctx,
        [](http::BodyFields& f) {
          return Input{f.required_string("email", 320), f.required_string("password", 1024),
                       f.required_string("new_password", 1024), f.required_string("totp", 16)};
        },
        [&](const Input& in) {
          auto result =
              staff.change_password(in.email, in.password, in.new_password, in.totp, accounts::request_meta(ctx));
          if (!result) return http::problem_response(result.error());
          accounts::attach_session(ctx, result->session, sessions.policy());
          return http::json_response(200, {{"account", staff_me_json(result->account)}});
        });
  }));
}

void register_admin_routes(http::Router& router, StaffService& staff) {
  const std::set<std::string> admin{"admin"};
  router.add(route(verb::get, "/api/v1/admin/staff", Access::staff, admin, [&](RequestContext&) {
    auto result = staff.list();
    if (!result) return http::problem_response(result.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& view : *result) items.push_back(staff_json(view));
    return http::json_response(200, {{"items", items}});
  }));

  router.add(route(verb::post, "/api/v1/admin/staff", Access::staff, admin, [&](RequestContext& ctx) {
    struct Input {
      std::string email;
      std::vector<std::string> roles;
      std::optional<std::string> store_id;
    };
    return http::with_body_fields(
        ctx,
        [](http::BodyFields& f) {
          return Input{f.required_string("email", 320), f.required_string_array("roles", 6),
                       f.optional_string("store_id", 64)};
        },
        [&](const Input& in) {
          auto result = staff.add(in.email, in.roles, in.store_id, actor_of(ctx));
          if (!result) return http::problem_response(result.error());
          return http::json_response(201, {{"staff", staff_json(result->staff)},
                                           {"one_time_password", result->one_time_password},
                                           {"totp_uri", result->totp_uri}});
        });
  }));

  router.add(route(verb::post, "/api/v1/admin/staff/{id}/disable", Access::staff, admin, [&](RequestContext& ctx) {
    return render<StaffView>(staff.set_status(ctx.path_params.at("id"), "disabled", actor_of(ctx)), 200, wrap_staff);
  }));

  router.add(route(verb::post, "/api/v1/admin/staff/{id}/enable", Access::staff, admin, [&](RequestContext& ctx) {
    return render<StaffView>(staff.set_status(ctx.path_params.at("id"), "active", actor_of(ctx)), 200, wrap_staff);
  }));

  router.add(route(verb::put, "/api/v1/admin/staff/{id}/roles", Access::staff, admin, [&](RequestContext& ctx) {
    return http::with_body_fields(
        ctx, [](http::BodyFields& f) { return f.required_string_array("roles", 6); },
        [&](const std::vector<std::string>& roles) {
          return render<StaffView>(staff.set_roles(ctx.path_params.at("id"), roles, actor_of(ctx)), 200, wrap_staff);
        });
  }));
}

}  // namespace simreg::staff

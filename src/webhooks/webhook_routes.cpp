#include "webhooks/webhook_routes.hpp"

#include <charconv>

#include "http/with_body_fields.hpp"
#include "webhooks/webhook_json.hpp"
#include "webhooks/webhook_rules.hpp"

namespace simreg::webhooks {
namespace {

using http::Access;
using http::RequestContext;
using http::Response;
using http::RouteSpec;
using verb = http::bhttp::verb;

constexpr int kDefaultDeliveryLimit = 50;

RouteSpec admin_route(verb method, std::string pattern, http::Handler handler) {
  RouteSpec spec;
  spec.method = method;
  spec.pattern = std::move(pattern);
  spec.access = Access::staff;
  spec.roles = {"admin"};
  spec.body_limit = 8 * 1024;
  spec.handler = std::move(handler);
  return spec;
}

Actor actor_of(const RequestContext& ctx) {
  return {ctx.principal ? ctx.principal->account_id : std::string(), {ctx.client_address, ctx.request_id}};
}

// ?limit=N, 1..500; absent means 50.
Result<int> limit_param(const RequestContext& ctx) {
  const auto it = ctx.query_params.find("limit");
  if (it == ctx.query_params.end()) return kDefaultDeliveryLimit;
  int limit = 0;
  const std::string& text = it->second;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
  if (ec != std::errc() || end != text.data() + text.size() || limit < 1 || limit > 500) {
    return Error::make(ErrorKind::invalid_input, "webhooks.invalid_limit", "Ask for between 1 and 500 deliveries.");
  }
  return limit;
}

}  // namespace

void register_webhook_admin_routes(http::Router& router, WebhookService& webhooks) {
  router.add(admin_route(verb::get, "/api/v1/admin/webhooks", [&](RequestContext&) {
    auto endpoints = webhooks.list_endpoints();
    if (!endpoints) return http::problem_response(endpoints.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& endpoint : *endpoints) items.push_back(endpoint_json(endpoint));
    return http::json_response(200, {{"items", items}});
  }));

  router.add(admin_route(verb::post, "/api/v1/admin/webhooks", [&](RequestContext& ctx) {
    struct Input {
      std::string url;
      std::vector<std::string> events;
      std::optional<std::string> secret;
    };
    return http::with_body_fields(
        ctx,
        [](http::BodyFields& f) {
          return Input{f.required_string("url", kMaxUrlLength + 1), f.required_string_array("events", 16),
                       f.optional_string("secret", kMaxSecretLength + 1)};
        },
        [&](const Input& in) {
          auto created = webhooks.add_endpoint(in.url, in.events, in.secret, actor_of(ctx));
          if (!created) return http::problem_response(created.error());
          nlohmann::json out = endpoint_json(created->endpoint);
          out["secret"] = created->secret;
          return http::json_response(201, out);
        });
  }));

  router.add(admin_route(verb::delete_, "/api/v1/admin/webhooks/{id}", [&](RequestContext& ctx) {
    auto done = webhooks.deactivate_endpoint(ctx.path_params.at("id"), actor_of(ctx));
    if (!done) return http::problem_response(done.error());
    return http::empty_response(204);
  }));

  router.add(admin_route(verb::get, "/api/v1/admin/webhooks/{id}/deliveries", [&](RequestContext& ctx) {
    auto limit = limit_param(ctx);
    if (!limit) return http::problem_response(limit.error());
    auto deliveries = webhooks.list_deliveries(ctx.path_params.at("id"), *limit);
    if (!deliveries) return http::problem_response(deliveries.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& delivery : *deliveries) items.push_back(delivery_json(delivery));
    return http::json_response(200, {{"items", items}});
  }));

  router.add(admin_route(verb::post, "/api/v1/admin/webhooks/{id}/deliveries/{delivery_id}/redeliver",
                         [&](RequestContext& ctx) {
                           auto delivery = webhooks.redeliver(ctx.path_params.at("id"),
                                                              ctx.path_params.at("delivery_id"), actor_of(ctx));
                           if (!delivery) return http::problem_response(delivery.error());
                           return http::json_response(202, delivery_json(*delivery));
                         }));
}

}  // namespace simreg::webhooks

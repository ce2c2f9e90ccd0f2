#include "sims/sim_routes.hpp"

#include "accounts/session_cookies.hpp"
#include "http/with_body_fields.hpp"
#include "sims/line_json.hpp"

namespace simreg::sims {
namespace {

using http::Access;
using http::RequestContext;
using http::Response;
using http::RouteSpec;
using verb = http::bhttp::verb;

constexpr std::size_t kMaxMsisdnLength = 64;
constexpr std::size_t kMaxCodeLength = 32;

RouteSpec subscriber_route(verb method, std::string pattern, http::Handler handler) {
  RouteSpec spec;
  spec.method = method;
  spec.pattern = std::move(pattern);
  spec.access = Access::subscriber;
  spec.body_limit = 4 * 1024;
  spec.handler = std::move(handler);
  return spec;
}

nlohmann::json lines_json(const std::vector<Line>& lines) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& line : lines) array.push_back(line_json(line));
  return array;
}

}  // namespace

void register_sim_routes(http::Router& router, SimService& sims) {
  router.add(subscriber_route(verb::get, "/api/v1/sims", [&sims](RequestContext& ctx) {
    auto lines = sims.lines_of(ctx.principal->account_id);
    if (!lines) return http::problem_response(lines.error());
    return http::json_response(200, {{"lines", lines_json(*lines)}});
  }));

  router.add(subscriber_route(verb::post, "/api/v1/sims/link", [&sims](RequestContext& ctx) {
    return http::with_body_fields(
        ctx, [](http::BodyFields& f) { return f.required_string("msisdn", kMaxMsisdnLength); },
        [&](const std::string& msisdn) {
          const auto& who = *ctx.principal;
          auto started =
              sims.link_request(who.account_id, msisdn, who.locale, accounts::request_meta(ctx));
          if (!started) return http::problem_response(started.error());
          return http::json_response(202,
                                     {{"msisdn", started->msisdn},
                                      {"expires_in_seconds", started->expires_in_seconds},
                                      {"resend_after_seconds", started->resend_after_seconds}});
        });
  }));

  router.add(
      subscriber_route(verb::post, "/api/v1/sims/link/confirm", [&sims](RequestContext& ctx) {
        struct Input {
          std::string msisdn, code;
        };
        return http::with_body_fields(
            ctx,
            [](http::BodyFields& f) {
              return Input{f.required_string("msisdn", kMaxMsisdnLength),
                           f.required_string("code", kMaxCodeLength)};
            },
            [&](const Input& in) {
              auto line = sims.link_confirm(ctx.principal->account_id, in.msisdn, in.code,
                                            accounts::request_meta(ctx));
              if (!line) return http::problem_response(line.error());
              return http::json_response(200, {{"line", line_json(*line)}});
            });
      }));
}

}  // namespace simreg::sims

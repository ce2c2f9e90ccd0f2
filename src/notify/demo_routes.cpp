#include "notify/demo_routes.hpp"

#include "core/clock.hpp"

namespace simreg::notify {
namespace {

constexpr std::size_t kMaxAddressLength = 320;

nlohmann::json item_json(const OutboxEntry& entry) {
  return {{"id", entry.id},
          {"to", entry.to},
          {"channel", channel_code(entry.channel)},
          {"template", entry.template_id},
          {"status", entry.status},
          {"created_at", format_utc_ms(entry.created_at_ms)},
          {"subject", entry.subject},
          {"body", entry.body}};
}

}  // namespace

void register_demo_outbox_routes(http::Router& router, Outbox& outbox) {
  http::RouteSpec spec;
  spec.method = http::bhttp::verb::get;
  spec.pattern = "/api/v1/demo/outbox";
  spec.access = http::Access::anyone;
  spec.handler = [&outbox](http::RequestContext& ctx) {
    // No address (or an empty search field) lists everyone's latest messages: this route exists
    // only in demo mode, where every account is a throwaway.
    std::optional<std::string> to;
    const auto param = ctx.query_params.find("to");
    if (param != ctx.query_params.end() &&
        param->second.find_first_not_of(" \t") != std::string::npos) {
      to = param->second;
    }
    if (to && to->size() > kMaxAddressLength) {
      return http::problem_response(Error::validation(
          {{"/to", "field.too_long", "An address or phone number is at most 320 characters."}}));
    }
    auto entries = outbox.list(to, kDemoOutboxLimit);
    if (!entries) return http::problem_response(entries.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& entry : *entries) items.push_back(item_json(entry));
    return http::json_response(200, {{"items", items}});
  };
  router.add(std::move(spec));
}

}  // namespace simreg::notify

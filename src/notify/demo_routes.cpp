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
    const auto to = ctx.query_params.find("to");
    const bool blank =
        to == ctx.query_params.end() || to->second.find_first_not_of(" \t") == std::string::npos;
    if (blank || to->second.size() > kMaxAddressLength) {
      // Listing everyone's messages would hand out every account's codes, even in a demo.
      return http::problem_response(
          Error::validation({{"/to", blank ? "field.required" : "field.too_long",
                              "Give the e-mail address or phone number."}}));
    }
    auto entries = outbox.list(to->second, kDemoOutboxLimit);
    if (!entries) return http::problem_response(entries.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& entry : *entries) items.push_back(item_json(entry));
    return http::json_response(200, {{"items", items}});
  };
  router.add(std::move(spec));
}

}  // namespace simreg::notify

#include "webhooks/webhook_json.hpp"

#include "core/clock.hpp"

namespace simreg::webhooks {
namespace {

nlohmann::json optional_time(const std::optional<std::int64_t>& ms) {
  return ms ? nlohmann::json(format_utc_ms(*ms)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json endpoint_json(const Endpoint& endpoint) {
  return {{"id", endpoint.id},
          {"url", endpoint.url},
          {"events", endpoint.events},
          {"active", endpoint.active},
          {"created_at", format_utc_ms(endpoint.created_at_ms)},
          {"secret_hint", endpoint.secret_hint}};
}

nlohmann::json delivery_json(const Delivery& delivery) {
  nlohmann::json attempts = nlohmann::json::array();
  for (const auto& attempt : delivery.attempts) {
    attempts.push_back({{"at", format_utc_ms(attempt.at_ms)},
                        {"status_code", attempt.status_code ? nlohmann::json(*attempt.status_code)
                                                            : nlohmann::json(nullptr)},
                        {"error", attempt.error ? nlohmann::json(*attempt.error) : nlohmann::json(nullptr)},
                        {"duration_ms", attempt.duration_ms}});
  }
  return {{"id", delivery.id},
          {"event_id", delivery.event_id},
          {"event_type", delivery.event_type},
          {"status", delivery.status},
          {"attempts", std::move(attempts)},
          {"next_attempt_at", optional_time(delivery.next_attempt_at_ms)},
          {"created_at", format_utc_ms(delivery.created_at_ms)},
          {"delivered_at", optional_time(delivery.delivered_at_ms)}};
}

}  // namespace simreg::webhooks

// WebhookService: the carrier's webhook endpoints and the events recorded for them. Admins add,
// list and deactivate endpoints (secrets sealed at rest, shown once); publish() writes one event
// (the exact JSON bytes later signed and sent) and one pending delivery per subscribed active
// endpoint inside the caller's transaction. WebhookDispatcher sends them. Blocking I/O: call from
// the worker pool. Thread-safe (state lives in the database).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/audit_log.hpp"
#include "core/clock.hpp"
#include "core/request_meta.hpp"
#include "core/result.hpp"
#include "crypto/field_sealer.hpp"
#include "db/database.hpp"
#include "webhooks/event_publisher.hpp"

namespace simreg::webhooks {

struct Endpoint {
  std::string id;
  std::string url;
  std::vector<std::string> events;
  bool active = true;
  std::int64_t created_at_ms = 0;
  std::optional<std::string> created_by;  // staff id; nullopt when added on the command line
  std::string secret_hint;                // "…" + the secret's last 4 characters
};

struct NewEndpoint {
  Endpoint endpoint;
  std::string secret;  // shown once, to whoever added the endpoint
};

struct Attempt {
  std::int64_t at_ms = 0;
  std::optional<int> status_code;  // the receiver's HTTP status
  std::optional<std::string> error;  // webhooks.timeout, webhooks.connection_failed, ...
  std::int64_t duration_ms = 0;
};

struct Delivery {
  std::string id;
  std::string endpoint_id;
  std::string event_id;
  std::string event_type;
  std::string status;  // pending | delivered | failed ("delivering" is reported as pending)
  std::vector<Attempt> attempts;
  std::optional<std::int64_t> next_attempt_at_ms;
  std::int64_t created_at_ms = 0;
  std::optional<std::int64_t> delivered_at_ms;
};

// What the dispatcher needs to send one claimed delivery.
struct DeliveryJob {
  std::string delivery_id;
  int attempt = 0;  // this try's number (1, 2, ...)
  std::string url;
  std::string secret;
  std::string event_id;
  std::string event_type;
  std::string body;
  std::int64_t event_created_at_ms = 0;
};

// Who performs an admin action: an admin's id, or empty for the operator's command line.
struct Actor {
  std::string staff_id;
  RequestMeta meta;
};

struct WebhookServiceDeps {
  db::Database& db;
  const crypto::FieldSealer& sealer;
  audit::AuditLog& audit;
  const Clock& clock;
};

class WebhookService final : public EventPublisher {
 public:
  explicit WebhookService(WebhookServiceDeps deps);

  // Validates url/events/secret (422 validation.failed listing every bad field; see
  // webhook_rules.hpp); a missing secret is generated (32 random bytes, hex). Audited
  // webhooks.endpoint_added (id and events; never the secret).
  Result<NewEndpoint> add_endpoint(std::string_view url, const std::vector<std::string>& events,
                                   const std::optional<std::string>& secret, const Actor& actor);
  // Newest first, active and deactivated.
  Result<std::vector<Endpoint>> list_endpoints();
  // Stops the endpoint and fails its pending deliveries; idempotent. 404 webhooks.endpoint_not_found.
  // Audited webhooks.endpoint_deactivated.
  Result<void> deactivate_endpoint(const std::string& endpoint_id, const Actor& actor);
  // The endpoint's deliveries, newest first, each with its attempts in order. limit 1..500
  // (400 webhooks.invalid_limit); 404 webhooks.endpoint_not_found.
  Result<std::vector<Delivery>> list_deliveries(const std::string& endpoint_id, int limit = 50);
  // Sends a finished delivery (failed, or delivered but lost by the receiver) again now, with the
  // same event id and body: one more try, and the usual retries while the event is under 24 hours
  // old. Audited. Errors: webhooks.endpoint_not_found / webhooks.delivery_not_found (404),
  // webhooks.endpoint_inactive / webhooks.delivery_in_progress (409).
  Result<Delivery> redeliver(const std::string& endpoint_id, const std::string& delivery_id, const Actor& actor);

  Result<void> publish(db::Session& tx, std::string_view type, const nlohmann::json& data) override;

  // The delivery with its endpoint's URL and opened secret and its event; nullopt when there is
  // no such delivery. Errors: crypto.open_failed when the secret no longer opens, or storage.
  Result<std::optional<DeliveryJob>> load_job(const std::string& delivery_id);

 private:
  Result<Endpoint> endpoint_from_row(const db::Row& row) const;

  WebhookServiceDeps deps_;
};

}  // namespace simreg::webhooks

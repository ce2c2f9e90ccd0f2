#include "webhooks/webhook_service.hpp"

#include <algorithm>
#include <map>

#include "crypto/encoding.hpp"
#include "crypto/random.hpp"
#include "webhooks/webhook_rules.hpp"

namespace simreg::webhooks {
namespace {

constexpr std::string_view kEndpoints = "webhook_endpoints";
constexpr std::string_view kSecretColumn = "secret_sealed";
constexpr std::size_t kGeneratedSecretBytes = 32;
constexpr int kMaxDeliveries = 500;

constexpr std::string_view kSelectEndpoint =
    "SELECT id, url, events, secret_sealed, active, created_at, created_by FROM webhook_endpoints ";

Error endpoint_not_found() {
  return Error::make(ErrorKind::not_found, "webhooks.endpoint_not_found", "There is no such webhook endpoint.");
}

audit::AuditEvent audit_event(const Actor& actor, std::string action, const std::string& endpoint_id,
                              nlohmann::json details) {
  auto event = audit::request_event(actor.staff_id.empty() ? "system" : "staff", actor.staff_id, std::move(action),
                                    "webhook_endpoint", endpoint_id, actor.meta);
  event.details = std::move(details);
  return event;
}

std::string hint_of(std::string_view secret) {
  return "\u2026" + std::string(secret.substr(secret.size() >= 4 ? secret.size() - 4 : 0));
}

// "delivering" is an internal lease state; to an admin the delivery is still pending.
std::string public_status(const std::string& status) {
  return status == "delivering" ? "pending" : status;
}

// Deliveries with every attempt; `where` continues "WHERE" over webhook_deliveries d.
Result<std::vector<Delivery>> load_deliveries(db::Session& session, std::string_view where,
                                              const std::vector<db::Value>& params) {
  SIMREG_TRY_ASSIGN(auto rows, session.execute("SELECT d.id, d.event_id, e.type, d.status, d.next_attempt_at, "
                                                "d.created_at, d.delivered_at, d.endpoint_id "
                                                "FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id "
                                                "WHERE " + std::string(where),
                                                params));
  std::vector<Delivery> deliveries;
  std::map<std::string, std::size_t> index;
  std::string placeholders;
  std::vector<db::Value> ids;
  for (const auto& row : rows.rows) {
    Delivery delivery;
    delivery.id = row.text(0);
    delivery.endpoint_id = row.text(7);
    delivery.event_id = row.text(1);
    delivery.event_type = row.text(2);
    delivery.status = public_status(row.text(3));
    if (delivery.status == "pending") delivery.next_attempt_at_ms = row.opt_integer(4);
    delivery.created_at_ms = row.integer(5);
    delivery.delivered_at_ms = row.opt_integer(6);
    index[delivery.id] = deliveries.size();
    ids.emplace_back(delivery.id);
    placeholders += (placeholders.empty() ? "$" : ", $") + std::to_string(ids.size());
    deliveries.push_back(std::move(delivery));
  }
  if (ids.empty()) return deliveries;
  SIMREG_TRY_ASSIGN(auto attempts,
                    session.execute("SELECT delivery_id, at, status_code, error, duration_ms FROM webhook_attempts "
                                    "WHERE delivery_id IN (" + placeholders + ") ORDER BY delivery_id, seq",
                                    ids));
  for (const auto& row : attempts.rows) {
    Attempt attempt;
    attempt.at_ms = row.integer(1);
    if (auto code = row.opt_integer(2)) attempt.status_code = static_cast<int>(*code);
    attempt.error = row.opt_text(3);
    attempt.duration_ms = row.integer(4);
    deliveries[index.at(row.text(0))].attempts.push_back(std::move(attempt));
  }
  return deliveries;
}

}  // namespace

WebhookService::WebhookService(WebhookServiceDeps deps) : deps_(deps) {}

Result<NewEndpoint> WebhookService::add_endpoint(std::string_view url, const std::vector<std::string>& events,
                                                 const std::optional<std::string>& secret, const Actor& actor) {
  std::vector<FieldError> problems;
  if (auto bad = check_url(url)) problems.push_back(*bad);
  auto normalized = normalize_events(events);
  if (!normalized) problems.insert(problems.end(), normalized.error().fields.begin(), normalized.error().fields.end());
  if (secret) {
    if (auto bad = check_secret(*secret)) problems.push_back(*bad);
  }
  if (!problems.empty()) return Error::validation(std::move(problems));

  NewEndpoint created;
  created.secret = secret ? *secret : crypto::hex_encode(crypto::random_bytes(kGeneratedSecretBytes));
  Endpoint& endpoint = created.endpoint;
  endpoint.id = crypto::random_id("whe");
  endpoint.url = std::string(url);
  endpoint.events = *normalized;
  endpoint.active = true;
  endpoint.created_at_ms = deps_.clock.now_ms();
  if (!actor.staff_id.empty()) endpoint.created_by = actor.staff_id;
  endpoint.secret_hint = hint_of(created.secret);

  const std::string sealed = deps_.sealer.seal(created.secret, {kEndpoints, kSecretColumn, endpoint.id});
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY(tx.execute(
        "INSERT INTO webhook_endpoints (id, url, events, secret_sealed, active, created_at, created_by) "
        "VALUES ($1, $2, $3, $4, 1, $5, $6)",
        {endpoint.id, endpoint.url, join_events(endpoint.events), db::Bytes{sealed}, endpoint.created_at_ms,
         endpoint.created_by ? db::Value(*endpoint.created_by) : db::Value(db::Null{})}));
    return deps_.audit.append(
        tx, audit_event(actor, "webhooks.endpoint_added", endpoint.id, {{"events", endpoint.events}}));
  }));
  return created;
}

Result<std::vector<Endpoint>> WebhookService::list_endpoints() {
  SIMREG_TRY_ASSIGN(auto rows, deps_.db.execute(std::string(kSelectEndpoint) + "ORDER BY created_at DESC, id DESC"));
  std::vector<Endpoint> endpoints;
  endpoints.reserve(rows.rows.size());
  for (const auto& row : rows.rows) {
    SIMREG_TRY_ASSIGN(auto endpoint, endpoint_from_row(row));
    endpoints.push_back(std::move(endpoint));
  }
  return endpoints;
}

Result<void> WebhookService::deactivate_endpoint(const std::string& endpoint_id, const Actor& actor) {
  return deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(auto found, tx.execute("SELECT active FROM webhook_endpoints WHERE id = $1", {endpoint_id}));
    if (found.empty()) return endpoint_not_found();
    if (found.first().integer(0) == 0) return success();
    const std::int64_t now = deps_.clock.now_ms();
    SIMREG_TRY(tx.execute("UPDATE webhook_endpoints SET active = 0, deactivated_at = $2 WHERE id = $1",
                          {endpoint_id, now}));
    // Deliveries in flight finish their try; the dispatcher then fails them instead of retrying.
    SIMREG_TRY_ASSIGN(auto stopped,
                      tx.execute("UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL "
                                 "WHERE endpoint_id = $1 AND status = 'pending'",
                                 {endpoint_id}));
    return deps_.audit.append(tx, audit_event(actor, "webhooks.endpoint_deactivated", endpoint_id,
                                              {{"deliveries_stopped", stopped.rows_affected}}));
  });
}

Result<std::vector<Delivery>> WebhookService::list_deliveries(const std::string& endpoint_id, int limit) {
  if (limit < 1 || limit > kMaxDeliveries) {
    return Error::make(ErrorKind::invalid_input, "webhooks.invalid_limit", "Ask for between 1 and 500 deliveries.");
  }
  SIMREG_TRY_ASSIGN(auto found, deps_.db.execute("SELECT 1 FROM webhook_endpoints WHERE id = $1", {endpoint_id}));
  if (found.empty()) return endpoint_not_found();
  // One transaction: the deliveries and their attempts as of one moment.
  std::vector<Delivery> deliveries;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& session) -> Result<void> {
    SIMREG_TRY_ASSIGN(deliveries, load_deliveries(session, "d.endpoint_id = $1 ORDER BY d.created_at DESC, d.id DESC "
                                                           "LIMIT $2",
                                                  {endpoint_id, std::int64_t{limit}}));
    return success();
  }));
  return deliveries;
}

Result<Delivery> WebhookService::redeliver(const std::string& endpoint_id, const std::string& delivery_id,
                                           const Actor& actor) {
  Delivery out;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(auto endpoint, tx.execute("SELECT active FROM webhook_endpoints WHERE id = $1", {endpoint_id}));
    if (endpoint.empty()) return endpoint_not_found();
    SIMREG_TRY_ASSIGN(auto found, tx.execute("SELECT status, event_id FROM webhook_deliveries "
                                             "WHERE id = $1 AND endpoint_id = $2",
                                             {delivery_id, endpoint_id}));
    if (found.empty()) {
      return Error::make(ErrorKind::not_found, "webhooks.delivery_not_found", "This endpoint has no such delivery.");
    }
    if (endpoint.first().integer(0) == 0) {
      return Error::make(ErrorKind::conflict, "webhooks.endpoint_inactive",
                         "This endpoint is deactivated, so nothing is sent to it.");
    }
    const std::string previous = found.first().text(0);
    if (previous == "pending" || previous == "delivering") {
      return Error::make(ErrorKind::conflict, "webhooks.delivery_in_progress",
                         "This delivery is still being tried; wait for its outcome.");
    }
    SIMREG_TRY(tx.execute("UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $2, delivered_at = NULL, "
                          "lease_expires_at = NULL WHERE id = $1",
                          {delivery_id, deps_.clock.now_ms()}));
    SIMREG_TRY(deps_.audit.append(tx, audit_event(actor, "webhooks.redelivery_requested", endpoint_id,
                                                  {{"delivery_id", delivery_id},
                                                   {"event_id", found.first().text(1)},
                                                   {"previous_status", previous}})));
    SIMREG_TRY_ASSIGN(auto loaded, load_deliveries(tx, "d.id = $1", {delivery_id}));
    out = std::move(loaded.front());
    return success();
  }));
  return out;
}

Result<void> WebhookService::publish(db::Session& tx, std::string_view type, const nlohmann::json& data) {
  if (!is_event_type(type)) return Error::internal("Unknown webhook event type.");
  if (!data.is_object()) return Error::internal("Webhook event data must be a JSON object.");
  SIMREG_TRY_ASSIGN(auto endpoints, tx.execute("SELECT id, events FROM webhook_endpoints WHERE active = 1"));
  std::vector<std::string> subscribed;
  for (const auto& row : endpoints.rows) {
    const auto events = split_events(row.text(1));
    if (std::find(events.begin(), events.end(), type) != events.end()) subscribed.push_back(row.text(0));
  }
  // Nobody listens: nothing to deliver, so nothing is stored.
  if (subscribed.empty()) return success();

  const std::int64_t now = deps_.clock.now_ms();
  const std::string event_id = crypto::random_id("evt");
  const nlohmann::ordered_json envelope = {
      {"id", event_id}, {"type", type}, {"created_at", format_utc_ms(now)}, {"data", data}};
  const std::string body = envelope.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  SIMREG_TRY(tx.execute("INSERT INTO webhook_events (id, type, body, created_at) VALUES ($1, $2, $3, $4)",
                        {event_id, std::string(type), body, now}));
  for (const auto& endpoint_id : subscribed) {
    SIMREG_TRY(tx.execute(
        "INSERT INTO webhook_deliveries (id, endpoint_id, event_id, status, attempts, next_attempt_at, created_at) "
        "VALUES ($1, $2, $3, 'pending', 0, $4, $4)",
        {crypto::random_id("whd"), endpoint_id, event_id, now}));
  }
  return success();
}

Result<std::optional<DeliveryJob>> WebhookService::load_job(const std::string& delivery_id) {
  SIMREG_TRY_ASSIGN(
      auto rows,
      deps_.db.execute("SELECT d.attempts, p.id, p.url, p.secret_sealed, e.id, e.type, e.body, e.created_at "
                       "FROM webhook_deliveries d JOIN webhook_endpoints p ON p.id = d.endpoint_id "
                       "JOIN webhook_events e ON e.id = d.event_id WHERE d.id = $1",
                       {delivery_id}));
  if (rows.empty()) return std::optional<DeliveryJob>{};
  const db::Row& row = rows.first();
  DeliveryJob job;
  job.delivery_id = delivery_id;
  job.attempt = static_cast<int>(row.integer(0));
  const std::string endpoint_id = row.text(1);
  job.url = row.text(2);
  SIMREG_TRY_ASSIGN(job.secret, deps_.sealer.open(row.bytes(3), {kEndpoints, kSecretColumn, endpoint_id}));
  job.event_id = row.text(4);
  job.event_type = row.text(5);
  job.body = row.text(6);
  job.event_created_at_ms = row.integer(7);
  return std::optional<DeliveryJob>(std::move(job));
}

Result<Endpoint> WebhookService::endpoint_from_row(const db::Row& row) const {
  Endpoint endpoint;
  endpoint.id = row.text(0);
  endpoint.url = row.text(1);
  endpoint.events = split_events(row.text(2));
  SIMREG_TRY_ASSIGN(const std::string secret,
                    deps_.sealer.open(row.bytes(3), {kEndpoints, kSecretColumn, endpoint.id}));
  endpoint.secret_hint = hint_of(secret);
  endpoint.active = row.integer(4) != 0;
  endpoint.created_at_ms = row.integer(5);
  endpoint.created_by = row.opt_text(6);
  return endpoint;
}

}  // namespace simreg::webhooks

#include "webhooks/webhook_dispatcher.hpp"

#include <algorithm>
#include <string>

#include "core/log.hpp"
#include "webhooks/signature.hpp"

namespace simreg::webhooks {
namespace {

constexpr std::int64_t kLeaseMarginMs = 60 * 1000;

std::vector<std::string> headers_for(const DeliveryJob& job, std::int64_t unix_seconds) {
  return {"Content-Type: application/json",
          "Simreg-Event-Id: " + job.event_id,
          "Simreg-Event-Type: " + job.event_type,
          std::string(kSignatureHeader) + ": " + signature_header(job.secret, unix_seconds, job.body),
          "User-Agent: " + std::string(kUserAgent)};
}

}  // namespace

WebhookDispatcher::WebhookDispatcher(db::Database& db, WebhookService& service, const Clock& clock,
                                     DispatcherOptions options)
    : db_(db), service_(service), clock_(clock), options_(options) {}

WebhookDispatcher::~WebhookDispatcher() { stop(); }

std::int64_t WebhookDispatcher::lease_ms() const { return options_.timeout.count() + kLeaseMarginMs; }

void WebhookDispatcher::start() {
  if (!threads_.empty()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  stop_requested_ = false;
  for (int i = 0; i < std::max(1, options_.threads); ++i) threads_.emplace_back([this] { run(); });
}

void WebhookDispatcher::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_requested_ = true;
  wake_.notify_all();
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  threads_.clear();
}

void WebhookDispatcher::run() {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    auto handled = deliver_due();
    if (!handled) log::warn("webhooks.dispatch_failed", {{"code", handled.error().code}});
    if (handled && *handled > 0) continue;  // more may already be due
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.poll, [this] { return stopping_; });
  }
}

Result<int> WebhookDispatcher::deliver_due() {
  const std::int64_t now = clock_.now_ms();
  // A try that never reported back (its dispatcher died) after the deadline is not retried, and
  // nothing is sent any more for an endpoint that was deactivated.
  SIMREG_TRY(db_.execute(
      "UPDATE webhook_deliveries SET status = 'failed', lease_expires_at = NULL, next_attempt_at = NULL "
      "WHERE (status = 'delivering' AND lease_expires_at <= $1 AND created_at <= $2) "
      "OR ((status = 'pending' OR (status = 'delivering' AND lease_expires_at <= $1)) "
      "AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE active = 0))",
      {now, now - kGiveUpAfterMs}));
  SIMREG_TRY_ASSIGN(
      auto due,
      db_.execute("SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints p ON p.id = d.endpoint_id "
                  "WHERE p.active = 1 AND ((d.status = 'pending' AND d.next_attempt_at <= $1) "
                  "OR (d.status = 'delivering' AND d.lease_expires_at <= $1)) "
                  "ORDER BY d.next_attempt_at, d.id LIMIT $2",
                  {now, std::int64_t{kClaimBatch}}));
  int handled = 0;
  for (const auto& row : due.rows) {
    if (stop_requested_) break;
    const std::string id = row.text(0);
    const std::int64_t started = clock_.now_ms();
    SIMREG_TRY_ASSIGN(const bool claimed, claim(id, started));
    if (!claimed) continue;  // another dispatcher took it
    ++handled;
    auto job = service_.load_job(id);
    if (!job) {
      // A secret that no longer opens (tampered, or its key is gone) never will: fail now. Other
      // errors are the database's; the lease runs out and the delivery is tried again.
      if (!job.error().code.starts_with("crypto.")) return std::move(job).error();
      SIMREG_TRY_ASSIGN(auto attempts, db_.execute("SELECT attempts FROM webhook_deliveries WHERE id = $1", {id}));
      const int attempt = attempts.empty() ? 1 : static_cast<int>(attempts.first().integer(0));
      SIMREG_TRY(fail_unopenable(id, attempt, started, "webhooks.secret_unavailable"));
      continue;
    }
    if (!job->has_value()) continue;
    const DeliveryJob& delivery = **job;
    const PostOutcome outcome =
        post_json(delivery.url, headers_for(delivery, started / 1000), delivery.body, options_.timeout);
    SIMREG_TRY(record(delivery, started, outcome));
  }
  return handled;
}

Result<bool> WebhookDispatcher::claim(const std::string& id, std::int64_t now) {
  SIMREG_TRY_ASSIGN(
      auto updated,
      db_.execute("UPDATE webhook_deliveries SET status = 'delivering', attempts = attempts + 1, "
                  "lease_expires_at = $2 WHERE id = $1 AND ((status = 'pending' AND next_attempt_at <= $3) "
                  "OR (status = 'delivering' AND lease_expires_at <= $3))",
                  {id, now + lease_ms(), now}));
  return updated.rows_affected == 1;
}

Result<void> WebhookDispatcher::record(const DeliveryJob& job, std::int64_t started_ms, const PostOutcome& outcome) {
  const std::int64_t now = clock_.now_ms();
  const bool delivered = outcome.delivered();
  const std::optional<std::int64_t> next =
      delivered ? std::nullopt : next_attempt_at(job.attempt, now, job.event_created_at_ms, options_.retry_base_ms);
  SIMREG_TRY(db_.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY(tx.execute(
        "INSERT INTO webhook_attempts (delivery_id, seq, at, status_code, error, duration_ms) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        {job.delivery_id, std::int64_t{job.attempt}, started_ms,
         outcome.status_code ? db::Value(std::int64_t{*outcome.status_code}) : db::Value(db::Null{}),
         outcome.error ? db::Value(*outcome.error) : db::Value(db::Null{}), outcome.duration_ms}));
    // `attempts = seq` guards against a slower dispatcher whose lease ran out and was re-claimed:
    // only the latest try decides the delivery's state.
    if (delivered) {
      SIMREG_TRY(tx.execute("UPDATE webhook_deliveries SET status = 'delivered', delivered_at = $3, lease_expires_at = NULL, "
                   "next_attempt_at = NULL WHERE id = $1 AND attempts = $2 AND status = 'delivering'",
                   {job.delivery_id, std::int64_t{job.attempt}, now}));
      return success();
    }
    if (!next) {
      SIMREG_TRY(tx.execute("UPDATE webhook_deliveries SET status = 'failed', lease_expires_at = NULL, next_attempt_at = NULL "
                   "WHERE id = $1 AND attempts = $2 AND status = 'delivering'",
                   {job.delivery_id, std::int64_t{job.attempt}}));
      return success();
    }
    SIMREG_TRY(tx.execute("UPDATE webhook_deliveries SET lease_expires_at = NULL, next_attempt_at = $3, status = CASE WHEN "
                 "EXISTS (SELECT 1 FROM webhook_endpoints p WHERE p.id = webhook_deliveries.endpoint_id AND "
                 "p.active = 1) THEN 'pending' ELSE 'failed' END "
                 "WHERE id = $1 AND attempts = $2 AND status = 'delivering'",
                 {job.delivery_id, std::int64_t{job.attempt}, *next}));
    return success();
  }));
  nlohmann::json fields = {{"delivery", job.delivery_id}, {"event", job.event_id}, {"attempt", job.attempt}};
  if (outcome.status_code) fields["status_code"] = *outcome.status_code;
  if (outcome.error) fields["code"] = *outcome.error;
  if (delivered) {
    log::info("webhooks.delivered", fields);
  } else if (next) {
    log::warn("webhooks.retry_scheduled", fields);
  } else {
    log::error("webhooks.failed", fields);
  }
  return success();
}

Result<void> WebhookDispatcher::fail_unopenable(const std::string& id, int attempt, std::int64_t now,
                                                const std::string& code) {
  SIMREG_TRY(db_.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY(tx.execute(
        "INSERT INTO webhook_attempts (delivery_id, seq, at, status_code, error, duration_ms) "
        "VALUES ($1, $2, $3, NULL, $4, 0)",
        {id, std::int64_t{attempt}, now, code}));
    SIMREG_TRY(tx.execute(
        "UPDATE webhook_deliveries SET status = 'failed', lease_expires_at = NULL, next_attempt_at = NULL "
        "WHERE id = $1 AND status = 'delivering'",
        {id}));
    return success();
  }));
  log::error("webhooks.failed", {{"delivery", id}, {"code", code}});
  return success();
}

}  // namespace simreg::webhooks

#include "notify/outbox_dispatcher.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "core/log.hpp"

namespace simreg::notify {
namespace {

constexpr std::int64_t kFirstDelayMs = 1000;
constexpr std::int64_t kMaxDelayMs = 60 * 60 * 1000;

}  // namespace

std::int64_t retry_delay_ms(int attempts) {
  const int doublings = std::clamp(attempts - 1, 0, 30);
  return std::min(kFirstDelayMs << doublings, kMaxDelayMs);
}

OutboxDispatcher::OutboxDispatcher(db::Database& db, Outbox& outbox, MessageSender& email,
                                   MessageSender& sms, const Clock& clock,
                                   std::chrono::milliseconds poll)
    : db_(db), outbox_(outbox), email_(email), sms_(sms), clock_(clock), poll_(poll) {}

OutboxDispatcher::~OutboxDispatcher() { stop(); }

void OutboxDispatcher::start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  stop_requested_ = false;
  thread_ = std::thread([this] { run(); });
}

void OutboxDispatcher::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_requested_ = true;
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OutboxDispatcher::run() {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    auto handled = deliver_due();
    if (!handled) log::warn("notify.dispatch_failed", {{"code", handled.error().code}});
    if (handled && *handled > 0) continue;  // more may already be due
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, poll_, [this] { return stopping_; });
  }
}

Result<int> OutboxDispatcher::deliver_due() {
  const std::int64_t now = clock_.now_ms();
  // A lease that expired on the last allowed attempt (the sender crashed or hung) is not retried.
  SIMREG_TRY(
      db_.execute("UPDATE outbox SET status = 'failed', lease_expires_at = NULL, last_error_code = "
                  "'notify.lease_expired' "
                  "WHERE status = 'sending' AND lease_expires_at <= $1 AND attempts >= $2",
                  {now, std::int64_t{kMaxAttempts}}));
  SIMREG_TRY_ASSIGN(
      auto due,
      db_.execute("SELECT id FROM outbox WHERE (status = 'pending' AND next_attempt_at <= $1) "
                  "OR (status = 'sending' AND lease_expires_at <= $1) "
                  "ORDER BY next_attempt_at, id LIMIT $2",
                  {now, std::int64_t{kClaimBatch}}));
  int handled = 0;
  for (const auto& row : due.rows) {
    if (stop_requested_) break;
    const std::string id = row.text(0);
    SIMREG_TRY_ASSIGN(const bool claimed, claim(id, clock_.now_ms()));
    if (!claimed) continue;  // another dispatcher took it
    ++handled;
    auto loaded = outbox_.get(id);
    if (!loaded) {
      // A row that no longer opens (tampered, or its key is gone) will never open: fail it now
      // rather than retrying. Anything else is the database's and is retried when the lease ends.
      if (!loaded.error().code.starts_with("crypto.")) return std::move(loaded).error();
      SIMREG_TRY(db_.execute(
          "UPDATE outbox SET status = 'failed', lease_expires_at = NULL, last_error_code = $2 "
          "WHERE id = $1 AND status = 'sending'",
          {id, loaded.error().code}));
      log::error("notify.failed", {{"id", id}, {"code", loaded.error().code}});
      continue;
    }
    const auto& entry = *loaded;
    if (!entry) continue;
    MessageSender& sender = entry->channel == Channel::email ? email_ : sms_;
    const Result<void> sent = sender.send(*entry);
    SIMREG_TRY(record_outcome(*entry, sent));
  }
  return handled;
}

Result<bool> OutboxDispatcher::claim(const std::string& id, std::int64_t now) {
  SIMREG_TRY_ASSIGN(
      auto updated,
      db_.execute(
          "UPDATE outbox SET status = 'sending', attempts = attempts + 1, lease_expires_at = $2 "
          "WHERE id = $1 AND attempts < $4 AND ((status = 'pending' AND next_attempt_at <= $3) "
          "OR (status = 'sending' AND lease_expires_at <= $3))",
          {id, now + kLeaseMs, now, std::int64_t{kMaxAttempts}}));
  return updated.rows_affected == 1;
}

Result<void> OutboxDispatcher::record_outcome(const OutboxEntry& entry, const Result<void>& sent) {
  const std::int64_t now = clock_.now_ms();
  if (sent) {
    SIMREG_TRY(
        db_.execute("UPDATE outbox SET status = 'sent', sent_at = $2, lease_expires_at = NULL, "
                    "last_error_code = NULL WHERE id = $1 AND status = 'sending'",
                    {entry.id, now}));
    log::info("notify.sent",
              {{"id", entry.id}, {"template", entry.template_id}, {"attempts", entry.attempts}});
    return success();
  }
  const std::string& code = sent.error().code;
  if (entry.attempts >= kMaxAttempts) {
    SIMREG_TRY(db_.execute(
        "UPDATE outbox SET status = 'failed', lease_expires_at = NULL, last_error_code = $2 "
        "WHERE id = $1 AND status = 'sending'",
        {entry.id, code}));
    log::error("notify.failed", {{"id", entry.id}, {"code", code}, {"attempts", entry.attempts}});
    return success();
  }
  const std::int64_t next = now + retry_delay_ms(entry.attempts);
  SIMREG_TRY(db_.execute(
      "UPDATE outbox SET status = 'pending', lease_expires_at = NULL, next_attempt_at = $2, "
      "last_error_code = $3 WHERE id = $1 AND status = 'sending'",
      {entry.id, next, code}));
  log::warn("notify.retry_scheduled",
            {{"id", entry.id}, {"code", code}, {"attempts", entry.attempts}});
  return success();
}

}  // namespace simreg::notify

// OutboxDispatcher: delivers outbox messages on a background thread. Each message is claimed with
// a conditional UPDATE (status 'sending' plus a lease), so several dispatchers — threads or server
// instances — never send it twice while the lease holds; a crash mid-send is retried once the lease
// expires. Failures are retried with exponential backoff; after kMaxAttempts the message fails.
// start()/stop() from one owning thread; deliver_due() is safe to call concurrently.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "notify/message_sender.hpp"
#include "notify/outbox.hpp"

namespace simreg::notify {

inline constexpr int kMaxAttempts = 10;
inline constexpr std::int64_t kLeaseMs = 2 * 60 * 1000;  // longer than any sender's timeout
inline constexpr int kClaimBatch = 50;

// Delay before the next try after `attempts` failed ones: 1 s · 2^(attempts-1), capped at 1 h.
std::int64_t retry_delay_ms(int attempts);

class OutboxDispatcher {
 public:
  OutboxDispatcher(db::Database& db, Outbox& outbox, MessageSender& email, MessageSender& sms,
                   const Clock& clock,
                   std::chrono::milliseconds poll = std::chrono::milliseconds(500));
  ~OutboxDispatcher();  // stops
  OutboxDispatcher(const OutboxDispatcher&) = delete;
  OutboxDispatcher& operator=(const OutboxDispatcher&) = delete;

  void start();  // no-op when running
  void stop();   // finishes the message in hand, then joins; idempotent

  // One pass: claims due messages one by one (pending and due, or 'sending' with an expired lease),
  // sends each, then marks it sent or schedules a retry (failed after kMaxAttempts). Returns how
  // many messages it attempted; stops early once stop() was called.
  Result<int> deliver_due();

 private:
  Result<bool> claim(const std::string& id, std::int64_t now);
  Result<void> record_outcome(const OutboxEntry& entry, const Result<void>& sent);
  void run();

  db::Database& db_;
  Outbox& outbox_;
  MessageSender& email_;
  MessageSender& sms_;
  const Clock& clock_;
  std::chrono::milliseconds poll_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;                    // guarded by mutex_
  std::atomic<bool> stop_requested_{false};  // read between messages without the lock
  std::thread thread_;
};

}  // namespace simreg::notify

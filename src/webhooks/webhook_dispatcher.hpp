// WebhookDispatcher: sends pending webhook deliveries on background threads. Each delivery is
// claimed with a conditional UPDATE (status 'delivering' plus a lease longer than the HTTP
// timeout), so dispatchers in several threads or server instances never send it at once; a crash
// mid-send is retried when the lease ends. Every try is recorded; failures are retried per
// retry_schedule.hpp until 24 h after the event, then the delivery fails. Logs carry delivery ids,
// status codes and error codes only. start()/stop() from one owning thread; deliver_due() is safe
// to call concurrently.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "webhooks/retry_schedule.hpp"
#include "webhooks/webhook_client.hpp"
#include "webhooks/webhook_service.hpp"

namespace simreg::webhooks {

inline constexpr int kClaimBatch = 50;
inline constexpr std::string_view kUserAgent = "simreg-webhooks/1";

struct DispatcherOptions {
  std::chrono::milliseconds timeout{10'000};  // per HTTP request
  std::int64_t retry_base_ms = kDefaultRetryBaseMs;
  std::chrono::milliseconds poll{500};
  int threads = 2;  // one slow receiver must not hold up every other endpoint
};

class WebhookDispatcher {
 public:
  WebhookDispatcher(db::Database& db, WebhookService& service, const Clock& clock, DispatcherOptions options = {});
  ~WebhookDispatcher();  // stops
  WebhookDispatcher(const WebhookDispatcher&) = delete;
  WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

  void start();  // no-op when running
  void stop();   // finishes the deliveries in hand, then joins; idempotent

  // One pass: fails what ran out of time or lost its endpoint, then claims due deliveries one by
  // one, sends each and records the try. Returns how many it tried; stops early after stop().
  Result<int> deliver_due();

  std::int64_t lease_ms() const;

 private:
  Result<bool> claim(const std::string& id, std::int64_t now);
  Result<void> record(const DeliveryJob& job, std::int64_t started_ms, const PostOutcome& outcome);
  Result<void> fail_unopenable(const std::string& id, int attempt, std::int64_t now, const std::string& code);
  void run();

  db::Database& db_;
  WebhookService& service_;
  const Clock& clock_;
  DispatcherOptions options_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;                    // guarded by mutex_
  std::atomic<bool> stop_requested_{false};  // read between deliveries without the lock
  std::vector<std::thread> threads_;
};

}  // namespace simreg::webhooks

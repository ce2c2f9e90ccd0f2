// ConnectionRegistry: the live connections, so graceful shutdown can close the idle ones at once,
// let busy ones finish their response, and force-close stragglers when the grace period ends.
// Thread-safe; the close requests it sends are asynchronous (posted to each connection's strand).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace simreg::http {

class ConnectionControl {
 public:
  virtual ~ConnectionControl() = default;
  virtual void close_if_idle() = 0;  // closes only while waiting for the next request
  virtual void close_now() = 0;
};

class ConnectionRegistry {
 public:
  using Id = std::uint64_t;

  Id add(std::weak_ptr<ConnectionControl> connection);
  void remove(Id id);

  // Connections check this before waiting for another request; once true they finish and close.
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }

  // Sets stopping, closes idle connections, and calls on_empty (on the thread that removes the
  // last connection, or right away if there is none). Later calls do nothing.
  void begin_shutdown(std::function<void()> on_empty);
  void close_all();
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<Id, std::weak_ptr<ConnectionControl>> connections_;
  Id next_id_ = 1;
  std::atomic<bool> stopping_{false};
  std::function<void()> on_empty_;
};

}  // namespace simreg::http

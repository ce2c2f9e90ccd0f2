// ConnectionPool<C>: at most `size` connections, opened lazily by a factory and lent out one at a
// time. acquire() blocks up to the timeout, then fails with db.pool_exhausted (unavailable).
// Thread-safe; a Lease returns its connection when destroyed, and must not outlive the pool.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "db/database.hpp"
#include "db/storage_error.hpp"

namespace simreg::db {

template <class Connection>
class ConnectionPool {
 public:
  using Factory = std::function<Result<std::unique_ptr<Connection>>()>;

  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), connection_(std::move(other.connection_)) {}
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (pool_ != nullptr) pool_->give_back(std::move(connection_));
    }

    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }
    // Closes the connection instead of returning it (its state is unknown); the slot reopens lazily.
    void discard() { connection_.reset(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  ConnectionPool(int size, std::chrono::milliseconds acquire_timeout, Factory factory)
      : size_(size < 1 ? 1 : size), acquire_timeout_(acquire_timeout), factory_(std::move(factory)) {}
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  Result<Lease> acquire() {
    std::unique_lock lock(mutex_);
    const bool available = freed_.wait_for(lock, acquire_timeout_, [&] { return !idle_.empty() || open_ < size_; });
    if (!available) return pool_exhausted_error();
    ++in_use_;
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
    // Reserve the slot, then connect without holding the lock (connecting can take a while).
    ++open_;
    lock.unlock();
    auto opened = factory_();
    if (!opened) {
      lock.lock();
      --open_;
      --in_use_;
      freed_.notify_one();
      return std::move(opened).error();
    }
    return Lease(this, std::move(*opened));
  }

  PoolStats stats() const {
    std::lock_guard lock(mutex_);
    return PoolStats{size_, in_use_};
  }

 private:
  void give_back(std::unique_ptr<Connection> connection) {
    {
      std::lock_guard lock(mutex_);
      --in_use_;
      if (connection) {
        idle_.push_back(std::move(connection));
      } else {
        --open_;
      }
    }
    freed_.notify_one();
  }

  const int size_;
  const std::chrono::milliseconds acquire_timeout_;
  const Factory factory_;
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
  int in_use_ = 0;
};

}  // namespace simreg::db

// ConcurrencyLimiter: at most N holders at once; try_acquire never waits. Used to keep heavy work
// (image checks) to a share of the worker pool so cheap requests stay fast under a flood, and to
// shed load (503) instead of queueing. Thread-safe.
#pragma once

#include <atomic>

namespace simreg {

class ConcurrencyLimiter {
 public:
  explicit ConcurrencyLimiter(int limit) : limit_(limit < 1 ? 1 : limit) {}

  // RAII slot; falsy when the limiter was full.
  class Slot {
   public:
    Slot() = default;
    explicit Slot(ConcurrencyLimiter* owner) : owner_(owner) {}
    Slot(Slot&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
    Slot& operator=(Slot&& other) noexcept {
      if (this != &other) {
        release();
        owner_ = other.owner_;
        other.owner_ = nullptr;
      }
      return *this;
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() { release(); }
    explicit operator bool() const { return owner_ != nullptr; }

   private:
    void release() {
      if (owner_ != nullptr) owner_->in_use_.fetch_sub(1, std::memory_order_acq_rel);
      owner_ = nullptr;
    }
    ConcurrencyLimiter* owner_ = nullptr;
  };

  Slot try_acquire() {
    int current = in_use_.load(std::memory_order_acquire);
    while (current < limit_) {
      if (in_use_.compare_exchange_weak(current, current + 1, std::memory_order_acq_rel)) return Slot(this);
    }
    return Slot();
  }

  int in_use() const { return in_use_.load(std::memory_order_acquire); }
  int limit() const { return limit_; }

 private:
  const int limit_;
  std::atomic<int> in_use_{0};
};

}  // namespace simreg

// OrderedPipeline: produce(item, worker) for items 0..count-1 on several threads, handed to one
// consumer strictly in item order and at most `window` items ahead of it (bounded memory).
// next() is for one consumer thread; the destructor stops and joins; produce's exceptions
// are rethrown by next().
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace simreg::sims {

template <class T>
class OrderedPipeline {
 public:
  using Produce = std::function<T(std::size_t item, int worker)>;

  OrderedPipeline(std::size_t count, int workers, std::size_t window, Produce produce)
      : count_(count),
        window_(window < 1 ? 1 : window),
        produce_(std::move(produce)),
        slots_(window_) {
    const int threads = workers < 1 ? 1 : workers;
    threads_.reserve(static_cast<std::size_t>(threads));
    for (int worker = 0; worker < threads; ++worker)
      threads_.emplace_back([this, worker] { run(worker); });
  }

  ~OrderedPipeline() {
    stop();
    for (auto& thread : threads_) thread.join();
  }

  OrderedPipeline(const OrderedPipeline&) = delete;
  OrderedPipeline& operator=(const OrderedPipeline&) = delete;

  // The next result in item order; nullopt after the last one (or after stop()).
  std::optional<T> next() {
    std::unique_lock lock(mutex_);
    if (next_to_consume_ >= count_ || stopping_) return std::nullopt;
    auto& slot = slots_[next_to_consume_ % window_];
    produced_.wait(lock, [&] { return slot.has_value() || failure_; });
    if (failure_) std::rethrow_exception(failure_);
    T value = std::move(*slot);
    slot.reset();
    ++next_to_consume_;
    consumed_.notify_all();
    return value;
  }

  // Workers finish the item in hand and take no more.
  void stop() {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    consumed_.notify_all();
  }

 private:
  void run(int worker) {
    std::unique_lock lock(mutex_);
    for (;;) {
      // Item i reuses the slot of item i - window, so it waits until that one is consumed.
      consumed_.wait(lock, [&] {
        return stopping_ || failure_ || next_to_claim_ >= count_ ||
               next_to_claim_ < next_to_consume_ + window_;
      });
      if (stopping_ || failure_ || next_to_claim_ >= count_) return;
      const std::size_t item = next_to_claim_++;
      lock.unlock();
      std::optional<T> value;
      std::exception_ptr failure;
      try {
        value.emplace(produce_(item, worker));
      } catch (...) {
        failure = std::current_exception();
      }
      lock.lock();
      if (failure) {
        if (!failure_) failure_ = failure;
      } else {
        slots_[item % window_] = std::move(value);
      }
      produced_.notify_all();
    }
  }

  const std::size_t count_;
  const std::size_t window_;
  Produce produce_;
  std::mutex mutex_;
  std::condition_variable produced_;
  std::condition_variable consumed_;
  std::vector<std::optional<T>> slots_;
  std::size_t next_to_claim_ = 0;
  std::size_t next_to_consume_ = 0;
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::vector<std::thread> threads_;  // last: started after everything above exists
};

}  // namespace simreg::sims

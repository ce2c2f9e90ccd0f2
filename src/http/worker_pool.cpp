#include "http/worker_pool.hpp"

#include <pthread.h>
#include <sched.h>

#include <stdexcept>

#include "core/log.hpp"

namespace simreg::http {

WorkerPool::WorkerPool(int threads, std::size_t queue_capacity) : capacity_(queue_capacity) {
  if (threads < 1) throw std::invalid_argument("WorkerPool needs at least one thread");
  sleepers_.reserve(static_cast<std::size_t>(threads));
  idle_.reserve(static_cast<std::size_t>(threads));
  threads_.reserve(static_cast<std::size_t>(threads));
  for (int i = 0; i < threads; ++i) {
    sleepers_.push_back(std::make_unique<Sleeper>());
    threads_.emplace_back([this, self = sleepers_.back().get()] { work(*self); });
  }
}

WorkerPool::~WorkerPool() { shutdown(); }

bool WorkerPool::try_submit(std::function<void()> job) {
  Sleeper* wake = nullptr;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= capacity_) return false;
    queue_.push_back(std::move(job));
    if (!idle_.empty()) {
      wake = idle_.back();
      idle_.pop_back();
      wake->woken = true;
    }
  }
  if (wake != nullptr) wake->wake.notify_one();
  return true;
}

std::size_t WorkerPool::queue_depth() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

int WorkerPool::busy_threads() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(threads_.size() - idle_.size());
}

void WorkerPool::shutdown() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (Sleeper* sleeper : idle_) sleeper->woken = true;
    idle_.clear();
  }
  for (auto& sleeper : sleepers_) sleeper->wake.notify_all();
  std::call_once(joined_, [this] {
    for (auto& thread : threads_) thread.join();
  });
}

void WorkerPool::work(Sleeper& self) {
  // SCHED_BATCH: a worker woken for a job does not preempt the thread running on its core (the I/O
  // thread, usually); it waits for that thread's slice or the other core. Handing requests in and
  // responses out is what every request waits on, and on a small machine each such preemption
  // costs a context switch per request. Same nice level, no privileges needed.
  sched_param param{};
  param.sched_priority = 0;
  if (const int rc = pthread_setschedparam(pthread_self(), SCHED_BATCH, &param); rc != 0) {
    // Still correct, only slower.
    log::debug("http.worker_sched_batch_unavailable", {{"errno", rc}});
  }
  std::unique_lock lock(mutex_);
  for (;;) {
    if (queue_.empty()) {
      if (stopping_) return;  // stopping and drained
      self.woken = false;
      idle_.push_back(&self);
      self.wake.wait(lock, [&] { return self.woken; });
      continue;
    }
    std::function<void()> job = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    try {
      job();
    } catch (...) {
      // run_on() jobs never throw; this guards direct submitters so one bad job does not take a
      // worker thread (and with it the pool's capacity) down.
      log::error("http.worker_job_threw");
    }
    job = nullptr;  // the job's captures die outside the lock
    lock.lock();
  }
}

}  // namespace simreg::http

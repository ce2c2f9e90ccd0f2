// WorkerPool: a fixed set of threads running blocking work (database, password hashing, crypto,
// images) off the I/O threads, behind a bounded queue so overload becomes a fast 503, not latency.
// Workers run SCHED_BATCH and a job wakes the most recently idle one. Thread-safe. run_on()
// bridges a job into an Asio coroutine and resumes it on its own executor.
#pragma once

#include <utility>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

namespace simreg::http {

class WorkerPool {
 public:
  // threads >= 1; queue_capacity bounds jobs waiting (not the ones running). Throws
  // std::invalid_argument for threads < 1 (a startup configuration error).
  WorkerPool(int threads, std::size_t queue_capacity);
  ~WorkerPool();  // drains queued jobs, joins
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues the job; false when the queue is full or the pool is shut down (caller answers 503).
  // A job that throws is logged and dropped; run_on() jobs never throw.
  bool try_submit(std::function<void()> job);

  std::size_t queue_depth() const;
  // Threads running a job or woken for one (the rest wait for work).
  int busy_threads() const;
  std::size_t capacity() const { return capacity_; }
  int threads() const { return static_cast<int>(threads_.size()); }

  // Refuses new jobs, finishes queued ones and joins the threads; idempotent. Not from a job.
  void shutdown();

 private:
  // One per worker thread, owned by the pool so a submitter may signal it after unlocking.
  struct Sleeper {
    std::condition_variable wake;
    bool woken = false;  // under mutex_
  };

  void work(Sleeper& self);

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  // Idle workers, most recently idle last. A job wakes the last one: the busiest few workers
  // keep running warm while the rest stay asleep, instead of every job waking a cold thread.
  std::vector<Sleeper*> idle_;
  std::vector<std::unique_ptr<Sleeper>> sleepers_;
  std::vector<std::thread> threads_;
  std::once_flag joined_;
};

namespace detail {

// Shared between the submitted job and the initiating function, because std::function needs a
// copyable callable while the coroutine's completion handler is move-only.
template <class Handler, class F, class R>
struct RunOnState {
  Handler handler;
  F fn;
  // Keeps the coroutine's io_context running while the job is away on a worker thread.
  decltype(boost::asio::prefer(boost::asio::get_associated_executor(std::declval<Handler&>()),
                               boost::asio::execution::outstanding_work.tracked)) work;

  RunOnState(Handler h, F f)
      : handler(std::move(h)),
        fn(std::move(f)),
        work(boost::asio::prefer(boost::asio::get_associated_executor(handler),
                                 boost::asio::execution::outstanding_work.tracked)) {}

  // Called exactly once.
  void complete(std::exception_ptr error, std::optional<R> value) {
    boost::asio::post(work,
                      [handler = std::move(handler), error, value = std::move(value)]() mutable {
                        std::move(handler)(error, std::move(value));
                      });
  }
};

}  // namespace detail

// Runs fn on the pool and resumes the awaiting coroutine on its executor with fn's result;
// std::nullopt (fn not run) when the queue is full. An exception from fn is rethrown in the
// coroutine.
template <class F>
boost::asio::awaitable<std::optional<std::invoke_result_t<F>>> run_on(WorkerPool& pool, F fn) {
  using R = std::invoke_result_t<F>;
  auto initiation = [&pool](auto handler, F job_fn) {
    using State = detail::RunOnState<decltype(handler), F, R>;
    auto state = std::make_shared<State>(std::move(handler), std::move(job_fn));
    const bool queued = pool.try_submit([state] {
      std::optional<R> value;
      std::exception_ptr error;
      try {
        value.emplace(state->fn());
      } catch (...) {
        error = std::current_exception();
      }
      state->complete(error, std::move(value));
    });
    // Posted, not invoked here, so the coroutine is never resumed from inside its own co_await.
    if (!queued) state->complete(nullptr, std::nullopt);
  };
  co_return co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>,
                                                 void(std::exception_ptr, std::optional<R>)>(
      std::move(initiation), boost::asio::use_awaitable, std::move(fn));
}

}  // namespace simreg::http

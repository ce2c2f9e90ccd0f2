#include "http/worker_pool.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <stdexcept>
#include <thread>

namespace simreg::http {
namespace {

// Blocks workers until released, so tests can fill the queue deterministically.
class Gate {
 public:
  void wait() {
    std::unique_lock lock(mutex_);
    ++waiting_;
    changed_.notify_all();
    changed_.wait(lock, [this] { return open_; });
  }
  void wait_for_waiters(int n) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return waiting_ >= n; });
  }
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int waiting_ = 0;
  bool open_ = false;
};

TEST(WorkerPoolTest, RunsJobsAndReportsShape) {
  WorkerPool pool(3, 10);
  EXPECT_EQ(pool.threads(), 3);
  EXPECT_EQ(pool.capacity(), 10u);
  std::atomic<int> ran{0};
  std::promise<void> done;
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(pool.try_submit([&] {
      if (++ran == 5) done.set_value();
    }));
  }
  done.get_future().wait();
  EXPECT_EQ(ran.load(), 5);
}

TEST(WorkerPoolTest, RefusesWhenQueueIsFull) {
  WorkerPool pool(1, 2);
  Gate gate;
  ASSERT_TRUE(pool.try_submit([&] { gate.wait(); }));  // running
  gate.wait_for_waiters(1);
  EXPECT_TRUE(pool.try_submit([] {}));  // queued 1
  EXPECT_TRUE(pool.try_submit([] {}));  // queued 2
  EXPECT_EQ(pool.queue_depth(), 2u);
  EXPECT_FALSE(pool.try_submit([] {}));
  gate.open();
}

TEST(WorkerPoolTest, ShutdownDrainsQueuedJobsAndRefusesNewOnes) {
  std::atomic<int> ran{0};
  WorkerPool pool(1, 100);
  Gate gate;
  ASSERT_TRUE(pool.try_submit([&] { gate.wait(); }));
  gate.wait_for_waiters(1);
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(pool.try_submit([&] { ++ran; }));
  std::thread opener([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    gate.open();
  });
  pool.shutdown();
  opener.join();
  EXPECT_EQ(ran.load(), 20);
  EXPECT_FALSE(pool.try_submit([] {}));
  pool.shutdown();  // idempotent
}

TEST(WorkerPoolTest, ThrowingJobDoesNotKillTheWorker) {
  WorkerPool pool(1, 4);
  std::promise<void> after;
  ASSERT_TRUE(pool.try_submit([] { throw std::runtime_error("boom"); }));
  ASSERT_TRUE(pool.try_submit([&] { after.set_value(); }));
  EXPECT_EQ(after.get_future().wait_for(std::chrono::seconds(5)), std::future_status::ready);
}

// Waits (bounded) until every worker is back waiting for work.
bool settle(const WorkerPool& pool) {
  for (int i = 0; i < 5000 && pool.busy_threads() != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return pool.busy_threads() == 0;
}

// One job at a time goes to the worker that went idle last, so a lightly loaded pool keeps one warm
// thread busy instead of waking a different cold one for every job.
TEST(WorkerPoolTest, OneJobAtATimeRunsOnTheMostRecentlyIdleThread) {
  WorkerPool pool(4, 10);
  std::set<std::thread::id> used;
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(settle(pool));
    std::promise<std::thread::id> ran_on;
    ASSERT_TRUE(pool.try_submit([&] { ran_on.set_value(std::this_thread::get_id()); }));
    used.insert(ran_on.get_future().get());
  }
  EXPECT_EQ(used.size(), 1u);
}

// Under load every worker is woken: four blocking jobs run at once on four threads.
TEST(WorkerPoolTest, ConcurrentJobsWakeEveryWorker) {
  WorkerPool pool(4, 10);
  ASSERT_TRUE(settle(pool));
  Gate gate;
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(pool.try_submit([&] { gate.wait(); }));
  gate.wait_for_waiters(4);
  EXPECT_EQ(pool.busy_threads(), 4);
  EXPECT_EQ(pool.queue_depth(), 0u);
  gate.open();
  EXPECT_TRUE(settle(pool));
}

TEST(WorkerPoolTest, RejectsZeroThreads) { EXPECT_THROW(WorkerPool(0, 1), std::invalid_argument); }

boost::asio::awaitable<void> bridge(WorkerPool& pool, std::thread::id io_thread,
                                    std::optional<int>& out, std::thread::id& job_thread,
                                    bool& resumed_on_io) {
  out = co_await run_on(pool, [&job_thread] {
    job_thread = std::this_thread::get_id();
    return 42;
  });
  resumed_on_io = std::this_thread::get_id() == io_thread;
}

TEST(WorkerPoolTest, RunOnRunsOnPoolAndResumesOnExecutor) {
  WorkerPool pool(1, 1);
  boost::asio::io_context ioc;
  std::optional<int> out;
  std::thread::id job_thread;
  bool resumed_on_io = false;
  boost::asio::co_spawn(ioc,
                        bridge(pool, std::this_thread::get_id(), out, job_thread, resumed_on_io),
                        [](std::exception_ptr e) {
                          if (e) std::rethrow_exception(e);
                        });
  ioc.run();  // must not return before the job handed back (the pending job keeps work)
  EXPECT_EQ(out, 42);
  EXPECT_NE(job_thread, std::this_thread::get_id());
  EXPECT_TRUE(resumed_on_io);
}

boost::asio::awaitable<void> bridge_full(WorkerPool& pool, std::optional<int>& out, bool& ran) {
  out = co_await run_on(pool, [&ran] {
    ran = true;
    return 1;
  });
}

TEST(WorkerPoolTest, RunOnReturnsNulloptWithoutRunningWhenFull) {
  WorkerPool pool(1, 1);
  Gate gate;
  ASSERT_TRUE(pool.try_submit([&] { gate.wait(); }));
  gate.wait_for_waiters(1);
  ASSERT_TRUE(pool.try_submit([] {}));
  boost::asio::io_context ioc;
  std::optional<int> out = 7;
  bool ran = false;
  boost::asio::co_spawn(ioc, bridge_full(pool, out, ran), [](std::exception_ptr e) {
    if (e) std::rethrow_exception(e);
  });
  ioc.run();
  EXPECT_EQ(out, std::nullopt);
  EXPECT_FALSE(ran);
  gate.open();
}

boost::asio::awaitable<void> bridge_throw(WorkerPool& pool, std::string& caught) {
  try {
    co_await run_on(pool, []() -> int { throw std::runtime_error("from job"); });
  } catch (const std::runtime_error& e) {
    caught = e.what();
  }
}

TEST(WorkerPoolTest, RunOnRethrowsInCoroutine) {
  WorkerPool pool(1, 1);
  boost::asio::io_context ioc;
  std::string caught;
  boost::asio::co_spawn(ioc, bridge_throw(pool, caught), [](std::exception_ptr e) {
    if (e) std::rethrow_exception(e);
  });
  ioc.run();
  EXPECT_EQ(caught, "from job");
}

}  // namespace
}  // namespace simreg::http

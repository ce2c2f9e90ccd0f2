#include "db/retry_backoff.hpp"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

namespace simreg::db {
namespace {

constexpr long kMaxBackoffUs = 50'000;

}  // namespace

void sleep_before_retry(int attempt) {
  thread_local std::minstd_rand generator{std::random_device{}()};
  const long ceiling = std::min(kMaxBackoffUs, 1000L << std::clamp(attempt, 0, 16));
  std::uniform_int_distribution<long> pick(0, ceiling);
  std::this_thread::sleep_for(std::chrono::microseconds(pick(generator)));
}

}  // namespace simreg::db

#include "crypto/sodium_init.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <thread>
#include <vector>

namespace simreg::crypto {
namespace {

TEST(SodiumInit, ConcurrentCallsInitializeOnce) {
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) threads.emplace_back([] { initialize(); });
  for (auto& thread : threads) thread.join();
  initialize();
  // sodium_init() returns 1 when libsodium is already initialised, 0 when this call did it.
  EXPECT_EQ(sodium_init(), 1);
}

}  // namespace
}  // namespace simreg::crypto

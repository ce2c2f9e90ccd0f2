#include "crypto/sodium_init.hpp"

#include <sodium.h>

#include <mutex>

#include "crypto/contract.hpp"

namespace simreg::crypto {

void initialize() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Without a working RNG no key, token or nonce would be safe: refuse to run at all.
    if (sodium_init() < 0) contract_violation("sodium_init failed");
  });
}

}  // namespace simreg::crypto

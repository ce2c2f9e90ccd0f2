// Password hashing with Argon2id (libsodium crypto_pwhash_str_alg). The encoded string carries its
// own salt and parameters, so hashes made under older parameters still verify; needs_rehash tells
// when they should be upgraded. At most max_concurrent() hashes or verifications run at once (each
// holds mem_limit_bytes, 19 MiB+); callers past that wait their turn. Thread-safe; copies share
// the cap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace simreg::crypto {

// Defaults are the OWASP minimum for Argon2id (m=19 MiB, t=2, p=1); lower values are raised to it.
struct PasswordHashParams {
  std::uint64_t ops_limit = 2;
  std::size_t mem_limit_bytes = 19u * 1024 * 1024;
};

class PasswordHasher {
 public:
  // Clamps params to at least the OWASP minimum. max_concurrent < 1 means one per CPU core
  // (std::thread::hardware_concurrency): more would not finish sooner, only hold more memory.
  explicit PasswordHasher(PasswordHashParams params = {}, int max_concurrent = 0);

  // "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>"; fails (code "crypto.hash_failed") only when
  // the memory cannot be allocated.
  Result<std::string> hash(std::string_view password) const;
  // False for a wrong password and for anything that is not a valid encoded hash.
  bool verify(std::string_view encoded, std::string_view password) const;
  // True when `encoded` used weaker memory or time costs than params(), another algorithm, or is
  // unreadable. Stronger older parameters are kept: rehashing them would weaken the stored hash.
  bool needs_rehash(std::string_view encoded) const;
  const PasswordHashParams& params() const { return params_; }

  // The cap on Argon2id computations in flight, and how many run right now (a gauge for /metrics;
  // tests watch it). Peak memory for hashing is max_concurrent() × params().mem_limit_bytes.
  int max_concurrent() const;
  int in_flight() const;

 private:
  struct Slots;

  PasswordHashParams params_;
  std::shared_ptr<Slots> slots_;
};

}  // namespace simreg::crypto

// Password hashing with Argon2id (libsodium crypto_pwhash_str_alg). The encoded string carries its
// own salt and parameters, so hashes made under older parameters still verify; needs_rehash tells
// when they should be upgraded. Immutable after construction; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
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
  explicit PasswordHasher(PasswordHashParams params = {});  // clamps to at least the OWASP minimum

  // "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>"; fails (code "crypto.hash_failed") only when
  // the memory cannot be allocated.
  Result<std::string> hash(std::string_view password) const;
  // False for a wrong password and for anything that is not a valid encoded hash.
  bool verify(std::string_view encoded, std::string_view password) const;
  // True when `encoded` used weaker memory or time costs than params(), another algorithm, or is
  // unreadable. Stronger older parameters are kept: rehashing them would weaken the stored hash.
  bool needs_rehash(std::string_view encoded) const;
  const PasswordHashParams& params() const { return params_; }

 private:
  PasswordHashParams params_;
};

}  // namespace simreg::crypto

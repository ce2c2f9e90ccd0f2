// Randomness from the operating system's CSPRNG (libsodium randombytes): keys, nonces, tokens,
// identifiers and one-time codes. Never seeded, never deterministic. Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace simreg::crypto {

std::string random_bytes(std::size_t n);
std::string random_token(std::size_t bytes = 32);  // base64url of `bytes` random bytes, no padding
// prefix + "_" + 26 lowercase RFC 4648 base32 characters carrying 128 random bits, e.g. "ses_…".
std::string random_id(std::string_view prefix);
// `count` uniformly random decimal digits (one-time codes); empty when count <= 0.
std::string random_digits(int count);

}  // namespace simreg::crypto

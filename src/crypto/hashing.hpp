// Digests, MACs and comparison: SHA-256, BLAKE2b (optionally keyed), HMAC-SHA-256, and a
// constant-time equality for secrets. All return raw bytes (hex_encode them for text).
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace simreg::crypto {

std::string sha256(std::string_view data);  // 32 bytes
// out_len must be 16..64 and key empty or 16..64 bytes (libsodium crypto_generichash limits);
// anything else is a programming error and aborts.
std::string blake2b(std::string_view data, std::size_t out_len = 32, std::string_view key = {});
std::string hmac_sha256(std::string_view key,
                        std::string_view message);  // 32 bytes, any key length
// Time independent of the contents; false on length mismatch (lengths are not secret here).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace simreg::crypto

#include "crypto/hashing.hpp"

#include <sodium.h>

#include "crypto/contract.hpp"
#include "crypto/sodium_init.hpp"

namespace simreg::crypto {
namespace {

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string sha256(std::string_view data) {
  initialize();
  std::string out(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()), bytes_of(data), data.size());
  return out;
}

std::string blake2b(std::string_view data, std::size_t out_len, std::string_view key) {
  initialize();
  if (out_len < crypto_generichash_BYTES_MIN || out_len > crypto_generichash_BYTES_MAX) {
    contract_violation("blake2b output length outside 16..64 bytes");
  }
  if (!key.empty() && (key.size() < crypto_generichash_KEYBYTES_MIN ||
                       key.size() > crypto_generichash_KEYBYTES_MAX)) {
    contract_violation("blake2b key length outside 16..64 bytes");
  }
  std::string out(out_len, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(), bytes_of(data),
                     data.size(), key.empty() ? nullptr : bytes_of(key), key.size());
  return out;
}

std::string hmac_sha256(std::string_view key, std::string_view message) {
  initialize();
  // The streaming API, unlike crypto_auth_hmacsha256, accepts keys of any length (RFC 2104:
  // longer keys are hashed first), which protocols such as TOTP with SHA-256 need.
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, bytes_of(key), key.size());
  crypto_auth_hmacsha256_update(&state, bytes_of(message), message.size());
  std::string out(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char*>(out.data()));
  sodium_memzero(&state, sizeof state);
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  initialize();
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace simreg::crypto

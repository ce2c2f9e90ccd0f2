#include "crypto/password_hasher.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "crypto/sodium_init.hpp"

namespace simreg::crypto {
namespace {

constexpr std::uint64_t kMinOps = 2;
constexpr std::size_t kMinMemBytes = 19u * 1024 * 1024;
constexpr std::string_view kArgon2idPrefix = "$argon2id$v=19$";

struct EncodedCosts {
  std::uint64_t mem_kib = 0;
  std::uint64_t ops = 0;
};

// Reads "m=<kib>,t=<ops>,p=<lanes>$" that follows kArgon2idPrefix.
std::optional<EncodedCosts> parse_costs(std::string_view encoded) {
  if (!encoded.starts_with(kArgon2idPrefix)) return std::nullopt;
  std::string_view rest = encoded.substr(kArgon2idPrefix.size());
  EncodedCosts costs;
  auto read = [&rest](std::string_view label, std::uint64_t& value) {
    if (!rest.starts_with(label)) return false;
    rest.remove_prefix(label.size());
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
    if (ec != std::errc()) return false;
    rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
    return true;
  };
  if (!read("m=", costs.mem_kib) || !read(",t=", costs.ops)) return std::nullopt;
  return costs;
}

// libsodium wants a NUL-terminated string shorter than crypto_pwhash_STRBYTES.
std::optional<std::string> as_c_string(std::string_view encoded) {
  if (encoded.size() >= crypto_pwhash_STRBYTES || encoded.find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  return std::string(encoded);
}

}  // namespace

PasswordHasher::PasswordHasher(PasswordHashParams params) {
  initialize();
  params_.ops_limit =
      std::clamp<std::uint64_t>(params.ops_limit, kMinOps, crypto_pwhash_OPSLIMIT_MAX);
  params_.mem_limit_bytes =
      std::clamp<std::size_t>(params.mem_limit_bytes, kMinMemBytes, crypto_pwhash_MEMLIMIT_MAX);
}

Result<std::string> PasswordHasher::hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), params_.ops_limit,
                            params_.mem_limit_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error::make(ErrorKind::unavailable, "crypto.hash_failed",
                       "The password could not be hashed (out of memory).");
  }
  return std::string(out);
}

bool PasswordHasher::verify(std::string_view encoded, std::string_view password) const {
  const auto c_string = as_c_string(encoded);
  if (!c_string) return false;
  return crypto_pwhash_str_verify(c_string->c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needs_rehash(std::string_view encoded) const {
  const auto c_string = as_c_string(encoded);
  if (!c_string) return true;
  const int status =
      crypto_pwhash_str_needs_rehash(c_string->c_str(), params_.ops_limit, params_.mem_limit_bytes);
  if (status == 0) return false;
  if (status < 0) return true;  // not Argon2id, or malformed
  // libsodium reports any difference; only a weaker hash is worth replacing.
  const auto costs = parse_costs(encoded);
  if (!costs) return true;
  return costs->ops < params_.ops_limit || costs->mem_kib < params_.mem_limit_bytes / 1024;
}

}  // namespace simreg::crypto

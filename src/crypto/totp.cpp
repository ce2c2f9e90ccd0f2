#include "crypto/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <algorithm>
#include <limits>

#include "crypto/contract.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hashing.hpp"
#include "crypto/sodium_init.hpp"

namespace simreg::crypto {
namespace {

constexpr int kMinDigits = 6;  // RFC 4226 §5.3: at least six
constexpr int kMaxDigits = 9;  // the truncated value has 31 bits, so a tenth digit would be biased

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// libsodium has no SHA-1, which RFC 6238's default (and every authenticator app) needs; this is the
// only use of OpenSSL in simreg. The one-shot HMAC() is not deprecated in OpenSSL 3.
std::string hmac_sha1(std::string_view key, std::string_view message) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int out_len = 0;
  if (HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), bytes_of(message), message.size(),
           out, &out_len) == nullptr) {
    contract_violation("OpenSSL HMAC-SHA1 failed");
  }
  return std::string(reinterpret_cast<const char*>(out), out_len);
}

std::string hmac_sha512(std::string_view key, std::string_view message) {
  crypto_auth_hmacsha512_state state;
  crypto_auth_hmacsha512_init(&state, bytes_of(key), key.size());
  crypto_auth_hmacsha512_update(&state, bytes_of(message), message.size());
  std::string out(crypto_auth_hmacsha512_BYTES, '\0');
  crypto_auth_hmacsha512_final(&state, reinterpret_cast<unsigned char*>(out.data()));
  sodium_memzero(&state, sizeof state);
  return out;
}

std::string hmac(TotpAlgorithm algorithm, std::string_view key, std::string_view message) {
  switch (algorithm) {
    case TotpAlgorithm::sha1:
      return hmac_sha1(key, message);
    case TotpAlgorithm::sha256:
      return hmac_sha256(key, message);
    case TotpAlgorithm::sha512:
      return hmac_sha512(key, message);
  }
  contract_violation("unknown TOTP algorithm");
}

void check(const TotpParams& params) {
  if (params.period_seconds <= 0) contract_violation("TOTP period must be positive");
}

std::int64_t step_of(std::int64_t unix_seconds, int period_seconds) {
  return std::max<std::int64_t>(unix_seconds, 0) / period_seconds;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
        (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' || byte == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0f]);
    }
  }
  return out;
}

}  // namespace

std::string hotp_code(std::string_view secret, std::uint64_t counter, int digits,
                      TotpAlgorithm algorithm) {
  initialize();
  if (digits < kMinDigits || digits > kMaxDigits) contract_violation("OTP digits must be 6..9");
  char message[8];
  for (int i = 7; i >= 0; --i) {
    message[i] = static_cast<char>(counter & 0xff);
    counter >>= 8;
  }
  const std::string mac = hmac(algorithm, secret, std::string_view(message, sizeof message));
  // RFC 4226 §5.3 dynamic truncation.
  const std::size_t offset = static_cast<unsigned char>(mac.back()) & 0x0f;
  const std::uint32_t binary =
      (static_cast<std::uint32_t>(static_cast<unsigned char>(mac[offset]) & 0x7f) << 24) |
      (static_cast<std::uint32_t>(static_cast<unsigned char>(mac[offset + 1])) << 16) |
      (static_cast<std::uint32_t>(static_cast<unsigned char>(mac[offset + 2])) << 8) |
      static_cast<std::uint32_t>(static_cast<unsigned char>(mac[offset + 3]));
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  code.insert(0, static_cast<std::size_t>(digits) - code.size(), '0');
  return code;
}

std::string totp_code(std::string_view secret, std::int64_t unix_seconds,
                      const TotpParams& params) {
  check(params);
  return hotp_code(secret, static_cast<std::uint64_t>(step_of(unix_seconds, params.period_seconds)),
                   params.digits, params.algorithm);
}

std::optional<std::int64_t> totp_match(std::string_view secret, std::string_view code,
                                       std::int64_t unix_seconds, int window,
                                       const TotpParams& params) {
  check(params);
  if (code.size() != static_cast<std::size_t>(params.digits) ||
      !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  const std::int64_t now_step = step_of(unix_seconds, params.period_seconds);
  window = std::max(window, 0);
  std::optional<std::int64_t> matched;
  // No early exit: how long this takes must not reveal which step matched.
  for (std::int64_t delta = -window; delta <= window; ++delta) {
    if (delta > 0 && now_step > std::numeric_limits<std::int64_t>::max() - delta) break;
    const std::int64_t step = now_step + delta;
    if (step < 0) continue;
    const bool equal = constant_time_equal(
        hotp_code(secret, static_cast<std::uint64_t>(step), params.digits, params.algorithm), code);
    if (equal && !matched) matched = step;
  }
  return matched;
}

std::string totp_uri(std::string_view issuer, std::string_view account, std::string_view secret) {
  const std::string encoded_issuer = percent_encode(issuer);
  return "otpauth://totp/" + encoded_issuer + ":" + percent_encode(account) +
         "?secret=" + base32_encode(secret) + "&issuer=" + encoded_issuer +
         "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace simreg::crypto

#include "webhooks/signature.hpp"

#include <algorithm>
#include <charconv>

#include "crypto/encoding.hpp"
#include "crypto/hashing.hpp"

namespace simreg::webhooks {
namespace {

constexpr std::size_t kMacHexLength = 64;

Error malformed() {
  return Error::make(ErrorKind::invalid_input, "webhooks.signature_malformed",
                     "The signature header must look like t=<seconds>,v1=<64 hex digits>.");
}

bool is_lower_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::string compute_signature(std::string_view secret, std::int64_t unix_seconds, std::string_view body) {
  std::string payload = std::to_string(unix_seconds);
  payload += '.';
  payload += body;
  return crypto::hex_encode(crypto::hmac_sha256(secret, payload));
}

std::string signature_header(std::string_view secret, std::int64_t unix_seconds, std::string_view body) {
  return "t=" + std::to_string(unix_seconds) + ",v1=" + compute_signature(secret, unix_seconds, body);
}

Result<ParsedSignature> parse_signature_header(std::string_view header) {
  ParsedSignature parsed;
  bool have_t = false;
  for (bool more = true; more;) {
    const auto comma = header.find(',');
    more = comma != std::string_view::npos;
    const std::string_view item = header.substr(0, comma);
    header = more ? header.substr(comma + 1) : std::string_view();
    const auto eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0) return malformed();
    const std::string_view key = item.substr(0, eq);
    const std::string_view value = item.substr(eq + 1);
    if (key == "t") {
      if (have_t || value.empty() || value.size() > 18) return malformed();
      std::int64_t t = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), t);
      if (ec != std::errc() || end != value.data() + value.size() || t < 0) return malformed();
      parsed.timestamp = t;
      have_t = true;
    } else if (key == "v1") {
      if (value.size() != kMacHexLength || !is_lower_hex(value)) return malformed();
      parsed.v1.emplace_back(value);
    }
  }
  if (!have_t || parsed.v1.empty()) return malformed();
  return parsed;
}

Result<void> verify_signature(std::string_view secret, std::string_view header, std::string_view body,
                              std::int64_t now_seconds, std::int64_t tolerance_seconds) {
  SIMREG_TRY_ASSIGN(const ParsedSignature parsed, parse_signature_header(header));
  const std::int64_t skew = parsed.timestamp > now_seconds ? parsed.timestamp - now_seconds
                                                           : now_seconds - parsed.timestamp;
  if (skew > tolerance_seconds) {
    return Error::make(ErrorKind::unauthenticated, "webhooks.signature_expired",
                       "The signature's timestamp is outside the allowed window.");
  }
  const std::string expected = compute_signature(secret, parsed.timestamp, body);
  bool matched = false;
  // Every candidate is compared, so the time taken does not reveal which one matched.
  for (const auto& candidate : parsed.v1) matched = crypto::constant_time_equal(candidate, expected) || matched;
  if (!matched) {
    return Error::make(ErrorKind::unauthenticated, "webhooks.signature_mismatch",
                       "The signature does not match the body.");
  }
  return success();
}

}  // namespace simreg::webhooks

// The Simreg-Signature header: "t=<unix seconds>,v1=<lowercase hex HMAC-SHA256(secret, "<t>.<body>")>".
// Binding the timestamp into the MAC lets receivers refuse replays older than a tolerance; the
// verifier here is what a receiver would run (and what the tests run). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace simreg::webhooks {

inline constexpr std::string_view kSignatureHeader = "Simreg-Signature";
inline constexpr std::int64_t kDefaultToleranceSeconds = 300;

struct ParsedSignature {
  std::int64_t timestamp = 0;
  std::vector<std::string> v1;  // lowercase hex MACs (a receiver accepts any one that matches)
};

// Lowercase hex of HMAC-SHA256(secret, "<t>.<body>").
std::string compute_signature(std::string_view secret, std::int64_t unix_seconds, std::string_view body);
// The full header value.
std::string signature_header(std::string_view secret, std::int64_t unix_seconds, std::string_view body);

// Comma-separated key=value pairs, exactly one t (decimal, non-negative) and at least one v1 (64
// hex digits); unknown keys are ignored so schemes can be added. Error "webhooks.signature_malformed".
Result<ParsedSignature> parse_signature_header(std::string_view header);

// Parses, refuses a timestamp more than `tolerance_seconds` from `now_seconds`
// ("webhooks.signature_expired"), then compares in constant time ("webhooks.signature_mismatch").
Result<void> verify_signature(std::string_view secret, std::string_view header, std::string_view body,
                              std::int64_t now_seconds,
                              std::int64_t tolerance_seconds = kDefaultToleranceSeconds);

}  // namespace simreg::webhooks

// One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238) for staff second factors, plus the
// otpauth:// URI authenticator apps enrol from. `secret` is always raw bytes (base32 only in the
// URI). Pure functions; thread-safe. digits must be 6..9 and period > 0 (else the process aborts).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace simreg::crypto {

enum class TotpAlgorithm { sha1, sha256, sha512 };

struct TotpParams {
  int digits = 6;
  int period_seconds = 30;
  TotpAlgorithm algorithm = TotpAlgorithm::sha1;
};

std::string hotp_code(std::string_view secret, std::uint64_t counter, int digits,
                      TotpAlgorithm algorithm);
// The code for the step containing unix_seconds (times before 1970 count as step 0).
std::string totp_code(std::string_view secret, std::int64_t unix_seconds,
                      const TotpParams& params = {});
// The matching time step within ±window steps of now (so the caller can refuse a step already
// used), or nullopt. All candidate steps are computed and compared in constant time; if two match,
// the earlier step wins. Negative windows count as 0; steps before 1970 never match.
std::optional<std::int64_t> totp_match(std::string_view secret, std::string_view code,
                                       std::int64_t unix_seconds, int window = 1,
                                       const TotpParams& params = {});
// otpauth://totp/{Issuer}:{account}?secret={BASE32}&issuer={Issuer}&algorithm=SHA1&digits=6&period=30
// with issuer and account percent-encoded (RFC 3986 unreserved characters kept). `secret` is raw.
std::string totp_uri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace simreg::crypto

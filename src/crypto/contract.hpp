// Contract violations inside the crypto module: programming errors (a digest length libsodium
// cannot produce, a TOTP with zero digits), never bad input from a request. They stop the process
// rather than let a weak or malformed cryptographic value escape. Thread-safe.
#pragma once

namespace simreg::crypto {

// Writes `what` (a fixed message, never key material or personal data) to stderr and aborts.
[[noreturn]] void contract_violation(const char* what);

}  // namespace simreg::crypto

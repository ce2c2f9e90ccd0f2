// One-time libsodium initialisation (CPU feature detection, RNG set-up).
// initialize() is idempotent and thread-safe; every function of this module also calls it, so
// callers only need it to fail fast at start-up. Aborts the process if libsodium cannot start.
#pragma once

namespace simreg::crypto {

void initialize();

}  // namespace simreg::crypto

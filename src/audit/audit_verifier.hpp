// verify_audit_log: walks the whole audit log in seq order, recomputes the hash chain and checks
// every signed checkpoint against it, reporting the first problem in a sentence without personal
// data. Read-only; safe to run while the server appends (entries after the head it reads first are
// left for the next run). Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "crypto/keyring.hpp"
#include "db/database.hpp"

namespace simreg::audit {

struct VerifyReport {
  bool intact = false;
  std::int64_t entries = 0;      // entries checked (up to the first problem)
  std::int64_t checkpoints = 0;  // checkpoints whose signature and chain position were verified
  std::optional<std::int64_t> first_bad_seq;  // the earliest entry known to be wrong or missing
  std::string problem;  // e.g. "entry 42 was modified or reordered"; empty when intact
};

// Each checkpoint is checked with the key its key_id names: the keyring's current signing key or
// one it retired (crypto::Keyring::rotate_signing_key), so checkpoints signed before a rotation
// still verify. A checkpoint naming a key the keyring never held fails like a forged one.
// An error result means the log could not be read, not that it was tampered with.
Result<VerifyReport> verify_audit_log(db::Database& db, const crypto::Keyring& keyring);

// For a verifier holding only one raw Ed25519 public key (a third party): checkpoints signed by
// any other key fail.
Result<VerifyReport> verify_audit_log(db::Database& db, std::string_view signing_public_key);

}  // namespace simreg::audit

// AuditLog: appends security-relevant events to the tamper-evident log (see audit_chain.hpp) and
// writes Ed25519-signed checkpoints of its head. append(tx, ...) joins the caller's transaction so
// the entry commits or rolls back with the action it records; appenders serialize on the one-row
// audit_head table, so seq is gapless. Thread-safe (state lives in the database).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_event.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/field_sealer.hpp"
#include "crypto/keyring.hpp"
#include "crypto/signer.hpp"
#include "db/database.hpp"

namespace simreg::audit {

class AuditLog {
 public:
  // Every `checkpoint_every` entries, append() also writes a checkpoint in the same transaction.
  AuditLog(db::Database& db, const crypto::Keyring& keyring, const Clock& clock,
           int checkpoint_every = 100);

  // Inside the caller's transaction (atomic with the action it records). Call it last in the
  // transaction: it holds the head lock until commit.
  Result<void> append(db::Session& tx, const AuditEvent& event);
  // In its own transaction.
  Result<void> append(const AuditEvent& event);

  // A signed checkpoint of the current head; no-op when the log is empty or already checkpointed.
  Result<void> write_checkpoint();

  // Newest first, at most `limit` (1..1000), optionally only one actor's; addresses opened.
  Result<std::vector<AuditRecord>> recent(int limit, std::optional<std::string> actor_id = {});

 private:
  Result<void> insert_checkpoint(db::Session& tx, std::int64_t seq, const std::string& head_hash);

  db::Database& db_;
  crypto::FieldSealer sealer_;
  crypto::Signer signer_;
  const Clock& clock_;
  int checkpoint_every_;
};

}  // namespace simreg::audit

// The hash chain and checkpoint formats shared by the writer (AuditLog) and the verifier.
// entry_hash = BLAKE2b-256(prev_hash || canonical_entry(entry)); the first entry chains from 32
// zero bytes. Changing any encoding here invalidates every existing log: bump the version tags
// instead. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace simreg::audit {

inline constexpr std::size_t kHashBytes = 32;

// Every stored column of an audit_log row that the hash covers (all but prev_hash/entry_hash).
struct StoredEntry {
  std::int64_t seq = 0;
  std::string id;
  std::int64_t created_at_ms = 0;
  std::string actor_type;
  std::string actor_id;
  std::string action;
  std::string target_type;
  std::string target_id;
  std::string outcome;
  std::optional<std::string> client_address_sealed;  // NULL when no address was recorded
  std::string request_id;
  std::string details_json;  // exactly the stored text
};

// 32 zero bytes: the prev_hash of entry 1.
std::string genesis_hash();

// Unambiguous byte encoding: a version tag, then every field length-prefixed (8-byte big-endian)
// or as a fixed 8-byte big-endian integer, NULL distinct from empty.
std::string canonical_entry(const StoredEntry& entry);

// BLAKE2b-256(prev_hash || canonical_entry(entry)), raw bytes.
std::string chain_hash(std::string_view prev_hash, const StoredEntry& entry);

// "simreg-audit-checkpoint|v1|<seq>|<hex head hash>|<count>": the bytes a checkpoint signs.
std::string checkpoint_message(std::int64_t seq, std::string_view head_hash,
                               std::int64_t entry_count);

}  // namespace simreg::audit

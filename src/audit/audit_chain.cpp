#include "audit/audit_chain.hpp"

#include "crypto/encoding.hpp"
#include "crypto/hashing.hpp"

namespace simreg::audit {
namespace {

constexpr std::string_view kEntryTag = "simreg-audit-entry|v1";

void put_u64(std::string& out, std::uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((value >> shift) & 0xff));
}

void put_integer(std::string& out, std::int64_t value) {
  put_u64(out, static_cast<std::uint64_t>(value));
}

void put_field(std::string& out, std::string_view value) {
  put_u64(out, value.size());
  out.append(value);
}

}  // namespace

std::string genesis_hash() { return std::string(kHashBytes, '\0'); }

std::string canonical_entry(const StoredEntry& entry) {
  std::string out;
  out.reserve(256 + entry.details_json.size());
  put_field(out, kEntryTag);
  put_integer(out, entry.seq);
  put_field(out, entry.id);
  put_integer(out, entry.created_at_ms);
  put_field(out, entry.actor_type);
  put_field(out, entry.actor_id);
  put_field(out, entry.action);
  put_field(out, entry.target_type);
  put_field(out, entry.target_id);
  put_field(out, entry.outcome);
  if (entry.client_address_sealed) {
    out.push_back('\x01');
    put_field(out, *entry.client_address_sealed);
  } else {
    out.push_back('\x00');
  }
  put_field(out, entry.request_id);
  put_field(out, entry.details_json);
  return out;
}

std::string chain_hash(std::string_view prev_hash, const StoredEntry& entry) {
  std::string input(prev_hash);
  input += canonical_entry(entry);
  return crypto::blake2b(input, kHashBytes);
}

std::string checkpoint_message(std::int64_t seq, std::string_view head_hash,
                               std::int64_t entry_count) {
  return "simreg-audit-checkpoint|v1|" + std::to_string(seq) + "|" + crypto::hex_encode(head_hash) +
         "|" + std::to_string(entry_count);
}

}  // namespace simreg::audit

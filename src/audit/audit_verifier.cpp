#include "audit/audit_verifier.hpp"

#include <functional>
#include <map>
#include <vector>

#include "audit/audit_chain.hpp"
#include "crypto/signer.hpp"

namespace simreg::audit {
namespace {

constexpr std::int64_t kPageSize = 1000;

struct Checkpoint {
  std::int64_t seq = 0;
  std::string head_hash;
  std::int64_t entry_count = 0;
};

std::string seq_text(std::int64_t seq) { return std::to_string(seq); }

// Key ids are 16 hex digits; anything else read from the table is not echoed into the report.
std::string printable_key_id(std::string_view key_id) {
  const bool hex = !key_id.empty() && key_id.size() <= 64 &&
                   key_id.find_first_not_of("0123456789abcdef") == std::string_view::npos;
  return hex ? std::string(key_id) : std::string("(malformed)");
}

VerifyReport fail(VerifyReport report, std::optional<std::int64_t> first_bad, std::string problem) {
  report.intact = false;
  report.first_bad_seq = first_bad;
  report.problem = std::move(problem);
  return report;
}

StoredEntry stored_entry(const db::Row& row) {
  StoredEntry entry;
  entry.seq = row.integer(0);
  entry.id = row.text(1);
  entry.created_at_ms = row.integer(2);
  entry.actor_type = row.text(3);
  entry.actor_id = row.text(4);
  entry.action = row.text(5);
  entry.target_type = row.text(6);
  entry.target_id = row.text(7);
  entry.outcome = row.text(8);
  if (!row.is_null(9)) entry.client_address_sealed = row.bytes(9);
  entry.request_id = row.text(10);
  entry.details_json = row.text(11);
  return entry;
}

// Public key by key id; nullptr for a key the verifier does not trust.
using KeyLookup = std::function<const std::string*(std::string_view key_id)>;

Result<VerifyReport> verify_with(db::Database& db, const KeyLookup& key_for) {
  VerifyReport report;

  // Checkpoints are read before the head: every checkpoint committed by then covers at most the
  // head, so one past the head can only mean the head was rolled back or the tail deleted.
  SIMREG_TRY_ASSIGN(
      auto checkpoint_rows,
      db.execute("SELECT seq, head_hash, entry_count, signature, key_id FROM audit_checkpoints "
                 "ORDER BY seq"));
  std::map<std::int64_t, Checkpoint> checkpoints;
  for (const auto& row : checkpoint_rows.rows) {
    Checkpoint checkpoint{row.integer(0), row.bytes(1), row.integer(2)};
    const std::string message =
        checkpoint_message(checkpoint.seq, checkpoint.head_hash, checkpoint.entry_count);
    // The key id is not signed; it only picks the key. Pointing it at another known key makes the
    // signature fail below, so it cannot launder a forgery.
    const std::string key_id = row.text(4);
    const std::string* public_key = key_for(key_id);
    if (public_key == nullptr) {
      return fail(report, std::nullopt,
                  "the signed checkpoint at entry " + seq_text(checkpoint.seq) +
                      " names a signing key this keyring never held (key id " +
                      printable_key_id(key_id) + "): forged, or verified with the wrong keyring");
    }
    if (!crypto::Signer::verify(*public_key, message, row.bytes(3))) {
      return fail(report, std::nullopt,
                  "the signed checkpoint at entry " + seq_text(checkpoint.seq) +
                      " was forged or modified (its signature does not verify)");
    }
    if (checkpoint.entry_count != checkpoint.seq) {
      return fail(report, std::nullopt,
                  "the signed checkpoint at entry " + seq_text(checkpoint.seq) +
                      " has an inconsistent entry count");
    }
    checkpoints.emplace(checkpoint.seq, std::move(checkpoint));
  }

  SIMREG_TRY_ASSIGN(auto head_rows,
                    db.execute("SELECT last_seq, last_hash FROM audit_head WHERE id = 1"));
  if (head_rows.empty()) return fail(report, std::nullopt, "the audit head row is missing");
  const std::int64_t head_seq = head_rows.first().integer(0);
  const std::string head_hash = head_seq == 0 ? genesis_hash() : head_rows.first().bytes(1);

  std::string prev = genesis_hash();
  std::int64_t last_seq = 0;
  std::int64_t last_good_checkpoint = 0;
  for (;;) {
    SIMREG_TRY_ASSIGN(
        auto page,
        db.execute("SELECT seq, id, created_at, actor_type, actor_id, action, target_type, "
                   "target_id, outcome, client_address_sealed, request_id, details, "
                   "prev_hash, entry_hash FROM audit_log WHERE seq > $1 AND seq <= $2 "
                   "ORDER BY seq LIMIT $3",
                   {last_seq, head_seq, kPageSize}));
    for (const auto& row : page.rows) {
      const StoredEntry entry = stored_entry(row);
      const std::int64_t expected = last_seq + 1;
      if (entry.seq != expected) {
        const std::string missing = entry.seq == expected + 1
                                        ? "entry " + seq_text(expected) + " is missing"
                                        : "entries " + seq_text(expected) + " to " +
                                              seq_text(entry.seq - 1) + " are missing";
        return fail(report, expected, missing + " (deleted)");
      }
      ++report.entries;
      const std::string stored_prev = row.bytes(12);
      const std::string stored_hash = row.bytes(13);
      if (chain_hash(stored_prev, entry) != stored_hash) {
        return fail(report, entry.seq,
                    "entry " + seq_text(entry.seq) + " was modified or reordered");
      }
      if (stored_prev != prev) {
        return fail(report, entry.seq,
                    "the chain breaks at entry " + seq_text(entry.seq) +
                        " (an entry before it was deleted, replaced or reordered)");
      }
      prev = stored_hash;
      last_seq = entry.seq;
      if (auto checkpoint = checkpoints.find(entry.seq); checkpoint != checkpoints.end()) {
        if (checkpoint->second.head_hash != prev) {
          return fail(report, last_good_checkpoint + 1,
                      "entries " + seq_text(last_good_checkpoint + 1) + " to " +
                          seq_text(entry.seq) + " do not match the signed checkpoint at entry " +
                          seq_text(entry.seq) + " (rewritten after it was signed)");
        }
        ++report.checkpoints;
        last_good_checkpoint = entry.seq;
      }
    }
    if (static_cast<std::int64_t>(page.rows.size()) < kPageSize) break;
  }

  if (!checkpoints.empty() && checkpoints.rbegin()->first > last_seq) {
    const std::int64_t covered = checkpoints.rbegin()->first;
    return fail(report, last_seq + 1,
                "entries " + seq_text(last_seq + 1) + " to " + seq_text(covered) +
                    " were deleted (the signed checkpoint at entry " + seq_text(covered) +
                    " covers them)");
  }
  if (last_seq != head_seq) {
    return fail(report, last_seq + 1,
                "entries after " + seq_text(last_seq) +
                    " are missing (the audit head records entry " + seq_text(head_seq) + ")");
  }
  // An entry committed before MAX(seq) is read moved the head in the same transaction, so a head
  // read afterwards that is behind it was rolled back.
  SIMREG_TRY_ASSIGN(auto max_rows, db.execute("SELECT MAX(seq) FROM audit_log"));
  SIMREG_TRY_ASSIGN(auto head_now, db.execute("SELECT last_seq FROM audit_head WHERE id = 1"));
  const std::int64_t max_seq = max_rows.empty() ? 0 : max_rows.first().opt_integer(0).value_or(0);
  const std::int64_t current_head = head_now.empty() ? 0 : head_now.first().integer(0);
  if (max_seq > current_head) {
    return fail(report, current_head + 1,
                "entries after " + seq_text(current_head) +
                    " exist beyond the audit head (the head was rolled back)");
  }
  if (prev != head_hash) {
    return fail(report, last_seq, "the audit head does not match entry " + seq_text(last_seq));
  }
  report.intact = true;
  return report;
}

}  // namespace

Result<VerifyReport> verify_audit_log(db::Database& db, const crypto::Keyring& keyring) {
  return verify_with(db, [&keyring](std::string_view key_id) {
    return keyring.signing_public_key_for(key_id);
  });
}

Result<VerifyReport> verify_audit_log(db::Database& db, std::string_view signing_public_key) {
  const std::string trusted(signing_public_key);
  const std::string trusted_id = crypto::Keyring::key_id_of(trusted);
  return verify_with(db, [&](std::string_view key_id) {
    return key_id == trusted_id ? &trusted : nullptr;
  });
}

}  // namespace simreg::audit

#include "audit/audit_log.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "audit/audit_chain.hpp"
#include "crypto/random.hpp"

namespace simreg::audit {
namespace {

constexpr std::string_view kTable = "audit_log";
constexpr std::string_view kAddressColumn = "client_address";
constexpr int kMaxRecent = 1000;
constexpr std::array<std::string_view, 4> kActorTypes = {"subscriber", "staff", "system",
                                                         "anonymous"};

struct Head {
  std::int64_t seq = 0;
  std::string hash;
};

// The caller's transaction keeps the row lock until commit: that is what makes seq gapless.
Result<Head> lock_head(db::Session& tx) {
  const std::string_view sql =
      tx.dialect() == db::Dialect::postgres
          ? "SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE"
          : "SELECT last_seq, last_hash FROM audit_head WHERE id = 1";
  SIMREG_TRY_ASSIGN(auto rows, tx.execute(sql));
  if (rows.empty()) return Error::internal("The audit head row is missing; run the migrations.");
  Head head;
  head.seq = rows.first().integer(0);
  head.hash = head.seq == 0 ? genesis_hash() : rows.first().bytes(1);
  if (head.hash.size() != kHashBytes) return Error::internal("The audit head hash is malformed.");
  return head;
}

Result<void> validate(const AuditEvent& event) {
  const bool known_actor =
      std::find(kActorTypes.begin(), kActorTypes.end(), event.actor_type) != kActorTypes.end();
  if (!known_actor || event.action.empty() || event.target_type.empty() ||
      (event.outcome != "success" && event.outcome != "failure") || !event.details.is_object()) {
    return Error::make(ErrorKind::internal, "audit.invalid_event",
                       "An audit event is missing its actor type, action, target type or outcome.");
  }
  return success();
}

db::Value optional_bytes(const std::optional<std::string>& value) {
  if (!value) return db::Null{};
  return db::Bytes{*value};
}

}  // namespace

AuditLog::AuditLog(db::Database& db, const crypto::Keyring& keyring, const Clock& clock,
                   int checkpoint_every)
    : db_(db),
      sealer_(keyring),
      signer_(keyring),
      clock_(clock),
      checkpoint_every_(std::max(1, checkpoint_every)) {}

Result<void> AuditLog::append(db::Session& tx, const AuditEvent& event) {
  SIMREG_TRY(validate(event));
  SIMREG_TRY_ASSIGN(const Head head, lock_head(tx));

  StoredEntry entry;
  entry.seq = head.seq + 1;
  entry.id = crypto::random_id("aud");
  entry.created_at_ms = clock_.now_ms();
  entry.actor_type = event.actor_type;
  entry.actor_id = event.actor_id;
  entry.action = event.action;
  entry.target_type = event.target_type;
  entry.target_id = event.target_id;
  entry.outcome = event.outcome;
  if (!event.client_address.empty()) {
    entry.client_address_sealed =
        sealer_.seal(event.client_address, {kTable, kAddressColumn, entry.id});
  }
  entry.request_id = event.request_id;
  entry.details_json = event.details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::string hash = chain_hash(head.hash, entry);

  SIMREG_TRY(
      tx.execute("INSERT INTO audit_log (seq, id, created_at, actor_type, actor_id, action, "
                 "target_type, target_id, outcome, "
                 "client_address_sealed, request_id, details, prev_hash, entry_hash) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                 {entry.seq, entry.id, entry.created_at_ms, entry.actor_type, entry.actor_id,
                  entry.action, entry.target_type, entry.target_id, entry.outcome,
                  optional_bytes(entry.client_address_sealed), entry.request_id, entry.details_json,
                  db::Bytes{head.hash}, db::Bytes{hash}}));
  SIMREG_TRY(tx.execute(
      "UPDATE audit_head SET last_seq = $1, last_hash = $2, updated_at = $3 WHERE id = 1",
      {entry.seq, db::Bytes{hash}, entry.created_at_ms}));
  if (entry.seq % checkpoint_every_ == 0) SIMREG_TRY(insert_checkpoint(tx, entry.seq, hash));
  return success();
}

Result<void> AuditLog::append(const AuditEvent& event) {
  return db_.transaction([&](db::Session& tx) { return append(tx, event); });
}

Result<void> AuditLog::write_checkpoint() {
  return db_.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(const Head head, lock_head(tx));
    if (head.seq == 0) return success();
    SIMREG_TRY_ASSIGN(auto latest, tx.execute("SELECT MAX(seq) FROM audit_checkpoints"));
    if (!latest.empty() && latest.first().opt_integer(0) == head.seq) return success();
    return insert_checkpoint(tx, head.seq, head.hash);
  });
}

Result<void> AuditLog::insert_checkpoint(db::Session& tx, std::int64_t seq,
                                         const std::string& head_hash) {
  // Entries are gapless from 1, so the count equals seq; it is signed separately so a verifier
  // never has to trust that invariant.
  const std::int64_t count = seq;
  const std::string signature = signer_.sign(checkpoint_message(seq, head_hash, count));
  SIMREG_TRY(tx.execute(
      "INSERT INTO audit_checkpoints (seq, head_hash, entry_count, signature, key_id, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {seq, db::Bytes{head_hash}, count, db::Bytes{signature}, std::string(signer_.key_id()),
       clock_.now_ms()}));
  return success();
}

Result<std::vector<AuditRecord>> AuditLog::recent(int limit, std::optional<std::string> actor_id) {
  if (limit < 1 || limit > kMaxRecent) {
    return Error::make(ErrorKind::invalid_input, "audit.invalid_limit",
                       "Ask for between 1 and 1000 entries.");
  }
  const std::string columns =
      "SELECT seq, id, created_at, actor_type, actor_id, action, target_type, target_id, outcome, "
      "client_address_sealed, request_id, details FROM audit_log ";
  std::vector<db::Value> params{std::int64_t{limit}};
  std::string sql = columns + "ORDER BY seq DESC LIMIT $1";
  if (actor_id) {
    sql = columns + "WHERE actor_id = $2 ORDER BY seq DESC LIMIT $1";
    params.emplace_back(*actor_id);
  }
  SIMREG_TRY_ASSIGN(auto rows, db_.execute(sql, params));

  std::vector<AuditRecord> records;
  records.reserve(rows.rows.size());
  for (const auto& row : rows.rows) {
    AuditRecord record;
    record.seq = row.integer(0);
    record.id = row.text(1);
    record.created_at_ms = row.integer(2);
    record.actor_type = row.text(3);
    record.actor_id = row.text(4);
    record.action = row.text(5);
    record.target_type = row.text(6);
    record.target_id = row.text(7);
    record.outcome = row.text(8);
    if (!row.is_null(9)) {
      SIMREG_TRY_ASSIGN(record.client_address,
                        sealer_.open(row.bytes(9), {kTable, kAddressColumn, record.id}));
    }
    record.request_id = row.text(10);
    record.details = nlohmann::json::parse(row.text(11), nullptr, /*allow_exceptions=*/false);
    if (record.details.is_discarded()) {
      return Error::make(ErrorKind::internal, "audit.corrupt_entry",
                         "Audit entry " + std::to_string(record.seq) + " has unreadable details.");
    }
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace simreg::audit

#include "accounts/session_service.hpp"

#include <algorithm>

#include "crypto/encoding.hpp"
#include "crypto/hashing.hpp"
#include "crypto/random.hpp"

namespace simreg::accounts {
namespace {

std::string token_hash(std::string_view token) { return crypto::hex_encode(crypto::sha256(token)); }

}  // namespace

SessionService::SessionService(db::Database& db, audit::AuditLog& audit, const Clock& clock, SessionPolicy policy)
    : db_(db), audit_(audit), clock_(clock), policy_(policy) {}

Result<NewSession> SessionService::create(db::Session& tx, std::string_view account_kind,
                                          std::string_view account_id) {
  const std::int64_t now = clock_.now_ms();
  NewSession session{crypto::random_id("ses"), crypto::random_token(32), now + policy_.absolute_timeout_ms};
  SIMREG_TRY(tx.execute(
      "INSERT INTO sessions (id, token_hash, account_kind, account_id, created_at, last_seen_at, "
      "expires_at) VALUES ($1, $2, $3, $4, $5, $5, $6)",
      {session.session_id, token_hash(session.token), std::string(account_kind), std::string(account_id), now,
       session.expires_at_ms}));
  return session;
}

Result<std::optional<ActiveSession>> SessionService::resolve(std::string_view token) {
  if (token.empty() || token.size() > 128) return std::optional<ActiveSession>{};
  // One indexed read for every authenticated request: the session and, for a subscriber, the
  // language their texts are rendered in.
  SIMREG_TRY_ASSIGN(auto rows, db_.execute("SELECT s.id, s.account_kind, s.account_id, s.last_seen_at, s.expires_at, "
                                           "s.revoked_at, a.locale FROM sessions s LEFT JOIN subscribers a "
                                           "ON s.account_kind = 'subscriber' AND a.id = s.account_id "
                                           "WHERE s.token_hash = $1",
                                           {token_hash(token)}));
  if (rows.empty()) return std::optional<ActiveSession>{};
  const auto& row = rows.first();
  const std::int64_t now = clock_.now_ms();
  const std::int64_t last_seen = row.integer(3);
  if (!row.is_null(5) || now >= row.integer(4) || now - last_seen >= policy_.idle_timeout_ms) {
    return std::optional<ActiveSession>{};
  }
  // A write per request would serialize every page view on SQLite's single writer; the idle
  // timeout only needs minute precision.
  const std::int64_t refresh_every = std::min<std::int64_t>(60'000, policy_.idle_timeout_ms / 4);
  if (now - last_seen >= refresh_every) {
    SIMREG_TRY(db_.execute("UPDATE sessions SET last_seen_at = $1 WHERE id = $2", {now, row.text(0)}));
  }
  return std::optional<ActiveSession>(
      ActiveSession{row.text(0), row.text(1), row.text(2), row.opt_text(6).value_or(std::string())});
}

Result<void> SessionService::sign_out(std::string_view account_kind, std::string_view account_id,
                                      std::string_view session_id, const RequestMeta& meta) {
  return db_.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY(tx.execute("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
                          {clock_.now_ms(), std::string(session_id)}));
    return audit_.append(tx, audit::request_event(std::string(account_kind), std::string(account_id), "auth.logout",
                                                  std::string(account_kind), std::string(account_id), meta));
  });
}

Result<void> SessionService::revoke_all(db::Session& tx, std::string_view account_kind,
                                        std::string_view account_id,
                                        std::optional<std::string> keep_session_id) {
  SIMREG_TRY(tx.execute(
      "UPDATE sessions SET revoked_at = $1 WHERE account_kind = $2 AND account_id = $3 "
      "AND revoked_at IS NULL AND id <> $4",
      {clock_.now_ms(), std::string(account_kind), std::string(account_id), keep_session_id.value_or("")}));
  return success();
}

}  // namespace simreg::accounts

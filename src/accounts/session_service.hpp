// Server-side sessions for subscribers and staff. The cookie carries a random 256-bit token; only
// its SHA-256 is stored, so a database leak yields no usable session. Sessions end at sign-out,
// at password change, after the idle timeout and at the absolute timeout.
// Blocking I/O: call from the worker pool. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "audit/audit_log.hpp"
#include "core/clock.hpp"
#include "core/request_meta.hpp"
#include "core/result.hpp"
#include "db/database.hpp"

namespace simreg::accounts {

inline constexpr std::string_view kSessionCookie = "__Host-simreg";

struct SessionPolicy {
  std::int64_t idle_timeout_ms = 30 * 60 * 1000;
  std::int64_t absolute_timeout_ms = 12 * 60 * 60 * 1000;
};

struct NewSession {
  std::string session_id;
  std::string token;  // goes to the cookie only; never logged or stored
  std::int64_t expires_at_ms = 0;
};

struct ActiveSession {
  std::string session_id;
  std::string account_kind;  // "subscriber" | "staff"
  std::string account_id;
  std::string locale;  // a subscriber's chosen language, read in the same query; empty for staff
};

class SessionService {
 public:
  SessionService(db::Database& db, audit::AuditLog& audit, const Clock& clock, SessionPolicy policy);

  Result<NewSession> create(db::Session& tx, std::string_view account_kind, std::string_view account_id);
  // The live session for a cookie token (and marks it used), or nullopt when unknown/expired/revoked.
  // One indexed read per call, so a revocation takes effect on the next request. The idle clock
  // (last_seen_at) is written at most once a minute (every quarter of the idle timeout when that
  // is shorter): a session idle for idle_timeout_ms always ends, up to that step early, never late.
  Result<std::optional<ActiveSession>> resolve(std::string_view token);
  // Sign-out: revokes the session and records it in the audit log.
  Result<void> sign_out(std::string_view account_kind, std::string_view account_id, std::string_view session_id,
                        const RequestMeta& meta);
  // Revokes every session of the account except `keep_session_id` (when given).
  Result<void> revoke_all(db::Session& tx, std::string_view account_kind, std::string_view account_id,
                          std::optional<std::string> keep_session_id = std::nullopt);
  const SessionPolicy& policy() const { return policy_; }

 private:
  db::Database& db_;
  audit::AuditLog& audit_;
  const Clock& clock_;
  SessionPolicy policy_;
};

}  // namespace simreg::accounts

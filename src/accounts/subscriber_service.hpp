// Subscriber accounts: sign-up with e-mail verification, sign-in with throttling and no account
// enumeration, password reset and change, language preference. The e-mail is sealed at rest and
// found through a blind index. Every security-relevant step is audited in the same transaction.
// Blocking I/O (database, Argon2id): call from the worker pool. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "accounts/login_throttle.hpp"
#include "accounts/one_time_codes.hpp"
#include "accounts/session_service.hpp"
#include "audit/audit_log.hpp"
#include "core/clock.hpp"
#include "core/request_meta.hpp"
#include "core/result.hpp"
#include "crypto/blind_index.hpp"
#include "crypto/field_sealer.hpp"
#include "crypto/password_hasher.hpp"
#include "db/database.hpp"
#include "notify/outbox.hpp"

namespace simreg::accounts {

struct SubscriberView {
  std::string id;
  std::string email;
  bool email_verified = false;
  std::string locale;
  std::int64_t created_at_ms = 0;
};

struct SignedIn {
  SubscriberView account;
  NewSession session;
};

inline constexpr std::int64_t kDefaultVerificationCodeTtlMs = 15 * 60 * 1000;

struct SubscriberServiceDeps {
  db::Database& db;
  const crypto::FieldSealer& sealer;
  const crypto::BlindIndexer& indexer;
  const crypto::PasswordHasher& hasher;
  SessionService& sessions;
  OneTimeCodes& codes;
  LoginThrottle& throttle;
  notify::Outbox& outbox;
  audit::AuditLog& audit;
  const Clock& clock;
  // How long an e-mail verification code stays valid (serve --verification-code-ttl).
  std::int64_t verification_code_ttl_ms = kDefaultVerificationCodeTtlMs;
};

class SubscriberService {
 public:
  explicit SubscriberService(SubscriberServiceDeps deps);

  // Succeeds (and sends a notice instead of a code) when the address is already registered. A
  // verification code lives deps.verification_code_ttl_ms; a new one is sent (repeated sign-up,
  // resend) at most once a minute, or as soon as the previous one expired if that is sooner.
  Result<void> sign_up(std::string_view email, std::string_view password, std::string_view locale,
                       const RequestMeta& meta);
  Result<void> verify_email(std::string_view email, std::string_view code, const RequestMeta& meta);
  Result<void> resend_verification(std::string_view email);
  Result<SignedIn> sign_in(std::string_view email, std::string_view password, const RequestMeta& meta);
  Result<void> request_password_reset(std::string_view email, const RequestMeta& meta);
  Result<void> confirm_password_reset(std::string_view email, std::string_view code,
                                      std::string_view new_password, const RequestMeta& meta);
  // Ends every session of the account and opens a new one for the caller.
  Result<SignedIn> change_password(const std::string& account_id, std::string_view current_password,
                                   std::string_view new_password, const RequestMeta& meta);
  Result<SubscriberView> get(const std::string& account_id);
  // An account whose address was proven another way (operator's demo seed; later the store
  // channel, where staff check the person face to face). Conflict "account.exists" when taken.
  Result<SubscriberView> create_verified(std::string_view email, std::string_view password, std::string_view locale,
                                         const RequestMeta& meta);
  Result<SubscriberView> set_locale(const std::string& account_id, std::string_view locale);

 private:
  Result<SubscriberView> load_view(db::Session& session, const std::string& account_id);
  Result<SubscriberView> view_of(const db::QueryResult& rows, const std::string& account_id) const;
  Result<void> audit(db::Session& tx, const std::string& actor_id, std::string action, std::string outcome,
                     const std::string& target_id, const RequestMeta& meta);
  std::string email_index(std::string_view normalized_email) const;
  std::int64_t verification_resend_interval_ms() const;
  ThrottleKeys throttle_keys(std::string_view email_index, const RequestMeta& meta) const;

  SubscriberServiceDeps deps_;
  std::string dummy_hash_;  // verified against when the e-mail is unknown, so timing says nothing
};

}  // namespace simreg::accounts

#include "accounts/subscriber_service.hpp"

#include <algorithm>
#include <optional>

#include "accounts/email_address.hpp"
#include "accounts/locale.hpp"
#include "accounts/password_policy.hpp"
#include "crypto/random.hpp"

namespace simreg::accounts {
namespace {

constexpr std::int64_t kResetCodeTtlMs = 15 * 60 * 1000;
constexpr std::int64_t kResendIntervalMs = 60 * 1000;
constexpr std::string_view kTable = "subscribers";
constexpr std::string_view kViewSql =
    "SELECT id, email_sealed, email_verified, locale, created_at FROM subscribers WHERE id = $1";

Error invalid_credentials() {
  return Error::make(ErrorKind::unauthenticated, "auth.invalid_credentials",
                     "The e-mail address or password is not correct.");
}

Error invalid_code() {
  return Error::make(ErrorKind::invalid_input, "auth.invalid_code",
                     "The code is not correct or has expired. Request a new code.");
}

Error too_many_attempts(int retry_after) {
  Error e = Error::make(ErrorKind::rate_limited, "auth.too_many_attempts",
                        "Too many attempts. Wait a moment and try again.");
  e.retry_after_seconds = retry_after;
  return e;
}

std::vector<FieldError> check_sign_up(std::string_view email, const std::optional<std::string>& normalized,
                                      std::string_view password, std::string_view locale) {
  std::vector<FieldError> errors;
  if (!normalized) errors.push_back({"/email", "email.invalid", "Enter a valid e-mail address."});
  auto password_errors = check_password(password, email, "/password");
  errors.insert(errors.end(), password_errors.begin(), password_errors.end());
  if (!is_supported_locale(locale)) {
    errors.push_back({"/locale", "locale.unsupported", "Choose English (en) or Chinese (zh-CN)."});
  }
  return errors;
}

}  // namespace

SubscriberService::SubscriberService(SubscriberServiceDeps deps) : deps_(deps) {
  auto dummy = deps_.hasher.hash(crypto::random_token(16));
  dummy_hash_ = dummy ? *dummy : std::string();
}

std::int64_t SubscriberService::verification_resend_interval_ms() const {
  // Never longer than the code lives: with a short TTL, someone whose code just expired must be
  // able to get a new one at once rather than wait out the resend interval.
  return std::min(kResendIntervalMs, deps_.verification_code_ttl_ms);
}

std::string SubscriberService::email_index(std::string_view normalized_email) const {
  return deps_.indexer.compute("email", normalized_email);
}

ThrottleKeys SubscriberService::throttle_keys(std::string_view index, const RequestMeta& meta) const {
  return {"subscriber:" + std::string(index),
          "address:" + deps_.indexer.compute("client_address", meta.client_address)};
}

Result<void> SubscriberService::audit(db::Session& tx, const std::string& actor_id, std::string action,
                                      std::string outcome, const std::string& target_id,
                                      const RequestMeta& meta) {
  auto event = audit::request_event(actor_id.empty() ? "anonymous" : "subscriber", actor_id, std::move(action),
                                    "subscriber", target_id, meta);
  event.outcome = std::move(outcome);
  return deps_.audit.append(tx, event);
}

Result<SubscriberView> SubscriberService::view_of(const db::QueryResult& rows,
                                                  const std::string& account_id) const {
  if (rows.empty()) return Error::make(ErrorKind::not_found, "account.not_found", "The account does not exist.");
  const auto& row = rows.first();
  SIMREG_TRY_ASSIGN(auto email, deps_.sealer.open(row.bytes(1), {kTable, "email_sealed", account_id}));
  return SubscriberView{row.text(0), std::move(email), row.integer(2) == 1, row.text(3), row.integer(4)};
}

Result<SubscriberView> SubscriberService::load_view(db::Session& session,
                                                    const std::string& account_id) {
  SIMREG_TRY_ASSIGN(auto rows, session.execute(kViewSql, {account_id}));
  return view_of(rows, account_id);
}

Result<SubscriberView> SubscriberService::get(const std::string& account_id) {
  // One row read by one statement is consistent on its own: no transaction, so on SQLite this read
  // never queues behind the single writer (GET /api/v1/me runs it on every call).
  SIMREG_TRY_ASSIGN(auto rows, deps_.db.execute(kViewSql, {account_id}));
  return view_of(rows, account_id);
}

Result<SubscriberView> SubscriberService::set_locale(const std::string& account_id, std::string_view locale) {
  if (!is_supported_locale(locale)) {
    return Error::validation({{"/locale", "locale.unsupported", "Choose English (en) or Chinese (zh-CN)."}});
  }
  SIMREG_TRY(deps_.db.execute("UPDATE subscribers SET locale = $1, updated_at = $2 WHERE id = $3",
                              {std::string(locale), deps_.clock.now_ms(), account_id}));
  return get(account_id);
}

Result<void> SubscriberService::sign_up(std::string_view email, std::string_view password, std::string_view locale,
                                        const RequestMeta& meta) {
  const auto normalized = normalize_email(email);
  auto errors = check_sign_up(email, normalized, password, locale);
  if (!errors.empty()) return Error::validation(std::move(errors));
  // Hash before looking the address up, so new and existing addresses cost the same time.
  SIMREG_TRY_ASSIGN(const std::string password_hash, deps_.hasher.hash(password));
  const std::string index = email_index(*normalized);
  const std::int64_t now = deps_.clock.now_ms();
  auto result = deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(auto existing,
                      tx.execute("SELECT id, email_verified, locale FROM subscribers WHERE email_index = $1", {index}));
    if (!existing.empty()) {
      const auto& row = existing.first();
      const std::string id = row.text(0);
      if (row.integer(1) == 0) {
        SIMREG_TRY_ASSIGN(auto last, deps_.codes.last_issued_at(tx, CodePurpose::email_verification, index));
        if (last && now - *last < verification_resend_interval_ms()) return success();
        SIMREG_TRY_ASSIGN(auto code, deps_.codes.issue(tx, CodePurpose::email_verification, index, id,
                                                       deps_.verification_code_ttl_ms));
        SIMREG_TRY(deps_.outbox.enqueue(tx, {notify::Channel::email, *normalized, "email_verification",
                                             row.text(2), {{"code", code}}}));
      } else {
        SIMREG_TRY(deps_.outbox.enqueue(tx, {notify::Channel::email, *normalized, "signup_existing_account",
                                             row.text(2), nlohmann::json::object()}));
      }
      return audit(tx, "", "account.signup_repeated", "success", id, meta);
    }
    const std::string id = crypto::random_id("sub");
    SIMREG_TRY(tx.execute(
        "INSERT INTO subscribers (id, email_index, email_sealed, password_hash, email_verified, locale, "
        "created_at, updated_at) VALUES ($1, $2, $3, $4, 0, $5, $6, $6)",
        {id, index, db::Bytes{deps_.sealer.seal(*normalized, {kTable, "email_sealed", id})}, password_hash,
         std::string(locale), now}));
    SIMREG_TRY_ASSIGN(auto code, deps_.codes.issue(tx, CodePurpose::email_verification, index, id,
                                                   deps_.verification_code_ttl_ms));
    SIMREG_TRY(deps_.outbox.enqueue(tx, {notify::Channel::email, *normalized, "email_verification",
                                         std::string(locale), {{"code", code}}}));
    return audit(tx, id, "account.signed_up", "success", id, meta);
  });
  // Two sign-ups racing for one address: the loser is answered exactly like a repeat sign-up.
  if (!result && result.error().code == "db.unique_violation") return success();
  return result;
}

Result<void> SubscriberService::verify_email(std::string_view email, std::string_view code, const RequestMeta& meta) {
  const auto normalized = normalize_email(email);
  if (!normalized || code.size() != 6) return invalid_code();
  const std::string index = email_index(*normalized);
  CodeCheck check;
  // The attempt must be counted even when the code is wrong, so the transaction commits either way.
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(check, deps_.codes.check(tx, CodePurpose::email_verification, index, code));
    if (check.outcome != CodeOutcome::accepted) return success();
    SIMREG_TRY(tx.execute("UPDATE subscribers SET email_verified = 1, updated_at = $1 WHERE id = $2",
                          {deps_.clock.now_ms(), check.account_id}));
    return audit(tx, check.account_id, "account.email_verified", "success", check.account_id, meta);
  }));
  switch (check.outcome) {
    case CodeOutcome::accepted: return success();
    case CodeOutcome::too_many_attempts: return too_many_attempts(60);
    default: return invalid_code();
  }
}

Result<void> SubscriberService::resend_verification(std::string_view email) {
  const auto normalized = normalize_email(email);
  if (!normalized) return success();
  const std::string index = email_index(*normalized);
  const std::int64_t now = deps_.clock.now_ms();
  return deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(auto rows, tx.execute("SELECT id, locale FROM subscribers WHERE email_index = $1 AND "
                                            "email_verified = 0",
                                            {index}));
    if (rows.empty()) return success();
    SIMREG_TRY_ASSIGN(auto last, deps_.codes.last_issued_at(tx, CodePurpose::email_verification, index));
    if (last && now - *last < verification_resend_interval_ms()) return success();
    SIMREG_TRY_ASSIGN(auto code,
                      deps_.codes.issue(tx, CodePurpose::email_verification, index,
                                        rows.first().text(0), deps_.verification_code_ttl_ms));
    SIMREG_TRY(deps_.outbox.enqueue(tx, {notify::Channel::email, *normalized, "email_verification",
                                         rows.first().text(1), {{"code", code}}}));
    return success();
  });
}

Result<SignedIn> SubscriberService::sign_in(std::string_view email, std::string_view password,
                                            const RequestMeta& meta) {
  const auto normalized = normalize_email(email);
  const std::string index = email_index(normalized.value_or(std::string(email)));
  const ThrottleKeys keys = throttle_keys(index, meta);
  SIMREG_TRY_ASSIGN(auto retry_after, deps_.throttle.retry_after_seconds(keys));
  if (retry_after) return too_many_attempts(*retry_after);

  SIMREG_TRY_ASSIGN(auto rows, deps_.db.execute("SELECT id, password_hash, email_verified FROM subscribers "
                                                "WHERE email_index = $1",
                                                {index}));
  const bool known = normalized && !rows.empty();
  const std::string stored_hash = known ? rows.first().text(1) : dummy_hash_;
  const bool password_ok = deps_.hasher.verify(stored_hash, password) && known;
  const std::string account_id = known ? rows.first().text(0) : std::string();
  if (!password_ok) {
    SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
      SIMREG_TRY(deps_.throttle.record_failure(tx, keys));
      return audit(tx, "", "auth.login_failed", "failure", account_id, meta);
    }));
    return invalid_credentials();
  }
  if (rows.first().integer(2) == 0) {
    return Error::make(ErrorKind::forbidden, "auth.email_not_verified",
                       "Verify your e-mail address first: enter the code we sent you.");
  }
  std::optional<std::string> rehashed;
  if (deps_.hasher.needs_rehash(stored_hash)) {
    SIMREG_TRY_ASSIGN(rehashed, deps_.hasher.hash(password));
  }
  SignedIn signed_in;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY(deps_.throttle.record_success(tx, keys));
    if (rehashed) {
      SIMREG_TRY(tx.execute("UPDATE subscribers SET password_hash = $1 WHERE id = $2", {*rehashed, account_id}));
    }
    SIMREG_TRY_ASSIGN(signed_in.session, deps_.sessions.create(tx, "subscriber", account_id));
    SIMREG_TRY_ASSIGN(signed_in.account, load_view(tx, account_id));
    return audit(tx, account_id, "auth.login_succeeded", "success", account_id, meta);
  }));
  return signed_in;
}

Result<void> SubscriberService::request_password_reset(std::string_view email, const RequestMeta& meta) {
  const auto normalized = normalize_email(email);
  if (!normalized) return success();
  const std::string index = email_index(*normalized);
  const std::int64_t now = deps_.clock.now_ms();
  return deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(auto rows, tx.execute("SELECT id, locale FROM subscribers WHERE email_index = $1", {index}));
    if (rows.empty()) return success();
    SIMREG_TRY_ASSIGN(auto last, deps_.codes.last_issued_at(tx, CodePurpose::password_reset, index));
    if (last && now - *last < kResendIntervalMs) return success();
    const std::string id = rows.first().text(0);
    SIMREG_TRY_ASSIGN(auto code, deps_.codes.issue(tx, CodePurpose::password_reset, index, id, kResetCodeTtlMs));
    SIMREG_TRY(deps_.outbox.enqueue(tx, {notify::Channel::email, *normalized, "password_reset",
                                         rows.first().text(1), {{"code", code}}}));
    return audit(tx, "", "auth.password_reset_requested", "success", id, meta);
  });
}

Result<void> SubscriberService::confirm_password_reset(std::string_view email, std::string_view code,
                                                       std::string_view new_password, const RequestMeta& meta) {
  const auto normalized = normalize_email(email);
  if (!normalized) return invalid_code();
  auto errors = check_password(new_password, *normalized, "/new_password");
  if (!errors.empty()) return Error::validation(std::move(errors));
  SIMREG_TRY_ASSIGN(const std::string password_hash, deps_.hasher.hash(new_password));
  const std::string index = email_index(*normalized);
  CodeCheck check;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(check, deps_.codes.check(tx, CodePurpose::password_reset, index, code));
    if (check.outcome != CodeOutcome::accepted) return success();
    // Receiving the code proves control of the address, so it also counts as verifying it.
    SIMREG_TRY(tx.execute("UPDATE subscribers SET password_hash = $1, email_verified = 1, updated_at = $2 "
                          "WHERE id = $3",
                          {password_hash, deps_.clock.now_ms(), check.account_id}));
    SIMREG_TRY(deps_.sessions.revoke_all(tx, "subscriber", check.account_id));
    SIMREG_TRY_ASSIGN(auto locale, tx.execute("SELECT locale FROM subscribers WHERE id = $1", {check.account_id}));
    SIMREG_TRY(deps_.outbox.enqueue(tx, {notify::Channel::email, *normalized, "password_changed",
                                         locale.first().text(0), nlohmann::json::object()}));
    return audit(tx, check.account_id, "auth.password_changed", "success", check.account_id, meta);
  }));
  switch (check.outcome) {
    case CodeOutcome::accepted: return success();
    case CodeOutcome::too_many_attempts: return too_many_attempts(60);
    default: return invalid_code();
  }
}

Result<SignedIn> SubscriberService::change_password(const std::string& account_id,
                                                    std::string_view current_password,
                                                    std::string_view new_password, const RequestMeta& meta) {
  SIMREG_TRY_ASSIGN(auto view, get(account_id));
  SIMREG_TRY_ASSIGN(auto rows, deps_.db.execute("SELECT password_hash FROM subscribers WHERE id = $1", {account_id}));
  if (rows.empty() || !deps_.hasher.verify(rows.first().text(0), current_password)) {
    return invalid_credentials();
  }
  auto errors = check_password(new_password, view.email, "/new_password");
  if (!errors.empty()) return Error::validation(std::move(errors));
  SIMREG_TRY_ASSIGN(const std::string password_hash, deps_.hasher.hash(new_password));
  SignedIn signed_in;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY(tx.execute("UPDATE subscribers SET password_hash = $1, updated_at = $2 WHERE id = $3",
                          {password_hash, deps_.clock.now_ms(), account_id}));
    // Every session, the current one included, ends: the caller gets a fresh one.
    SIMREG_TRY(deps_.sessions.revoke_all(tx, "subscriber", account_id));
    SIMREG_TRY_ASSIGN(signed_in.session, deps_.sessions.create(tx, "subscriber", account_id));
    SIMREG_TRY_ASSIGN(signed_in.account, load_view(tx, account_id));
    SIMREG_TRY(deps_.outbox.enqueue(tx, {notify::Channel::email, view.email, "password_changed", view.locale,
                                         nlohmann::json::object()}));
    return audit(tx, account_id, "auth.password_changed", "success", account_id, meta);
  }));
  return signed_in;
}

Result<SubscriberView> SubscriberService::create_verified(std::string_view email, std::string_view password,
                                                         std::string_view locale, const RequestMeta& meta) {
  const auto normalized = normalize_email(email);
  auto errors = check_sign_up(email, normalized, password, locale);
  if (!errors.empty()) return Error::validation(std::move(errors));
  SIMREG_TRY_ASSIGN(const std::string password_hash, deps_.hasher.hash(password));
  const std::string id = crypto::random_id("sub");
  const std::int64_t now = deps_.clock.now_ms();
  SubscriberView view;
  auto result = deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY(tx.execute(
        "INSERT INTO subscribers (id, email_index, email_sealed, password_hash, email_verified, locale, "
        "created_at, updated_at) VALUES ($1, $2, $3, $4, 1, $5, $6, $6)",
        {id, email_index(*normalized), db::Bytes{deps_.sealer.seal(*normalized, {kTable, "email_sealed", id})},
         password_hash, std::string(locale), now}));
    SIMREG_TRY(audit(tx, "", "account.created_verified", "success", id, meta));
    SIMREG_TRY_ASSIGN(view, load_view(tx, id));
    return success();
  });
  if (!result && result.error().code == "db.unique_violation") {
    return Error::make(ErrorKind::conflict, "account.exists", "An account with this e-mail address exists.");
  }
  if (!result) return std::move(result).error();
  return view;
}

}  // namespace simreg::accounts

#include "staff/staff_service.hpp"

#include <algorithm>

#include "accounts/email_address.hpp"
#include "accounts/locale.hpp"
#include "accounts/password_policy.hpp"
#include "crypto/encoding.hpp"
#include "crypto/random.hpp"
#include "crypto/totp.hpp"
#include "staff/staff_roles.hpp"

namespace simreg::staff {
namespace {

constexpr std::string_view kTable = "staff";

Error invalid_credentials() {
  return Error::make(ErrorKind::unauthenticated, "auth.invalid_credentials",
                     "The e-mail address, password or authenticator code is not correct.");
}

Error not_found() { return Error::make(ErrorKind::not_found, "staff.not_found", "No such staff member."); }

}  // namespace

struct StaffService::Credentials {
  std::string staff_id;
  std::string email;
  std::string password_hash;
  bool must_change_password = false;
  std::string totp_secret;
  std::int64_t totp_last_step = 0;
  std::string status;
  accounts::ThrottleKeys keys;
};

StaffService::StaffService(StaffServiceDeps deps) : deps_(std::move(deps)) {
  auto dummy = deps_.hasher.hash(crypto::random_token(16));
  dummy_hash_ = dummy ? *dummy : std::string();
}

std::string StaffService::totp_uri(const std::string& email, const std::string& secret) const {
  return crypto::totp_uri(deps_.totp_issuer, email, secret);
}

Result<void> StaffService::audit(db::Session& tx, const std::string& actor_id, std::string action,
                                 std::string outcome, const std::string& target_id, const RequestMeta& meta,
                                 nlohmann::json details) {
  auto event = audit::request_event(actor_id.empty() ? (meta.request_id.empty() ? "system" : "anonymous") : "staff",
                                    actor_id, std::move(action), "staff", target_id, meta);
  event.outcome = std::move(outcome);
  event.details = details.is_object() ? std::move(details) : nlohmann::json::object();
  return deps_.audit.append(tx, event);
}

Result<StaffView> StaffService::load_view(db::Session& session, const std::string& staff_id) {
  SIMREG_TRY_ASSIGN(auto rows,
                    session.execute("SELECT id, email_sealed, status, store_id, locale, must_change_password, "
                                    "created_at, last_login_at FROM staff WHERE id = $1",
                                    {staff_id}));
  if (rows.empty()) return not_found();
  const auto& row = rows.first();
  StaffView view;
  view.id = row.text(0);
  SIMREG_TRY_ASSIGN(view.email, deps_.sealer.open(row.bytes(1), {kTable, "email_sealed", view.id}));
  view.status = row.text(2);
  view.store_id = row.opt_text(3);
  view.locale = row.text(4);
  view.must_change_password = row.integer(5) == 1;
  view.created_at_ms = row.integer(6);
  view.last_login_at_ms = row.opt_integer(7);
  SIMREG_TRY_ASSIGN(auto roles, session.execute("SELECT role FROM staff_roles WHERE staff_id = $1 ORDER BY role",
                                                {staff_id}));
  for (const auto& r : roles.rows) view.roles.push_back(r.text(0));
  return view;
}

Result<NewStaff> StaffService::add(std::string_view email, const std::vector<std::string>& roles,
                                   std::optional<std::string> store_id, const Actor& actor) {
  std::vector<FieldError> errors;
  const auto normalized = accounts::normalize_email(email);
  if (!normalized) errors.push_back({"/email", "email.invalid", "Enter a valid e-mail address."});
  auto role_errors = check_roles(roles);
  errors.insert(errors.end(), role_errors.begin(), role_errors.end());
  if (store_id && (store_id->empty() || store_id->size() > 64)) {
    errors.push_back({"/store_id", "store_id.invalid", "Enter a valid store id."});
  }
  if (!errors.empty()) return Error::validation(std::move(errors));

  NewStaff created;
  created.one_time_password = crypto::random_token(15);
  const std::string secret = crypto::random_bytes(20);
  created.totp_secret_base32 = crypto::base32_encode(secret);
  created.totp_uri = totp_uri(*normalized, secret);
  SIMREG_TRY_ASSIGN(const std::string password_hash, deps_.hasher.hash(created.one_time_password));
  const std::string id = crypto::random_id("stf");
  const std::int64_t now = deps_.clock.now_ms();
  auto result = deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY(tx.execute(
        "INSERT INTO staff (id, email_index, email_sealed, password_hash, must_change_password, "
        "totp_secret_sealed, totp_last_step, status, store_id, locale, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, 1, $5, 0, 'active', $6, 'en', $7, $7)",
        {id, deps_.indexer.compute("email", *normalized),
         db::Bytes{deps_.sealer.seal(*normalized, {kTable, "email_sealed", id})}, password_hash,
         db::Bytes{deps_.sealer.seal(secret, {kTable, "totp_secret_sealed", id})},
         store_id ? db::Value(*store_id) : db::Value(db::Null{}), now}));
    for (const auto& role : normalize_roles(roles)) {
      SIMREG_TRY(tx.execute("INSERT INTO staff_roles (staff_id, role) VALUES ($1, $2)", {id, role}));
    }
    SIMREG_TRY(audit(tx, actor.staff_id, "staff.added", "success", id, actor.meta,
                     {{"roles", normalize_roles(roles)}}));
    SIMREG_TRY_ASSIGN(created.staff, load_view(tx, id));
    return success();
  });
  if (!result) {
    if (result.error().code == "db.unique_violation") {
      return Error::make(ErrorKind::conflict, "staff.email_taken", "A staff member with this e-mail already exists.");
    }
    return std::move(result).error();
  }
  return created;
}

Result<StaffService::Credentials> StaffService::check_credentials(std::string_view email, std::string_view password,
                                                                  const RequestMeta& meta) {
  const auto normalized = accounts::normalize_email(email);
  const std::string index = deps_.indexer.compute("email", normalized.value_or(std::string(email)));
  Credentials creds;
  creds.keys = {"staff:" + index, "address:" + deps_.indexer.compute("client_address", meta.client_address)};
  SIMREG_TRY_ASSIGN(auto retry_after, deps_.throttle.retry_after_seconds(creds.keys));
  if (retry_after) {
    Error e = Error::make(ErrorKind::rate_limited, "auth.too_many_attempts",
                          "Too many attempts. Wait a moment and try again.");
    e.retry_after_seconds = *retry_after;
    return e;
  }
  SIMREG_TRY_ASSIGN(auto rows, deps_.db.execute("SELECT id, password_hash, must_change_password, "
                                                "totp_secret_sealed, totp_last_step, status FROM staff "
                                                "WHERE email_index = $1",
                                                {index}));
  const bool known = normalized && !rows.empty();
  const bool password_ok = deps_.hasher.verify(known ? rows.first().text(1) : dummy_hash_, password) && known;
  if (!password_ok) {
    const std::string target = known ? rows.first().text(0) : std::string();
    SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
      SIMREG_TRY(deps_.throttle.record_failure(tx, creds.keys));
      return audit(tx, "", "auth.staff_login_failed", "failure", target, meta, {{"reason", "password"}});
    }));
    return invalid_credentials();
  }
  const auto& row = rows.first();
  creds.staff_id = row.text(0);
  creds.email = *normalized;
  creds.password_hash = row.text(1);
  creds.must_change_password = row.integer(2) == 1;
  SIMREG_TRY_ASSIGN(creds.totp_secret,
                    deps_.sealer.open(row.bytes(3), {kTable, "totp_secret_sealed", creds.staff_id}));
  creds.totp_last_step = row.integer(4);
  creds.status = row.text(5);
  return creds;
}

namespace {

// The TOTP step the code matches, when it is newer than the last one used.
std::optional<std::int64_t> fresh_totp_step(const std::string& secret, std::string_view code, std::int64_t now_s,
                                            std::int64_t last_step) {
  if (code.size() != 6) return std::nullopt;
  auto step = crypto::totp_match(secret, code, now_s);
  if (!step || *step <= last_step) return std::nullopt;
  return step;
}

}  // namespace

Result<StaffSignedIn> StaffService::sign_in(std::string_view email, std::string_view password, std::string_view totp,
                                            const RequestMeta& meta) {
  SIMREG_TRY_ASSIGN(auto creds, check_credentials(email, password, meta));
  if (creds.must_change_password) {
    Error e = Error::make(ErrorKind::forbidden, "auth.password_change_required",
                          "Set a new password and enrol your authenticator app to finish your first sign-in.");
    e.extensions["totp_uri"] = totp_uri(creds.email, creds.totp_secret);
    return e;
  }
  const auto step = fresh_totp_step(creds.totp_secret, totp, deps_.clock.now_s(), creds.totp_last_step);
  std::optional<std::string> rehashed;
  if (step && deps_.hasher.needs_rehash(creds.password_hash)) {
    SIMREG_TRY_ASSIGN(rehashed, deps_.hasher.hash(password));
  }
  StaffSignedIn signed_in;
  bool accepted = false;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    if (step) {
      // Guarded update: of two sign-ins racing with the same code, only one wins.
      SIMREG_TRY_ASSIGN(auto used, tx.execute("UPDATE staff SET totp_last_step = $1 WHERE id = $2 AND "
                                              "totp_last_step < $1",
                                              {*step, creds.staff_id}));
      accepted = used.rows_affected == 1;
    }
    if (!accepted) {
      SIMREG_TRY(deps_.throttle.record_failure(tx, creds.keys));
      return audit(tx, "", "auth.staff_login_failed", "failure", creds.staff_id, meta, {{"reason", "totp"}});
    }
    if (creds.status != "active") {
      return audit(tx, "", "auth.staff_login_failed", "failure", creds.staff_id, meta, {{"reason", "disabled"}});
    }
    SIMREG_TRY(deps_.throttle.record_success(tx, creds.keys));
    SIMREG_TRY(tx.execute("UPDATE staff SET last_login_at = $1 WHERE id = $2", {deps_.clock.now_ms(), creds.staff_id}));
    if (rehashed) {
      SIMREG_TRY(tx.execute("UPDATE staff SET password_hash = $1 WHERE id = $2", {*rehashed, creds.staff_id}));
    }
    SIMREG_TRY_ASSIGN(signed_in.session, deps_.sessions.create(tx, "staff", creds.staff_id));
    SIMREG_TRY_ASSIGN(signed_in.account, load_view(tx, creds.staff_id));
    return audit(tx, creds.staff_id, "auth.staff_login_succeeded", "success", creds.staff_id, meta);
  }));
  if (!accepted) return invalid_credentials();
  if (creds.status != "active") {
    return Error::make(ErrorKind::forbidden, "auth.account_disabled",
                       "This staff account is disabled. Ask an administrator.");
  }
  return signed_in;
}

Result<StaffSignedIn> StaffService::change_password(std::string_view email, std::string_view password,
                                                    std::string_view new_password, std::string_view totp,
                                                    const RequestMeta& meta) {
  SIMREG_TRY_ASSIGN(auto creds, check_credentials(email, password, meta));
  auto errors = accounts::check_password(new_password, creds.email, "/new_password");
  if (errors.empty() && deps_.hasher.verify(creds.password_hash, new_password)) {
    errors.push_back({"/new_password", "password.reused", "Choose a password different from the current one."});
  }
  const auto step = fresh_totp_step(creds.totp_secret, totp, deps_.clock.now_s(), creds.totp_last_step);
  if (!step) {
    SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
      SIMREG_TRY(deps_.throttle.record_failure(tx, creds.keys));
      return audit(tx, "", "auth.staff_login_failed", "failure", creds.staff_id, meta, {{"reason", "totp"}});
    }));
    return invalid_credentials();
  }
  if (creds.status != "active") {
    return Error::make(ErrorKind::forbidden, "auth.account_disabled",
                       "This staff account is disabled. Ask an administrator.");
  }
  if (!errors.empty()) return Error::validation(std::move(errors));
  SIMREG_TRY_ASSIGN(const std::string password_hash, deps_.hasher.hash(new_password));
  StaffSignedIn signed_in;
  bool accepted = false;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    const std::int64_t now = deps_.clock.now_ms();
    SIMREG_TRY_ASSIGN(auto used, tx.execute("UPDATE staff SET totp_last_step = $1, password_hash = $2, "
                                            "must_change_password = 0, updated_at = $3, last_login_at = $3 "
                                            "WHERE id = $4 AND totp_last_step < $1",
                                            {*step, password_hash, now, creds.staff_id}));
    accepted = used.rows_affected == 1;
    if (!accepted) return success();
    SIMREG_TRY(deps_.throttle.record_success(tx, creds.keys));
    SIMREG_TRY(deps_.sessions.revoke_all(tx, "staff", creds.staff_id));
    SIMREG_TRY_ASSIGN(signed_in.session, deps_.sessions.create(tx, "staff", creds.staff_id));
    SIMREG_TRY_ASSIGN(signed_in.account, load_view(tx, creds.staff_id));
    return audit(tx, creds.staff_id, "auth.password_changed", "success", creds.staff_id, meta);
  }));
  if (!accepted) return invalid_credentials();
  return signed_in;
}

Result<std::vector<StaffView>> StaffService::list() {
  std::vector<StaffView> out;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    out.clear();
    SIMREG_TRY_ASSIGN(auto rows, tx.execute("SELECT id FROM staff ORDER BY created_at, id"));
    for (const auto& row : rows.rows) {
      SIMREG_TRY_ASSIGN(auto view, load_view(tx, row.text(0)));
      out.push_back(std::move(view));
    }
    return success();
  }));
  return out;
}

Result<StaffView> StaffService::get(const std::string& staff_id) {
  StaffView view;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(view, load_view(tx, staff_id));
    return success();
  }));
  return view;
}

Result<StaffView> StaffService::set_status(const std::string& staff_id, std::string_view status, const Actor& actor) {
  if (status == "disabled" && staff_id == actor.staff_id) {
    return Error::make(ErrorKind::conflict, "staff.self_lockout", "You cannot disable your own account.");
  }
  StaffView view;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(auto updated, tx.execute("UPDATE staff SET status = $1, updated_at = $2 WHERE id = $3",
                                               {std::string(status), deps_.clock.now_ms(), staff_id}));
    if (updated.rows_affected == 0) return not_found();
    if (status == "disabled") SIMREG_TRY(deps_.sessions.revoke_all(tx, "staff", staff_id));
    SIMREG_TRY(audit(tx, actor.staff_id, status == "disabled" ? "staff.disabled" : "staff.enabled", "success",
                     staff_id, actor.meta));
    SIMREG_TRY_ASSIGN(view, load_view(tx, staff_id));
    return success();
  }));
  return view;
}

Result<StaffView> StaffService::set_roles(const std::string& staff_id, const std::vector<std::string>& roles,
                                          const Actor& actor) {
  auto errors = check_roles(roles);
  if (!errors.empty()) return Error::validation(std::move(errors));
  const auto normalized = normalize_roles(roles);
  if (staff_id == actor.staff_id && std::find(normalized.begin(), normalized.end(), "admin") == normalized.end()) {
    return Error::make(ErrorKind::conflict, "staff.self_lockout", "You cannot remove your own admin role.");
  }
  StaffView view;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(view, load_view(tx, staff_id));
    const auto before = view.roles;
    SIMREG_TRY(tx.execute("DELETE FROM staff_roles WHERE staff_id = $1", {staff_id}));
    for (const auto& role : normalized) {
      SIMREG_TRY(tx.execute("INSERT INTO staff_roles (staff_id, role) VALUES ($1, $2)", {staff_id, role}));
    }
    SIMREG_TRY(tx.execute("UPDATE staff SET updated_at = $1 WHERE id = $2", {deps_.clock.now_ms(), staff_id}));
    SIMREG_TRY(audit(tx, actor.staff_id, "staff.roles_changed", "success", staff_id, actor.meta,
                     {{"before", before}, {"after", normalized}}));
    SIMREG_TRY_ASSIGN(view, load_view(tx, staff_id));
    return success();
  }));
  return view;
}

Result<StaffView> StaffService::set_locale(const std::string& staff_id, std::string_view locale) {
  if (!accounts::is_supported_locale(locale)) {
    return Error::validation({{"/locale", "locale.unsupported", "Choose English (en) or Chinese (zh-CN)."}});
  }
  SIMREG_TRY(deps_.db.execute("UPDATE staff SET locale = $1, updated_at = $2 WHERE id = $3",
                              {std::string(locale), deps_.clock.now_ms(), staff_id}));
  return get(staff_id);
}

Result<std::optional<StaffAccess>> StaffService::active_access(const std::string& staff_id) {
  SIMREG_TRY_ASSIGN(auto rows, deps_.db.execute("SELECT r.role, s.locale FROM staff s JOIN staff_roles r ON r.staff_id = s.id "
                                                "WHERE s.id = $1 AND s.status = 'active' ORDER BY r.role",
                                                {staff_id}));
  if (rows.empty()) return std::optional<StaffAccess>{};
  StaffAccess access;
  access.locale = rows.first().text(1);
  for (const auto& row : rows.rows) access.roles.push_back(row.text(0));
  return std::optional<StaffAccess>(std::move(access));
}

Result<std::optional<std::string>> StaffService::find_id_by_email(std::string_view email) {
  const auto normalized = accounts::normalize_email(email);
  if (!normalized) return std::optional<std::string>{};
  SIMREG_TRY_ASSIGN(auto rows, deps_.db.execute("SELECT id FROM staff WHERE email_index = $1",
                                                {deps_.indexer.compute("email", *normalized)}));
  if (rows.empty()) return std::optional<std::string>{};
  return std::optional<std::string>(rows.first().text(0));
}

Result<std::string> StaffService::totp_secret_base32(const std::string& staff_id) {
  SIMREG_TRY_ASSIGN(auto rows, deps_.db.execute("SELECT totp_secret_sealed FROM staff WHERE id = $1", {staff_id}));
  if (rows.empty()) return not_found();
  SIMREG_TRY_ASSIGN(auto secret, deps_.sealer.open(rows.first().bytes(0), {kTable, "totp_secret_sealed", staff_id}));
  return crypto::base32_encode(secret);
}

}  // namespace simreg::staff

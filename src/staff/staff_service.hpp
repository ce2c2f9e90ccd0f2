// Staff accounts: created by an admin (or `simreg staff add`) with a one-time password and a TOTP
// secret; sign-in needs password + a TOTP code that is accepted once; the first sign-in forces a
// password change. Admins list, add, disable/enable and change roles. E-mail and TOTP secret are
// sealed at rest. Blocking I/O: call from the worker pool. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/login_throttle.hpp"
#include "accounts/session_service.hpp"
#include "audit/audit_log.hpp"
#include "core/clock.hpp"
#include "core/request_meta.hpp"
#include "core/result.hpp"
#include "crypto/blind_index.hpp"
#include "crypto/field_sealer.hpp"
#include "crypto/password_hasher.hpp"
#include "db/database.hpp"

namespace simreg::staff {

struct StaffView {
  std::string id;
  std::string email;
  std::vector<std::string> roles;
  std::string status;  // "active" | "disabled"
  std::optional<std::string> store_id;
  std::string locale;
  bool must_change_password = false;
  std::int64_t created_at_ms = 0;
  std::optional<std::int64_t> last_login_at_ms;
};

struct NewStaff {
  StaffView staff;
  std::string one_time_password;
  std::string totp_secret_base32;
  std::string totp_uri;
};

struct StaffSignedIn {
  StaffView account;
  accounts::NewSession session;
};

// Who performs an admin action: an admin's id, or empty for the operator's command line.
struct Actor {
  std::string staff_id;
  RequestMeta meta;
};

struct StaffServiceDeps {
  db::Database& db;
  const crypto::FieldSealer& sealer;
  const crypto::BlindIndexer& indexer;
  const crypto::PasswordHasher& hasher;
  accounts::SessionService& sessions;
  accounts::LoginThrottle& throttle;
  audit::AuditLog& audit;
  const Clock& clock;
  std::string totp_issuer = "simreg";
};

struct StaffAccess {
  std::vector<std::string> roles;  // sorted
  std::string locale;              // "en" or "zh-CN"
};

class StaffService {
 public:
  explicit StaffService(StaffServiceDeps deps);

  Result<NewStaff> add(std::string_view email, const std::vector<std::string>& roles,
                       std::optional<std::string> store_id, const Actor& actor);
  Result<StaffSignedIn> sign_in(std::string_view email, std::string_view password, std::string_view totp,
                                const RequestMeta& meta);
  Result<StaffSignedIn> change_password(std::string_view email, std::string_view password,
                                        std::string_view new_password, std::string_view totp, const RequestMeta& meta);
  Result<std::vector<StaffView>> list();
  Result<StaffView> get(const std::string& staff_id);
  Result<StaffView> set_status(const std::string& staff_id, std::string_view status, const Actor& actor);
  Result<StaffView> set_roles(const std::string& staff_id, const std::vector<std::string>& roles, const Actor& actor);
  Result<StaffView> set_locale(const std::string& staff_id, std::string_view locale);
  // What an active staff member may do and the language they chose; nullopt when unknown or
  // disabled. Read on every request, so a disabled member or a removed role takes effect at once.
  Result<std::optional<StaffAccess>> active_access(const std::string& staff_id);
  Result<std::optional<std::string>> find_id_by_email(std::string_view email);
  // For the operator's demo seed: the enrolled TOTP secret (base32) of a staff member.
  Result<std::string> totp_secret_base32(const std::string& staff_id);

 private:
  struct Credentials;
  // Throttled password check; on success, what the TOTP step and the caller need next.
  Result<Credentials> check_credentials(std::string_view email, std::string_view password, const RequestMeta& meta);
  Result<StaffView> load_view(db::Session& session, const std::string& staff_id);
  Result<void> audit(db::Session& tx, const std::string& actor_id, std::string action, std::string outcome,
                     const std::string& target_id, const RequestMeta& meta, nlohmann::json details = {});
  std::string totp_uri(const std::string& email, const std::string& secret) const;

  StaffServiceDeps deps_;
  std::string dummy_hash_;
};

}  // namespace simreg::staff

// LoginThrottle: loads and stores ThrottleState per key (blind indexes of the account's e-mail and
// of the client address, never the values themselves) in table login_throttles. Blocking I/O:
// call from the worker pool. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/login_throttle_policy.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "db/database.hpp"

namespace simreg::accounts {

// Both keys of one sign-in attempt. Addresses get a more generous policy than accounts because
// many subscribers share one address behind carrier-grade NAT.
struct ThrottleKeys {
  std::string account_key;
  std::string address_key;
};

class LoginThrottle {
 public:
  LoginThrottle(db::Database& db, const Clock& clock, ThrottlePolicy account_policy,
                ThrottlePolicy address_policy);

  // Seconds to wait (rounded up, at least 1) when either key is blocked, else nullopt.
  Result<std::optional<int>> retry_after_seconds(const ThrottleKeys& keys);
  Result<void> record_failure(db::Session& tx, const ThrottleKeys& keys);
  // A success clears the account's consecutive failures (the hourly cap keeps counting).
  Result<void> record_success(db::Session& tx, const ThrottleKeys& keys);

 private:
  Result<ThrottleState> load(db::Session& session, const std::string& key);
  Result<void> store(db::Session& session, const std::string& key, const ThrottleState& state);
  Result<void> fail_one(db::Session& tx, const std::string& key, const ThrottlePolicy& policy);

  db::Database& db_;
  const Clock& clock_;
  ThrottlePolicy account_policy_;
  ThrottlePolicy address_policy_;
};

}  // namespace simreg::accounts

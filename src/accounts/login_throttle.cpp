#include "accounts/login_throttle.hpp"

#include <algorithm>

namespace simreg::accounts {

LoginThrottle::LoginThrottle(db::Database& db, const Clock& clock, ThrottlePolicy account_policy,
                             ThrottlePolicy address_policy)
    : db_(db), clock_(clock), account_policy_(account_policy), address_policy_(address_policy) {}

Result<std::optional<int>> LoginThrottle::retry_after_seconds(const ThrottleKeys& keys) {
  const std::int64_t now = clock_.now_ms();
  std::int64_t until = 0;
  for (const auto* key : {&keys.account_key, &keys.address_key}) {
    SIMREG_TRY_ASSIGN(auto rows, db_.execute("SELECT locked_until FROM login_throttles WHERE throttle_key = $1",
                                             {*key}));
    if (!rows.empty()) until = std::max(until, rows.first().integer(0));
  }
  if (until <= now) return std::optional<int>{};
  return std::optional<int>(static_cast<int>(std::max<std::int64_t>(1, (until - now + 999) / 1000)));
}

Result<ThrottleState> LoginThrottle::load(db::Session& session, const std::string& key) {
  SIMREG_TRY_ASSIGN(auto rows,
                    session.execute("SELECT consecutive_failures, window_started_at, window_failures, "
                                    "locked_until FROM login_throttles WHERE throttle_key = $1",
                                    {key}));
  ThrottleState state;
  if (!rows.empty()) {
    const auto& row = rows.first();
    state.consecutive_failures = static_cast<int>(row.integer(0));
    state.window_started_at_ms = row.integer(1);
    state.window_failures = static_cast<int>(row.integer(2));
    state.locked_until_ms = row.integer(3);
  }
  return state;
}

Result<void> LoginThrottle::store(db::Session& session, const std::string& key, const ThrottleState& state) {
  SIMREG_TRY(session.execute(
      "INSERT INTO login_throttles (throttle_key, consecutive_failures, window_started_at, "
      "window_failures, locked_until, updated_at) VALUES ($1, $2, $3, $4, $5, $6) "
      "ON CONFLICT (throttle_key) DO UPDATE SET consecutive_failures = excluded.consecutive_failures, "
      "window_started_at = excluded.window_started_at, window_failures = excluded.window_failures, "
      "locked_until = excluded.locked_until, updated_at = excluded.updated_at",
      {key, std::int64_t{state.consecutive_failures}, state.window_started_at_ms,
       std::int64_t{state.window_failures}, state.locked_until_ms, clock_.now_ms()}));
  return success();
}

Result<void> LoginThrottle::fail_one(db::Session& tx, const std::string& key, const ThrottlePolicy& policy) {
  SIMREG_TRY_ASSIGN(auto state, load(tx, key));
  return store(tx, key, policy.after_failure(state, clock_.now_ms()));
}

Result<void> LoginThrottle::record_failure(db::Session& tx, const ThrottleKeys& keys) {
  SIMREG_TRY(fail_one(tx, keys.account_key, account_policy_));
  return fail_one(tx, keys.address_key, address_policy_);
}

Result<void> LoginThrottle::record_success(db::Session& tx, const ThrottleKeys& keys) {
  SIMREG_TRY_ASSIGN(auto state, load(tx, keys.account_key));
  if (state.consecutive_failures == 0) return success();
  return store(tx, keys.account_key, account_policy_.after_success(state));
}

}  // namespace simreg::accounts

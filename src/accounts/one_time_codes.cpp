#include "accounts/one_time_codes.hpp"

#include "crypto/hashing.hpp"
#include "crypto/random.hpp"

namespace simreg::accounts {
namespace {

// The names the one_time_codes.purpose CHECK allows (migrations V001, V006).
std::string purpose_name(CodePurpose purpose) {
  switch (purpose) {
    case CodePurpose::email_verification: return "email_verification";
    case CodePurpose::password_reset: return "password_reset";
    case CodePurpose::sim_possession: return "sim_possession";
  }
  return "email_verification";
}

}  // namespace

OneTimeCodes::OneTimeCodes(const crypto::BlindIndexer& indexer, const Clock& clock)
    : indexer_(indexer), clock_(clock) {}

std::string OneTimeCodes::hash(std::string_view code_id, std::string_view code) const {
  // Keyed and salted by the code id: a stolen table cannot be brute-forced without the keyring.
  std::string input(code_id);
  input += ':';
  input += code;
  return indexer_.compute("one_time_code", input);
}

Result<std::string> OneTimeCodes::issue(db::Session& tx, CodePurpose purpose, std::string_view subject_index,
                                        std::string_view account_id, std::int64_t ttl_ms) {
  const std::int64_t now = clock_.now_ms();
  SIMREG_TRY(tx.execute(
      "UPDATE one_time_codes SET consumed_at = $1 WHERE purpose = $2 AND subject_index = $3 AND consumed_at IS NULL",
      {now, purpose_name(purpose), std::string(subject_index)}));
  const std::string id = crypto::random_id("otc");
  std::string code = crypto::random_digits(6);
  SIMREG_TRY(tx.execute(
      "INSERT INTO one_time_codes (id, purpose, subject_index, account_id, code_hash, attempts, created_at, "
      "expires_at) VALUES ($1, $2, $3, $4, $5, 0, $6, $7)",
      {id, purpose_name(purpose), std::string(subject_index), std::string(account_id), hash(id, code), now,
       now + ttl_ms}));
  return code;
}

Result<std::optional<std::int64_t>> OneTimeCodes::last_issued_at(db::Session& session, CodePurpose purpose,
                                                                 std::string_view subject_index) {
  SIMREG_TRY_ASSIGN(auto rows, session.execute("SELECT MAX(created_at) FROM one_time_codes WHERE purpose = $1 "
                                               "AND subject_index = $2",
                                               {purpose_name(purpose), std::string(subject_index)}));
  if (rows.empty() || rows.first().is_null(0)) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>(rows.first().integer(0));
}

Result<CodeCheck> OneTimeCodes::check(db::Session& tx, CodePurpose purpose, std::string_view subject_index,
                                      std::string_view code) {
  const std::int64_t now = clock_.now_ms();
  SIMREG_TRY_ASSIGN(auto rows,
                    tx.execute("SELECT id, account_id, code_hash, attempts, expires_at FROM one_time_codes "
                               "WHERE purpose = $1 AND subject_index = $2 AND consumed_at IS NULL "
                               "ORDER BY created_at DESC LIMIT 1",
                               {purpose_name(purpose), std::string(subject_index)}));
  if (rows.empty() || rows.first().integer(4) <= now) return CodeCheck{CodeOutcome::missing_or_expired, {}};
  const auto& row = rows.first();
  const std::string id = row.text(0);
  if (row.integer(3) >= kMaxCodeAttempts) return CodeCheck{CodeOutcome::too_many_attempts, {}};
  if (crypto::constant_time_equal(hash(id, code), row.text(2))) {
    SIMREG_TRY(tx.execute("UPDATE one_time_codes SET consumed_at = $1, attempts = attempts + 1 WHERE id = $2",
                          {now, id}));
    return CodeCheck{CodeOutcome::accepted, row.text(1)};
  }
  SIMREG_TRY(tx.execute("UPDATE one_time_codes SET attempts = attempts + 1 WHERE id = $1", {id}));
  return CodeCheck{CodeOutcome::wrong, {}};
}

}  // namespace simreg::accounts

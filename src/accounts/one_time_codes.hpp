// Six-digit one-time codes (e-mail verification, password reset, SIM possession): issued, checked
// with a bounded number of attempts, consumed once, stored only as keyed hashes. Issuing a new code
// retires the previous ones for the same purpose and subject. Blocking I/O; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/blind_index.hpp"
#include "db/database.hpp"

namespace simreg::accounts {

enum class CodePurpose {
  email_verification,
  password_reset,
  sim_possession,  // the SMS code that proves a subscriber holds a SIM line (sims module)
};

inline constexpr int kMaxCodeAttempts = 5;

enum class CodeOutcome { accepted, wrong, missing_or_expired, too_many_attempts };

struct CodeCheck {
  CodeOutcome outcome = CodeOutcome::missing_or_expired;
  std::string account_id;  // set when accepted
};

class OneTimeCodes {
 public:
  OneTimeCodes(const crypto::BlindIndexer& indexer, const Clock& clock);

  // Returns the plaintext code; the caller sends it and forgets it.
  Result<std::string> issue(db::Session& tx, CodePurpose purpose, std::string_view subject_index,
                            std::string_view account_id, std::int64_t ttl_ms);
  // When the newest code for the subject was issued (for resend limits).
  Result<std::optional<std::int64_t>> last_issued_at(db::Session& session, CodePurpose purpose,
                                                     std::string_view subject_index);
  // Checks and, when accepted, consumes. Counts the attempt either way; run inside a transaction.
  Result<CodeCheck> check(db::Session& tx, CodePurpose purpose, std::string_view subject_index,
                          std::string_view code);

 private:
  std::string hash(std::string_view code_id, std::string_view code) const;

  const crypto::BlindIndexer& indexer_;
  const Clock& clock_;
};

}  // namespace simreg::accounts

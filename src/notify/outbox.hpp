// Outbox: the transactional outbox for e-mail and SMS. enqueue() renders a template and stores the
// message inside the caller's transaction (so it exists only if the action commits); recipient,
// subject and body are sealed and the recipient is found again through a blind index.
// OutboxDispatcher delivers. Thread-safe (state lives in the database).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/blind_index.hpp"
#include "crypto/field_sealer.hpp"
#include "db/database.hpp"
#include "notify/message.hpp"

namespace simreg::notify {

struct RetryReport {
  std::int64_t requeued = 0;
  std::int64_t skipped_codes = 0;  // failed one-time-code messages left as they are
};

class Outbox {
 public:
  Outbox(db::Database& db, const crypto::FieldSealer& sealer, const crypto::BlindIndexer& indexer,
         const Clock& clock);

  // Renders (locale fallback "en"), seals, blind-indexes the normalized recipient and inserts a
  // pending message due now; returns its id. Errors: notify.invalid_recipient,
  // notify.unknown_template, notify.template_params, or the database's.
  Result<std::string> enqueue(db::Session& tx, const OutboundMessage& message);

  // Newest first, opened. `to` (any spelling; '@' means e-mail) narrows to one recipient; a
  // malformed `to` simply matches nothing. `status`: pending, sending, sent or failed
  // (notify.invalid_status otherwise). For the CLI and the demo page. `limit`: 1..10000.
  Result<std::vector<OutboxEntry>> list(std::optional<std::string> to, int limit = 100,
                                        std::optional<std::string> status = std::nullopt);

  // One message, opened; nullopt when there is none with this id (the dispatcher's read).
  Result<std::optional<OutboxEntry>> get(const std::string& id);

  // After an outage (SMTP or SMS gateway down past every retry): failed messages go back to the
  // queue with a fresh retry schedule, due now. Messages carrying a one-time code stay failed: the
  // code has expired. One transaction.
  Result<RetryReport> retry_failed();

 private:
  Result<OutboxEntry> open_row(const db::Row& row) const;

  db::Database& db_;
  const crypto::FieldSealer& sealer_;
  const crypto::BlindIndexer& indexer_;
  const Clock& clock_;
};

}  // namespace simreg::notify

-- Transactional outbox for e-mail and SMS: rows are written in the same transaction as the action
-- that causes them and delivered later by the dispatcher (src/notify/outbox_dispatcher.cpp).
-- Recipient, subject and body are sealed, bound to (outbox, <column>, id); recipient_index is a
-- keyed blind index of the normalized recipient for look-ups. Times are Unix milliseconds.
CREATE TABLE outbox (
  id               TEXT PRIMARY KEY,
  channel          TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient_index  TEXT NOT NULL,
  recipient_sealed {{BLOB}} NOT NULL,
  template_id      TEXT NOT NULL,
  locale           TEXT NOT NULL,
  subject_sealed   {{BLOB}} NOT NULL,
  body_sealed      {{BLOB}} NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  BIGINT NOT NULL,
  lease_expires_at BIGINT,
  last_error_code  TEXT,
  created_at       BIGINT NOT NULL,
  sent_at          BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_recipient ON outbox (recipient_index, created_at);
CREATE INDEX outbox_by_created ON outbox (created_at);

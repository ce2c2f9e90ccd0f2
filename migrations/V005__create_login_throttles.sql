-- Sign-in throttling state per account and per client address (keys are blind indexes, never
-- e-mails or IP addresses). consecutive_failures drives the growing delay; window_* enforce the
-- hourly cap (NIST SP 800-63B: at most 100 failures per account per hour).
CREATE TABLE login_throttles (
  throttle_key         TEXT PRIMARY KEY,
  consecutive_failures INTEGER NOT NULL,
  window_started_at    BIGINT NOT NULL,
  window_failures      INTEGER NOT NULL,
  locked_until         BIGINT NOT NULL,
  updated_at           BIGINT NOT NULL
);

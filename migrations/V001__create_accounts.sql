-- Subscriber accounts, server-side sessions (subscribers and staff) and one-time codes.
-- Personal values are sealed (XChaCha20-Poly1305, bound to table/column/row); look-ups go through
-- keyed blind indexes. Times are Unix milliseconds.
CREATE TABLE subscribers (
  id             TEXT PRIMARY KEY,
  email_index    TEXT NOT NULL UNIQUE,
  email_sealed   {{BLOB}} NOT NULL,
  password_hash  TEXT NOT NULL,
  email_verified INTEGER NOT NULL DEFAULT 0 CHECK (email_verified IN (0, 1)),
  locale         TEXT NOT NULL,
  created_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL
);

CREATE TABLE sessions (
  id           TEXT PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,
  account_kind TEXT NOT NULL CHECK (account_kind IN ('subscriber', 'staff')),
  account_id   TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at   BIGINT NOT NULL,
  revoked_at   BIGINT
);
CREATE INDEX sessions_by_account ON sessions (account_kind, account_id);

CREATE TABLE one_time_codes (
  id            TEXT PRIMARY KEY,
  purpose       TEXT NOT NULL CHECK (purpose IN ('email_verification', 'password_reset')),
  subject_index TEXT NOT NULL,
  account_id    TEXT NOT NULL,
  code_hash     TEXT NOT NULL,
  attempts      INTEGER NOT NULL DEFAULT 0,
  created_at    BIGINT NOT NULL,
  expires_at    BIGINT NOT NULL,
  consumed_at   BIGINT
);
CREATE INDEX one_time_codes_by_subject ON one_time_codes (purpose, subject_index, created_at);

-- Staff members (reviewers, store agents, ...) with password + TOTP sign-in and roles.
-- totp_last_step makes every TOTP code usable once.
CREATE TABLE staff (
  id                   TEXT PRIMARY KEY,
  email_index          TEXT NOT NULL UNIQUE,
  email_sealed         {{BLOB}} NOT NULL,
  password_hash        TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
  totp_secret_sealed   {{BLOB}} NOT NULL,
  totp_last_step       BIGINT NOT NULL DEFAULT 0,
  status               TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
  store_id             TEXT,
  locale               TEXT NOT NULL DEFAULT 'en',
  created_at           BIGINT NOT NULL,
  updated_at           BIGINT NOT NULL,
  last_login_at        BIGINT
);

CREATE TABLE staff_roles (
  staff_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  role     TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'supervisor', 'store_agent', 'support', 'compliance')),
  PRIMARY KEY (staff_id, role)
);

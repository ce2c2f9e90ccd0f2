-- SIM inventory (issue 3): one row per line the carrier sold, imported by `simreg sims import`,
-- and the history of every status change. The MSISDN is personal data once a person holds the
-- line, so it is never stored in plaintext: msisdn_sealed is bound to (sim_lines, msisdn, id) and
-- msisdn_index is a keyed blind index of the E.164 form for look-ups and uniqueness. The IMSI is
-- sealed the same way, bound to (sim_lines, imsi, id). The ICCID identifies a card, not a person,
-- and stays readable for stock handling. holder_index is the blind index of the registered
-- person's identity document (set by registration; it caps lines per person). Times are Unix
-- milliseconds. Line ids are time-ordered (new rows append to the primary-key index).
-- subscriber_id has no foreign key on purpose: features meet through services, not tables, and a
-- foreign key would cost the bulk import SQLite's statement journal.
CREATE TABLE sim_lines (
  id                    TEXT PRIMARY KEY,
  msisdn_index          TEXT NOT NULL,
  msisdn_sealed         {{BLOB}} NOT NULL,
  iccid                 TEXT NOT NULL,
  imsi_sealed           {{BLOB}},
  status                TEXT NOT NULL CHECK (status IN ('unregistered', 'pending', 'registered', 'restricted',
                                                        'frozen', 'cancelled')),
  activated_at          BIGINT NOT NULL,
  registration_deadline BIGINT NOT NULL,
  subscriber_id         TEXT,
  linked_at             BIGINT,
  holder_index          TEXT,
  application_id        TEXT,
  created_at            BIGINT NOT NULL,
  updated_at            BIGINT NOT NULL,
  CHECK ((subscriber_id IS NULL) = (linked_at IS NULL))
);
CREATE UNIQUE INDEX sim_lines_by_msisdn ON sim_lines (msisdn_index);
CREATE UNIQUE INDEX sim_lines_by_iccid ON sim_lines (iccid);
-- Partial: the bulk of an inventory is neither linked nor registered, and imports stay cheaper.
CREATE INDEX sim_lines_by_subscriber ON sim_lines (subscriber_id) WHERE subscriber_id IS NOT NULL;
CREATE INDEX sim_lines_by_holder ON sim_lines (holder_index) WHERE holder_index IS NOT NULL;
-- Finds unregistered lines whose registration deadline has passed.
CREATE INDEX sim_lines_by_deadline ON sim_lines (status, registration_deadline);

-- Every status change of a line: who (actor_kind subscriber|staff|system and their id, '' for the
-- system) and why (a stable reason code such as application.submitted, never free text).
CREATE TABLE sim_status_history (
  id          TEXT PRIMARY KEY,
  line_id     TEXT NOT NULL REFERENCES sim_lines (id) ON DELETE CASCADE,
  from_status TEXT NOT NULL,
  to_status   TEXT NOT NULL,
  at          BIGINT NOT NULL,
  actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('subscriber', 'staff', 'system')),
  actor_id    TEXT NOT NULL,
  reason      TEXT NOT NULL
);
CREATE INDEX sim_status_history_by_line ON sim_status_history (line_id, at);

-- One-time codes gain the purpose sim_possession (the SMS code that proves a subscriber holds a
-- line). A CHECK cannot be altered portably, so the table is rebuilt: new table, copy, drop, rename.
CREATE TABLE one_time_codes_v6 (
  id            TEXT PRIMARY KEY,
  purpose       TEXT NOT NULL CHECK (purpose IN ('email_verification', 'password_reset', 'sim_possession')),
  subject_index TEXT NOT NULL,
  account_id    TEXT NOT NULL,
  code_hash     TEXT NOT NULL,
  attempts      INTEGER NOT NULL DEFAULT 0,
  created_at    BIGINT NOT NULL,
  expires_at    BIGINT NOT NULL,
  consumed_at   BIGINT
);
INSERT INTO one_time_codes_v6 (id, purpose, subject_index, account_id, code_hash, attempts, created_at, expires_at,
                               consumed_at)
  SELECT id, purpose, subject_index, account_id, code_hash, attempts, created_at, expires_at, consumed_at
  FROM one_time_codes;
DROP TABLE one_time_codes;
ALTER TABLE one_time_codes_v6 RENAME TO one_time_codes;
CREATE INDEX one_time_codes_by_subject ON one_time_codes (purpose, subject_index, created_at);

-- Tamper-evident audit log: a gapless, hash-chained sequence of entries plus Ed25519-signed
-- checkpoints of the chain head. entry_hash = BLAKE2b-256(prev_hash || canonical encoding of the
-- row) (src/audit/audit_chain.cpp). The client address is sealed, bound to (audit_log,
-- client_address, id). Append-only: the application never updates or deletes these rows.
CREATE TABLE audit_log (
  seq                   BIGINT PRIMARY KEY,
  id                    TEXT NOT NULL UNIQUE,
  created_at            BIGINT NOT NULL,
  actor_type            TEXT NOT NULL,
  actor_id              TEXT NOT NULL,
  action                TEXT NOT NULL,
  target_type           TEXT NOT NULL,
  target_id             TEXT NOT NULL,
  outcome               TEXT NOT NULL,
  client_address_sealed {{BLOB}},
  request_id            TEXT NOT NULL,
  details               TEXT NOT NULL,
  prev_hash             {{BLOB}} NOT NULL,
  entry_hash            {{BLOB}} NOT NULL
);
CREATE INDEX audit_log_by_actor ON audit_log (actor_id, seq);

-- One row: the chain head. Appenders lock it (FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE
-- already serializes), which makes seq gapless. last_hash is NULL only before the first entry.
CREATE TABLE audit_head (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq   BIGINT NOT NULL,
  last_hash  {{BLOB}},
  updated_at BIGINT NOT NULL,
  CHECK (last_seq = 0 OR last_hash IS NOT NULL)
);
INSERT INTO audit_head (id, last_seq, last_hash, updated_at) VALUES (1, 0, NULL, 0);

-- Signed over "simreg-audit-checkpoint|v1|<seq>|<hex head_hash>|<entry_count>".
CREATE TABLE audit_checkpoints (
  seq         BIGINT PRIMARY KEY,
  head_hash   {{BLOB}} NOT NULL,
  entry_count BIGINT NOT NULL,
  signature   {{BLOB}} NOT NULL,
  key_id      TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);

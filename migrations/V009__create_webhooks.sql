-- Webhooks for the carrier's systems. webhook_endpoints: where to POST and which event types; the
-- signing secret is sealed (XChaCha20-Poly1305 bound to webhook_endpoints/secret_sealed/<id>).
-- webhook_events: the exact JSON bytes signed and sent (ids and statuses only, never personal
-- values, so the body is stored as text). webhook_deliveries: one per (endpoint, event), leased by
-- a dispatcher while it sends ('delivering'); webhook_attempts: every try with its HTTP status or
-- error code. Times are Unix milliseconds.
CREATE TABLE webhook_endpoints (
  id             TEXT PRIMARY KEY,
  url            TEXT NOT NULL,
  events         TEXT NOT NULL,  -- comma-separated event types
  secret_sealed  {{BLOB}} NOT NULL,
  active         INTEGER NOT NULL CHECK (active IN (0, 1)),
  created_at     BIGINT NOT NULL,
  created_by     TEXT,           -- staff id; NULL when added on the command line
  deactivated_at BIGINT
);

CREATE TABLE webhook_events (
  id         TEXT PRIMARY KEY,
  type       TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE webhook_deliveries (
  id               TEXT PRIMARY KEY,
  endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints (id),
  event_id         TEXT NOT NULL REFERENCES webhook_events (id),
  status           TEXT NOT NULL CHECK (status IN ('pending', 'delivering', 'delivered', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  BIGINT,
  lease_expires_at BIGINT,
  delivered_at     BIGINT,
  created_at       BIGINT NOT NULL,
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, created_at);

CREATE TABLE webhook_attempts (
  delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id),
  seq         INTEGER NOT NULL,  -- 1, 2, ... per delivery
  at          BIGINT NOT NULL,
  status_code INTEGER,           -- the receiver's HTTP status; NULL when none came back
  error       TEXT,              -- a stable code (webhooks.timeout, ...); NULL when an answer came
  duration_ms BIGINT NOT NULL,
  PRIMARY KEY (delivery_id, seq)
);

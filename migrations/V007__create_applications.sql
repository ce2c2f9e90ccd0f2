-- Registration applications: a subscriber's request to register one or more of their SIM lines
-- to a verified identity. Every personal value is sealed per column (XChaCha20-Poly1305 bound to
-- table/column/row); the document number also has a keyed blind index for duplicate and cap
-- checks. Document images live in the blob store, sealed; this table keeps only their ids and
-- the quality report (codes and measurements, no personal data). Times are Unix milliseconds.
CREATE TABLE applications (
  id                        TEXT PRIMARY KEY,
  subscriber_id             TEXT NOT NULL,
  channel                   TEXT NOT NULL CHECK (channel IN ('online', 'store')),
  status                    TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'in_review', 'approved',
                                                            'rejected', 'resubmission_requested')),
  profile_id                TEXT NOT NULL,
  document_type             TEXT,
  document_number_index     TEXT,
  full_name_sealed          {{BLOB}},
  date_of_birth_sealed      {{BLOB}},
  sex_sealed                {{BLOB}},
  nationality_sealed        {{BLOB}},
  address_sealed            {{BLOB}},
  document_number_sealed    {{BLOB}},
  document_expiry_sealed    {{BLOB}},
  contact_phone_sealed      {{BLOB}},
  declaration_accepted_at   BIGINT,
  submitted_at              BIGINT,
  due_at                    BIGINT,
  decided_at                BIGINT,
  decision_outcome          TEXT,
  decision_reasons          TEXT,
  decision_note_sealed      {{BLOB}},
  submission_count          INTEGER NOT NULL DEFAULT 0,
  created_at                BIGINT NOT NULL,
  updated_at                BIGINT NOT NULL
);
CREATE INDEX applications_by_subscriber ON applications (subscriber_id, created_at);
CREATE INDEX applications_by_status_due ON applications (status, due_at);
CREATE INDEX applications_by_document ON applications (document_number_index);
-- At most one draft per subscriber: concurrent "start" requests cannot create two.
CREATE UNIQUE INDEX applications_one_draft ON applications (subscriber_id) WHERE status = 'draft';

CREATE TABLE application_lines (
  application_id TEXT NOT NULL REFERENCES applications (id),
  line_id        TEXT NOT NULL,
  PRIMARY KEY (application_id, line_id)
);
CREATE INDEX application_lines_by_line ON application_lines (line_id);

CREATE TABLE application_documents (
  application_id TEXT NOT NULL REFERENCES applications (id),
  kind           TEXT NOT NULL CHECK (kind IN ('id_front', 'id_back', 'passport', 'selfie')),
  blob_id        TEXT NOT NULL,
  width          INTEGER NOT NULL,
  height         INTEGER NOT NULL,
  quality        TEXT NOT NULL,
  uploaded_at    BIGINT NOT NULL,
  PRIMARY KEY (application_id, kind)
);

-- Every status change with its time and actor (the subscriber's status timeline, the audit of
-- the review).
CREATE TABLE application_events (
  id             TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications (id),
  seq            INTEGER NOT NULL,  -- 1, 2, ... per application: the order, even within one millisecond
  from_status    TEXT,
  to_status      TEXT NOT NULL,
  actor_kind     TEXT NOT NULL CHECK (actor_kind IN ('subscriber', 'staff', 'system')),
  actor_id       TEXT,
  at             BIGINT NOT NULL
);
CREATE UNIQUE INDEX application_events_by_application ON application_events (application_id, seq);

-- Review back office (issue 4). Applications gain the reviewer's claim (a lease: claimed_by holds
-- the case until lease_expires_at), the escalation to supervisors (escalation_note_sealed is bound
-- to (applications, escalation_note_sealed, id)) and the automated-check flags (a JSON array of
-- codes such as ["duplicate_document"]: no personal data). Every decision is kept in
-- application_decisions (reasons: a JSON array of reason codes; note_sealed bound to
-- (application_decisions, note_sealed, id)); review_samples queues approved cases for a second
-- look (note_sealed bound to (review_samples, note_sealed, id)). Times are Unix milliseconds.
ALTER TABLE applications ADD COLUMN claimed_by TEXT;
ALTER TABLE applications ADD COLUMN claimed_at BIGINT;
ALTER TABLE applications ADD COLUMN lease_expires_at BIGINT;
ALTER TABLE applications ADD COLUMN escalated_by TEXT;
ALTER TABLE applications ADD COLUMN escalated_at BIGINT;
ALTER TABLE applications ADD COLUMN escalation_note_sealed {{BLOB}};
ALTER TABLE applications ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';
CREATE INDEX applications_by_claim ON applications (claimed_by) WHERE claimed_by IS NOT NULL;

CREATE TABLE application_decisions (
  id             TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications (id),
  seq            INTEGER NOT NULL,  -- 1, 2, ... per application
  outcome        TEXT NOT NULL CHECK (outcome IN ('approved', 'rejected', 'resubmission_requested')),
  reasons        TEXT NOT NULL,
  note_sealed    {{BLOB}},
  reviewer_id    TEXT NOT NULL,
  submitted_at   BIGINT NOT NULL,  -- when the decided submission arrived: time to decision
  decided_at     BIGINT NOT NULL
);
CREATE UNIQUE INDEX application_decisions_by_application ON application_decisions (application_id, seq);
CREATE INDEX application_decisions_by_time ON application_decisions (decided_at);

CREATE TABLE review_samples (
  id             TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications (id),
  decision_id    TEXT NOT NULL REFERENCES application_decisions (id),
  reviewer_id    TEXT NOT NULL,  -- who approved
  created_at     BIGINT NOT NULL,
  claimed_by     TEXT,
  claimed_at     BIGINT,
  checked_by     TEXT,
  checked_at     BIGINT,
  agree          INTEGER CHECK (agree IN (0, 1)),
  reasons        TEXT,
  note_sealed    {{BLOB}}
);
CREATE UNIQUE INDEX review_samples_by_decision ON review_samples (decision_id);
CREATE INDEX review_samples_open ON review_samples (checked_at, created_at);

// SQL of the review: the queue (summaries and counts), claims and leases, escalation, quality
// samples and the figures behind the statistics. Status changes and decisions go through
// registration::ApplicationStore (one event log); this store only writes the review columns.
// Claiming: PostgreSQL picks with SELECT ... FOR UPDATE SKIP LOCKED; SQLite's write transaction
// (BEGIN IMMEDIATE) already excludes every other writer. Every function runs on a caller's
// session. Stateless apart from the sealer; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/result.hpp"
#include "crypto/field_sealer.hpp"
#include "db/database.hpp"

namespace simreg::review {

struct QueueFilter {
  std::optional<std::string> channel;
  std::optional<std::string> document_type;
  std::optional<bool> flagged;
  std::optional<bool> resubmission;
  std::optional<bool> escalated;
};

struct QueueRow {
  std::string id;
  std::string channel;
  std::optional<std::string> document_type;
  std::string status;
  std::optional<std::int64_t> submitted_at_ms;
  std::optional<std::int64_t> due_at_ms;
  std::vector<std::string> flags;
  int submission_count = 0;
  bool escalated = false;
  std::optional<std::string> claimed_by;
  std::optional<std::int64_t> lease_expires_at_ms;
  std::optional<std::string> full_name;        // opened
  std::optional<std::string> document_number;  // opened
};

struct QueueCounts {
  std::int64_t total = 0, overdue = 0, due_today = 0, flagged = 0, resubmissions = 0, escalated = 0, claimed = 0;
};

struct DecisionRow {
  std::string reviewer_id;
  std::string outcome;
  std::vector<std::string> reasons;
  std::int64_t submitted_at_ms = 0;
  std::int64_t decided_at_ms = 0;
};

struct SampleRow {
  std::string id;
  std::string application_id;
  std::string reviewer_id;
  std::optional<std::string> claimed_by;
};

struct SampleReportRow {
  std::string reviewer_id;
  std::int64_t sampled = 0, reviewed = 0, disagreements = 0;
};

class ReviewStore {
 public:
  explicit ReviewStore(const crypto::FieldSealer& sealer) : sealer_(sealer) {}

  // Submitted and in-review cases, most urgent first (due_at, then id).
  Result<std::vector<QueueRow>> queue(db::Session& session, const QueueFilter& filter, int limit);
  Result<std::optional<QueueRow>> summary(db::Session& session, const std::string& id);
  // `day_end_ms`: the end of today in the profile's time zone.
  Result<QueueCounts> counts(db::Session& session, std::int64_t now_ms, std::int64_t day_end_ms);

  // The case `staff_id` holds with a live lease, if any.
  Result<std::optional<std::string>> held_by(db::Session& session, const std::string& staff_id, std::int64_t now_ms);
  // The most urgent claimable case, locked for this transaction (PostgreSQL: skipping rows other
  // claimers hold). Escalated cases only when `supervisor`.
  Result<std::optional<std::string>> pick_next(db::Session& tx, const QueueFilter& filter, bool supervisor,
                                               std::int64_t now_ms);
  Result<void> set_claim(db::Session& tx, const std::string& id, const std::string& staff_id, std::int64_t now_ms,
                         std::int64_t lease_expires_at_ms);
  Result<void> clear_claim(db::Session& tx, const std::string& id);
  Result<void> set_escalation(db::Session& tx, const std::string& id, const std::string& staff_id,
                              const std::string& note, std::int64_t now_ms);
  // In-review cases whose lease ran out (for the system to hand back), at most `limit`.
  Result<std::vector<std::string>> lapsed(db::Session& session, std::int64_t now_ms, int limit);

  // Decisions decided at or after `since_ms`.
  Result<std::vector<DecisionRow>> decisions_since(db::Session& session, std::int64_t since_ms);
  // Every decision ever, counted by outcome and reason code ("none" for decisions without one).
  Result<std::vector<std::tuple<std::string, std::string, std::int64_t>>> decision_totals(db::Session& session);

  Result<void> insert_sample(db::Session& tx, const std::string& application_id, const std::string& decision_id,
                             const std::string& reviewer_id, std::int64_t now_ms);
  // An unchecked sample the checker may take (never their own approval): theirs already, else the
  // oldest unclaimed or stale one; locked for this transaction.
  Result<std::optional<SampleRow>> pick_sample(db::Session& tx, const std::string& checker_id, std::int64_t now_ms,
                                               std::int64_t stale_before_ms);
  Result<std::optional<SampleRow>> sample(db::Session& tx, const std::string& id);
  Result<void> claim_sample(db::Session& tx, const std::string& id, const std::string& checker_id,
                            std::int64_t now_ms);
  Result<void> record_verdict(db::Session& tx, const std::string& id, const std::string& checker_id, bool agree,
                              const std::vector<std::string>& reasons, const std::string& note, std::int64_t now_ms);
  Result<std::vector<SampleReportRow>> sample_report(db::Session& session);

 private:
  Result<QueueRow> summary_row(const db::Row& row) const;

  const crypto::FieldSealer& sealer_;
};

}  // namespace simreg::review

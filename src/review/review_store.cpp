#include "review/review_store.hpp"

#include <map>

#include <nlohmann/json.hpp>

#include "crypto/random.hpp"
#include "registration/application_store.hpp"

namespace simreg::review {
namespace {

constexpr std::string_view kSummaryColumns =
    "id, channel, document_type, status, submitted_at, due_at, flags, submission_count, escalated_at, claimed_by, "
    "lease_expires_at, full_name_sealed, document_number_sealed";
constexpr std::string_view kReviewable = "status IN ('submitted', 'in_review')";

// Appends the filter's conditions with numbered parameters after those already in `params`.
std::string filter_sql(const QueueFilter& filter, std::vector<db::Value>& params) {
  std::string sql;
  if (filter.channel) {
    params.emplace_back(*filter.channel);
    sql += " AND channel = $" + std::to_string(params.size());
  }
  if (filter.document_type) {
    params.emplace_back(*filter.document_type);
    sql += " AND document_type = $" + std::to_string(params.size());
  }
  if (filter.flagged) sql += *filter.flagged ? " AND flags <> '[]'" : " AND flags = '[]'";
  if (filter.resubmission) sql += *filter.resubmission ? " AND submission_count > 1" : " AND submission_count <= 1";
  if (filter.escalated) sql += *filter.escalated ? " AND escalated_at IS NOT NULL" : " AND escalated_at IS NULL";
  return sql;
}

}  // namespace

// One row of kSummaryColumns, the two masked-in-lists values opened.
Result<QueueRow> ReviewStore::summary_row(const db::Row& row) const {
  QueueRow out;
  out.id = row.text(0);
  out.channel = row.text(1);
  out.document_type = row.opt_text(2);
  out.status = row.text(3);
  out.submitted_at_ms = row.opt_integer(4);
  out.due_at_ms = row.opt_integer(5);
  out.flags = registration::codes_from_json(row.text(6));
  out.submission_count = static_cast<int>(row.integer(7));
  out.escalated = !row.is_null(8);
  out.claimed_by = row.opt_text(9);
  out.lease_expires_at_ms = row.opt_integer(10);
  if (!row.is_null(11)) {
    SIMREG_TRY_ASSIGN(out.full_name, sealer_.open(row.bytes(11), {"applications", "full_name_sealed", out.id}));
  }
  if (!row.is_null(12)) {
    SIMREG_TRY_ASSIGN(out.document_number,
                      sealer_.open(row.bytes(12), {"applications", "document_number_sealed", out.id}));
  }
  return out;
}

Result<std::vector<QueueRow>> ReviewStore::queue(db::Session& session, const QueueFilter& filter, int limit) {
  std::vector<db::Value> params;
  std::string sql = "SELECT " + std::string(kSummaryColumns) + " FROM applications WHERE " + std::string(kReviewable) +
                    filter_sql(filter, params);
  params.emplace_back(std::int64_t{limit});
  sql += " ORDER BY due_at, id LIMIT $" + std::to_string(params.size());
  SIMREG_TRY_ASSIGN(auto result, session.execute(sql, params));
  std::vector<QueueRow> rows;
  for (const auto& row : result.rows) {
    SIMREG_TRY_ASSIGN(auto out, summary_row(row));
    rows.push_back(std::move(out));
  }
  return rows;
}

Result<std::optional<QueueRow>> ReviewStore::summary(db::Session& session, const std::string& id) {
  // The queue's query narrowed to one id, whatever its status.
  std::string sql = "SELECT " + std::string(kSummaryColumns) + " FROM applications WHERE id = $1";
  SIMREG_TRY_ASSIGN(auto result, session.execute(sql, {id}));
  if (result.empty()) return std::optional<QueueRow>{};
  SIMREG_TRY_ASSIGN(auto out, summary_row(result.first()));
  return std::optional<QueueRow>{std::move(out)};
}

Result<QueueCounts> ReviewStore::counts(db::Session& session, std::int64_t now_ms, std::int64_t day_end_ms) {
  SIMREG_TRY_ASSIGN(auto result,
                    session.execute("SELECT COUNT(*), "
                                    "COALESCE(SUM(CASE WHEN due_at < $1 THEN 1 ELSE 0 END), 0), "
                                    "COALESCE(SUM(CASE WHEN due_at >= $1 AND due_at < $2 THEN 1 ELSE 0 END), 0), "
                                    "COALESCE(SUM(CASE WHEN flags <> '[]' THEN 1 ELSE 0 END), 0), "
                                    "COALESCE(SUM(CASE WHEN submission_count > 1 THEN 1 ELSE 0 END), 0), "
                                    "COALESCE(SUM(CASE WHEN escalated_at IS NOT NULL THEN 1 ELSE 0 END), 0), "
                                    "COALESCE(SUM(CASE WHEN status = 'in_review' AND lease_expires_at > $1 "
                                    "THEN 1 ELSE 0 END), 0) "
                                    "FROM applications WHERE status IN ('submitted', 'in_review')",
                                    {now_ms, day_end_ms}));
  const auto& row = result.first();
  return QueueCounts{row.integer(0), row.integer(1), row.integer(2), row.integer(3),
                     row.integer(4), row.integer(5), row.integer(6)};
}

Result<std::optional<std::string>> ReviewStore::held_by(db::Session& session, const std::string& staff_id,
                                                        std::int64_t now_ms) {
  SIMREG_TRY_ASSIGN(auto result,
                    session.execute("SELECT id FROM applications WHERE claimed_by = $1 AND status = 'in_review' "
                                    "AND lease_expires_at > $2 ORDER BY claimed_at DESC LIMIT 1",
                                    {staff_id, now_ms}));
  if (result.empty()) return std::optional<std::string>{};
  return std::optional<std::string>{result.first().text(0)};
}

Result<std::optional<std::string>> ReviewStore::pick_next(db::Session& tx, const QueueFilter& filter, bool supervisor,
                                                          std::int64_t now_ms) {
  std::vector<db::Value> params{now_ms};
  std::string sql =
      "SELECT id FROM applications WHERE (status = 'submitted' OR (status = 'in_review' AND "
      "(lease_expires_at IS NULL OR lease_expires_at <= $1)))";
  if (!supervisor) sql += " AND escalated_at IS NULL";
  sql += filter_sql(filter, params);
  sql += " ORDER BY due_at, id LIMIT 1";
  if (tx.dialect() == db::Dialect::postgres) sql += " FOR UPDATE SKIP LOCKED";
  SIMREG_TRY_ASSIGN(auto result, tx.execute(sql, params));
  if (result.empty()) return std::optional<std::string>{};
  return std::optional<std::string>{result.first().text(0)};
}

Result<void> ReviewStore::set_claim(db::Session& tx, const std::string& id, const std::string& staff_id,
                                    std::int64_t now_ms, std::int64_t lease_expires_at_ms) {
  SIMREG_TRY(tx.execute("UPDATE applications SET claimed_by = $1, claimed_at = $2, lease_expires_at = $3, "
                        "updated_at = $2 WHERE id = $4",
                        {staff_id, now_ms, lease_expires_at_ms, id}));
  return success();
}

Result<void> ReviewStore::clear_claim(db::Session& tx, const std::string& id) {
  SIMREG_TRY(tx.execute("UPDATE applications SET claimed_by = NULL, claimed_at = NULL, lease_expires_at = NULL "
                        "WHERE id = $1",
                        {id}));
  return success();
}

Result<void> ReviewStore::set_escalation(db::Session& tx, const std::string& id, const std::string& staff_id,
                                         const std::string& note, std::int64_t now_ms) {
  const db::Value sealed =
      note.empty() ? db::Value{db::Null{}}
                   : db::Value{db::Bytes{sealer_.seal(note, {"applications", "escalation_note_sealed", id})}};
  SIMREG_TRY(tx.execute("UPDATE applications SET escalated_by = $1, escalated_at = $2, escalation_note_sealed = $3 "
                        "WHERE id = $4",
                        {staff_id, now_ms, sealed, id}));
  return success();
}

Result<std::vector<std::string>> ReviewStore::lapsed(db::Session& session, std::int64_t now_ms, int limit) {
  SIMREG_TRY_ASSIGN(auto result, session.execute("SELECT id FROM applications WHERE status = 'in_review' AND "
                                                 "(lease_expires_at IS NULL OR lease_expires_at <= $1) "
                                                 "ORDER BY id LIMIT $2",
                                                 {now_ms, std::int64_t{limit}}));
  std::vector<std::string> ids;
  for (const auto& row : result.rows) ids.push_back(row.text(0));
  return ids;
}

Result<std::vector<DecisionRow>> ReviewStore::decisions_since(db::Session& session, std::int64_t since_ms) {
  SIMREG_TRY_ASSIGN(auto result, session.execute("SELECT reviewer_id, outcome, reasons, submitted_at, decided_at "
                                                 "FROM application_decisions WHERE decided_at >= $1",
                                                 {since_ms}));
  std::vector<DecisionRow> rows;
  for (const auto& row : result.rows) {
    rows.push_back({row.text(0), row.text(1), registration::codes_from_json(row.text(2)), row.integer(3), row.integer(4)});
  }
  return rows;
}

Result<std::vector<std::tuple<std::string, std::string, std::int64_t>>> ReviewStore::decision_totals(
    db::Session& session) {
  // Grouped by the reasons text: few distinct combinations, however many decisions there are.
  SIMREG_TRY_ASSIGN(auto result, session.execute("SELECT outcome, reasons, COUNT(*) FROM application_decisions "
                                                 "GROUP BY outcome, reasons"));
  std::map<std::pair<std::string, std::string>, std::int64_t> totals;
  for (const auto& row : result.rows) {
    const auto reasons = registration::codes_from_json(row.text(1));
    if (reasons.empty()) totals[{row.text(0), "none"}] += row.integer(2);
    for (const auto& reason : reasons) totals[{row.text(0), reason}] += row.integer(2);
  }
  std::vector<std::tuple<std::string, std::string, std::int64_t>> out;
  for (const auto& [key, count] : totals) out.emplace_back(key.first, key.second, count);
  return out;
}

Result<void> ReviewStore::insert_sample(db::Session& tx, const std::string& application_id,
                                        const std::string& decision_id, const std::string& reviewer_id,
                                        std::int64_t now_ms) {
  SIMREG_TRY(tx.execute("INSERT INTO review_samples (id, application_id, decision_id, reviewer_id, created_at) "
                        "VALUES ($1, $2, $3, $4, $5)",
                        {crypto::random_id("smp"), application_id, decision_id, reviewer_id, now_ms}));
  return success();
}

namespace {
SampleRow sample_of(const db::Row& row) { return {row.text(0), row.text(1), row.text(2), row.opt_text(3)}; }
}  // namespace

Result<std::optional<SampleRow>> ReviewStore::pick_sample(db::Session& tx, const std::string& checker_id,
                                                          std::int64_t now_ms, std::int64_t stale_before_ms) {
  (void)now_ms;
  const std::string lock = tx.dialect() == db::Dialect::postgres ? " FOR UPDATE SKIP LOCKED" : "";
  SIMREG_TRY_ASSIGN(auto mine, tx.execute("SELECT id, application_id, reviewer_id, claimed_by FROM review_samples "
                                          "WHERE checked_at IS NULL AND claimed_by = $1 AND claimed_at > $2 "
                                          "ORDER BY created_at, id LIMIT 1" + lock,
                                          {checker_id, stale_before_ms}));
  if (!mine.empty()) return std::optional<SampleRow>{sample_of(mine.first())};
  SIMREG_TRY_ASSIGN(auto open, tx.execute("SELECT id, application_id, reviewer_id, claimed_by FROM review_samples "
                                          "WHERE checked_at IS NULL AND reviewer_id <> $1 "
                                          "AND (claimed_by IS NULL OR claimed_at <= $2) "
                                          "ORDER BY created_at, id LIMIT 1" + lock,
                                          {checker_id, stale_before_ms}));
  if (open.empty()) return std::optional<SampleRow>{};
  return std::optional<SampleRow>{sample_of(open.first())};
}

Result<std::optional<SampleRow>> ReviewStore::sample(db::Session& tx, const std::string& id) {
  const std::string lock = tx.dialect() == db::Dialect::postgres ? " FOR UPDATE" : "";
  SIMREG_TRY_ASSIGN(auto result, tx.execute("SELECT id, application_id, reviewer_id, claimed_by FROM review_samples "
                                            "WHERE id = $1 AND checked_at IS NULL" + lock,
                                            {id}));
  if (result.empty()) return std::optional<SampleRow>{};
  return std::optional<SampleRow>{sample_of(result.first())};
}

Result<void> ReviewStore::claim_sample(db::Session& tx, const std::string& id, const std::string& checker_id,
                                       std::int64_t now_ms) {
  SIMREG_TRY(tx.execute("UPDATE review_samples SET claimed_by = $1, claimed_at = $2 WHERE id = $3",
                        {checker_id, now_ms, id}));
  return success();
}

Result<void> ReviewStore::record_verdict(db::Session& tx, const std::string& id, const std::string& checker_id,
                                         bool agree, const std::vector<std::string>& reasons, const std::string& note,
                                         std::int64_t now_ms) {
  const db::Value sealed = note.empty() ? db::Value{db::Null{}}
                                        : db::Value{db::Bytes{sealer_.seal(note, {"review_samples", "note_sealed", id})}};
  SIMREG_TRY(tx.execute("UPDATE review_samples SET checked_by = $1, checked_at = $2, agree = $3, reasons = $4, "
                        "note_sealed = $5 WHERE id = $6",
                        {checker_id, now_ms, std::int64_t{agree ? 1 : 0}, nlohmann::json(reasons).dump(), sealed, id}));
  return success();
}

Result<std::vector<SampleReportRow>> ReviewStore::sample_report(db::Session& session) {
  SIMREG_TRY_ASSIGN(auto result,
                    session.execute("SELECT reviewer_id, COUNT(*), "
                                    "COALESCE(SUM(CASE WHEN checked_at IS NOT NULL THEN 1 ELSE 0 END), 0), "
                                    "COALESCE(SUM(CASE WHEN agree = 0 THEN 1 ELSE 0 END), 0) "
                                    "FROM review_samples GROUP BY reviewer_id ORDER BY reviewer_id"));
  std::vector<SampleReportRow> rows;
  for (const auto& row : result.rows) rows.push_back({row.text(0), row.integer(1), row.integer(2), row.integer(3)});
  return rows;
}

}  // namespace simreg::review

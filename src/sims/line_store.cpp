#include "sims/line_store.hpp"

#include "crypto/random.hpp"

namespace simreg::sims {
namespace {

constexpr std::string_view kSelect =
    "SELECT id, msisdn_sealed, iccid, status, activated_at, registration_deadline, subscriber_id, "
    "linked_at, "
    "application_id, holder_index FROM sim_lines ";

std::string for_update(const db::Session& session, bool lock) {
  return lock && session.dialect() == db::Dialect::postgres ? " FOR UPDATE" : "";
}

}  // namespace

LineStore::LineStore(const crypto::FieldSealer& sealer, const crypto::BlindIndexer& indexer)
    : sealer_(sealer), indexer_(indexer) {}

std::string LineStore::msisdn_index(std::string_view e164) const {
  return indexer_.compute(kMsisdnIndexPurpose, e164);
}

Result<Line> LineStore::open_row(const db::Row& row) const {
  Line line;
  line.id = row.text(0);
  SIMREG_TRY_ASSIGN(line.msisdn, sealer_.open(row.bytes(1), {kLinesTable, kMsisdnColumn, line.id}));
  line.iccid = row.text(2);
  line.status = row.text(3);
  line.activated_at_ms = row.integer(4);
  line.registration_deadline_ms = row.integer(5);
  line.subscriber_id = row.opt_text(6);
  line.linked_at_ms = row.opt_integer(7);
  line.application_id = row.opt_text(8);
  line.holder_index = row.opt_text(9);
  return line;
}

Result<std::optional<Line>> LineStore::find_by_msisdn(db::Session& session, std::string_view e164,
                                                      bool lock) const {
  SIMREG_TRY_ASSIGN(auto rows, session.execute(std::string(kSelect) + "WHERE msisdn_index = $1" +
                                                   for_update(session, lock),
                                               {msisdn_index(e164)}));
  if (rows.empty()) return std::optional<Line>{};
  SIMREG_TRY_ASSIGN(auto line, open_row(rows.first()));
  return std::optional<Line>(std::move(line));
}

Result<std::vector<Line>> LineStore::find_by_ids(db::Session& session,
                                                 const std::vector<std::string>& ids,
                                                 bool lock) const {
  std::vector<Line> lines;
  // One statement per id keeps the SQL text fixed (prepared once) for any number of ids.
  const std::string sql = std::string(kSelect) + "WHERE id = $1" + for_update(session, lock);
  for (const auto& id : ids) {
    SIMREG_TRY_ASSIGN(auto rows, session.execute(sql, {id}));
    if (rows.empty()) continue;
    SIMREG_TRY_ASSIGN(auto line, open_row(rows.first()));
    lines.push_back(std::move(line));
  }
  return lines;
}

Result<std::vector<Line>> LineStore::linked_to(db::Session& session,
                                               const std::string& subscriber_id) const {
  SIMREG_TRY_ASSIGN(
      auto rows,
      session.execute(std::string(kSelect) + "WHERE subscriber_id = $1 ORDER BY linked_at, id",
                      {subscriber_id}));
  std::vector<Line> lines;
  lines.reserve(rows.rows.size());
  for (const auto& row : rows.rows) {
    SIMREG_TRY_ASSIGN(auto line, open_row(row));
    lines.push_back(std::move(line));
  }
  return lines;
}

Result<void> LineStore::link(db::Session& tx, const std::string& line_id,
                             const std::string& subscriber_id, bool clear_registration,
                             std::int64_t now_ms) const {
  const char* sql =
      clear_registration
          ? "UPDATE sim_lines SET subscriber_id = $1, linked_at = $2, updated_at = $2, "
            "application_id = NULL, holder_index = NULL WHERE id = $3"
          : "UPDATE sim_lines SET subscriber_id = $1, linked_at = $2, updated_at = $2 WHERE id = "
            "$3";
  SIMREG_TRY_ASSIGN(auto result, tx.execute(sql, {subscriber_id, now_ms, line_id}));
  if (result.rows_affected != 1) return Error::internal("A line vanished while being linked.");
  return success();
}

Result<void> LineStore::change_status(db::Session& tx, const StatusChange& change,
                                      std::int64_t now_ms) const {
  const auto optional_text = [](const std::optional<std::string>& value) {
    return value ? db::Value{*value} : db::Value{};
  };
  // COALESCE keeps the stored holder / application when the caller passes none.
  SIMREG_TRY_ASSIGN(
      auto result,
      tx.execute("UPDATE sim_lines SET status = $1, updated_at = $2, "
                 "holder_index = COALESCE($3, holder_index), "
                 "application_id = COALESCE($4, application_id) WHERE id = $5 AND status = $6",
                 {change.to_status, now_ms, optional_text(change.holder_index),
                  optional_text(change.application_id), change.line_id, change.from_status}));
  if (result.rows_affected != 1)
    return Error::internal("A line changed status while being updated.");
  if (change.from_status == change.to_status) return success();
  SIMREG_TRY(
      tx.execute("INSERT INTO sim_status_history (id, line_id, from_status, to_status, at, "
                 "actor_kind, actor_id, "
                 "reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                 {crypto::random_id("lsh"), change.line_id, change.from_status, change.to_status,
                  now_ms, change.actor_kind, change.actor_id, change.reason}));
  return success();
}

Result<LineStore::HolderLineCounts> LineStore::registered_lines_of_holder(db::Session& session,
                                                                        const std::string& holder_index,
                                                                        const std::string& subscriber_id) const {
  SIMREG_TRY_ASSIGN(auto counts, session.execute(
                                     "SELECT COUNT(*), COALESCE(SUM(CASE WHEN subscriber_id IS NULL OR "
                                     "subscriber_id <> $2 THEN 1 ELSE 0 END), 0) FROM sim_lines "
                                     "WHERE holder_index = $1 AND status = 'registered'",
                                     {holder_index, subscriber_id}));
  return HolderLineCounts{static_cast<int>(counts.first().integer(0)), static_cast<int>(counts.first().integer(1))};
}

Result<bool> LineStore::table_empty(db::Session& session) const {
  SIMREG_TRY_ASSIGN(auto rows, session.execute("SELECT 1 FROM sim_lines LIMIT 1"));
  return rows.empty();
}

}  // namespace simreg::sims

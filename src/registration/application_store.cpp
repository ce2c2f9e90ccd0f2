#include "registration/application_store.hpp"

#include <algorithm>

#include "crypto/random.hpp"
#include "registration/identity_fields.hpp"

namespace simreg::registration {
namespace {

constexpr std::string_view kTable = "applications";

std::string sealed_column(std::string_view name) { return std::string(name) + "_sealed"; }

std::string column_for(const IdentityField& field) {
  return field.sealed ? sealed_column(field.name) : std::string(field.name);
}

std::string select_columns() {
  std::string columns =
      "id, subscriber_id, channel, status, profile_id, declaration_accepted_at, submitted_at, due_at, decided_at, "
      "decision_outcome, decision_reasons, decision_note_sealed, submission_count, created_at, updated_at";
  for (const auto& field : kIdentityFields) columns += ", " + column_for(field);
  columns += ", claimed_by, claimed_at, lease_expires_at, escalated_by, escalated_at, escalation_note_sealed, flags";
  return columns;
}

constexpr std::size_t kFirstIdentityColumn = 15;
constexpr std::size_t kFirstReviewColumn = kFirstIdentityColumn + kIdentityFields.size();

Error corrupt_row() {
  return Error::make(ErrorKind::internal, "application.corrupt", "A stored application could not be read.");
}

}  // namespace

std::vector<std::string> codes_from_json(const std::string& text) {
  std::vector<std::string> out;
  const auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& item : parsed) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

const IdentityField* find_identity_field(std::string_view name) {
  for (const auto& field : kIdentityFields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

Result<void> ApplicationStore::insert(db::Session& tx, const Application& application, Actor actor,
                                      const std::string& actor_id) {
  SIMREG_TRY(tx.execute(
      "INSERT INTO applications (id, subscriber_id, channel, status, profile_id, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $6)",
      {application.id, application.subscriber_id, application.channel,
       std::string(status_name(application.status)), application.profile_id, application.created_at_ms}));
  SIMREG_TRY(replace_lines(tx, application.id, application.line_ids, application.created_at_ms));
  SIMREG_TRY(tx.execute(
      "INSERT INTO application_events (id, application_id, seq, from_status, to_status, actor_kind, actor_id, at) "
      "VALUES ($1, $2, 1, NULL, $3, $4, $5, $6)",
      {crypto::random_id("evt"), application.id, std::string(status_name(application.status)),
       std::string(actor_name(actor)), actor_id, application.created_at_ms}));
  return success();
}

Result<std::optional<Application>> ApplicationStore::load(db::Session& session, const std::string& id, bool lock) {
  std::string sql = "SELECT " + select_columns() + " FROM applications WHERE id = $1";
  if (lock && session.dialect() == db::Dialect::postgres) sql += " FOR UPDATE";
  SIMREG_TRY_ASSIGN(auto result, session.execute(sql, {id}));
  if (result.empty()) return std::optional<Application>{};
  const auto& row = result.first();

  Application app;
  app.id = row.text(0);
  app.subscriber_id = row.text(1);
  app.channel = row.text(2);
  const auto status = parse_status(row.text(3));
  if (!status) return corrupt_row();
  app.status = *status;
  app.profile_id = row.text(4);
  app.declaration_accepted_at_ms = row.opt_integer(5);
  app.submitted_at_ms = row.opt_integer(6);
  app.due_at_ms = row.opt_integer(7);
  app.decided_at_ms = row.opt_integer(8);
  if (auto outcome = row.opt_text(9)) {
    Decision decision;
    decision.outcome = *outcome;
    decision.reasons = codes_from_json(row.text(10));
    decision.decided_at_ms = row.integer(8);
    if (!row.is_null(11)) {
      SIMREG_TRY_ASSIGN(decision.note,
                        sealer_.open(row.bytes(11), {kTable, "decision_note_sealed", app.id}));
    }
    app.decision = std::move(decision);
  }
  app.submission_count = static_cast<int>(row.integer(12));
  app.created_at_ms = row.integer(13);
  app.updated_at_ms = row.integer(14);
  for (std::size_t i = 0; i < kIdentityFields.size(); ++i) {
    const auto& field = kIdentityFields[i];
    const std::size_t column = kFirstIdentityColumn + i;
    if (row.is_null(column)) continue;
    if (field.sealed) {
      const auto name = sealed_column(field.name);
      SIMREG_TRY_ASSIGN(auto value, sealer_.open(row.bytes(column), {kTable, name, app.id}));
      app.identity.*field.member = std::move(value);
    } else {
      app.identity.*field.member = row.text(column);
    }
  }
  constexpr std::size_t r = kFirstReviewColumn;
  if (auto holder = row.opt_text(r)) {
    app.claim = Claim{*holder, row.integer(r + 1), row.integer(r + 2)};
  }
  if (auto by = row.opt_text(r + 3)) {
    Escalation escalation{*by, "", row.integer(r + 4)};
    if (!row.is_null(r + 5)) {
      SIMREG_TRY_ASSIGN(escalation.note, sealer_.open(row.bytes(r + 5), {kTable, "escalation_note_sealed", app.id}));
    }
    app.escalation = std::move(escalation);
  }
  app.flags = codes_from_json(row.text(r + 6));

  SIMREG_TRY_ASSIGN(auto decisions, session.execute("SELECT id, outcome, reasons, note_sealed, reviewer_id, decided_at "
                                                    "FROM application_decisions WHERE application_id = $1 "
                                                    "ORDER BY seq",
                                                    {id}));
  for (const auto& d : decisions.rows) {
    Decision decision;
    decision.outcome = d.text(1);
    decision.reasons = codes_from_json(d.text(2));
    if (!d.is_null(3)) {
      SIMREG_TRY_ASSIGN(decision.note, sealer_.open(d.bytes(3), {"application_decisions", "note_sealed", d.text(0)}));
    }
    decision.reviewer_id = d.text(4);
    decision.decided_at_ms = d.integer(5);
    app.decisions.push_back(std::move(decision));
  }
  if (app.decision && !app.decisions.empty()) app.decision->reviewer_id = app.decisions.back().reviewer_id;

  SIMREG_TRY_ASSIGN(auto lines, session.execute(
                                    "SELECT line_id FROM application_lines WHERE application_id = $1 ORDER BY line_id",
                                    {id}));
  for (const auto& line : lines.rows) app.line_ids.push_back(line.text(0));

  SIMREG_TRY_ASSIGN(auto documents,
                    session.execute("SELECT kind, blob_id, width, height, quality, uploaded_at "
                                    "FROM application_documents WHERE application_id = $1",
                                    {id}));
  for (const auto& doc : documents.rows) {
    StoredDocument stored;
    stored.kind = doc.text(0);
    stored.blob_id = doc.text(1);
    stored.width = static_cast<int>(doc.integer(2));
    stored.height = static_cast<int>(doc.integer(3));
    stored.quality = nlohmann::json::parse(doc.text(4), nullptr, false);
    if (stored.quality.is_discarded()) stored.quality = nlohmann::json::object();
    stored.uploaded_at_ms = doc.integer(5);
    app.documents.emplace(stored.kind, std::move(stored));
  }

  SIMREG_TRY_ASSIGN(auto events, session.execute("SELECT from_status, to_status, actor_kind, at "
                                                 "FROM application_events WHERE application_id = $1 "
                                                 "ORDER BY seq",
                                                 {id}));
  for (const auto& event : events.rows) {
    StatusEvent entry;
    if (auto from = event.opt_text(0)) entry.from = parse_status(*from);
    const auto to = parse_status(event.text(1));
    if (!to) return corrupt_row();
    entry.to = *to;
    const auto actor = event.text(2);
    entry.actor = actor == "subscriber" ? Actor::subscriber : actor == "staff" ? Actor::staff : Actor::system;
    entry.at_ms = event.integer(3);
    app.history.push_back(entry);
  }
  return std::optional<Application>{std::move(app)};
}

Result<std::vector<std::string>> ApplicationStore::ids_of_subscriber(db::Session& session,
                                                                     const std::string& subscriber_id) {
  SIMREG_TRY_ASSIGN(auto result,
                    session.execute("SELECT id FROM applications WHERE subscriber_id = $1 ORDER BY created_at DESC, id",
                                    {subscriber_id}));
  std::vector<std::string> ids;
  for (const auto& row : result.rows) ids.push_back(row.text(0));
  return ids;
}

Result<std::optional<std::string>> ApplicationStore::draft_of_subscriber(db::Session& session,
                                                                         const std::string& subscriber_id) {
  SIMREG_TRY_ASSIGN(auto result, session.execute(
                                     "SELECT id FROM applications WHERE subscriber_id = $1 AND status = 'draft'",
                                     {subscriber_id}));
  if (result.empty()) return std::optional<std::string>{};
  return std::optional<std::string>{result.first().text(0)};
}

Result<void> ApplicationStore::save_identity(db::Session& tx, const std::string& id, const Identity& identity,
                                             const std::optional<std::string>& document_number_index,
                                             std::int64_t now_ms) {
  std::string sql = "UPDATE applications SET updated_at = $1, document_number_index = $2";
  std::vector<db::Value> params{db::Value{now_ms}, document_number_index ? db::Value{*document_number_index}
                                                                         : db::Value{db::Null{}}};
  for (const auto& field : kIdentityFields) {
    const auto& value = identity.*field.member;
    const auto column = column_for(field);
    if (!value) {
      params.emplace_back(db::Null{});
    } else if (field.sealed) {
      params.emplace_back(db::Bytes{sealer_.seal(*value, {kTable, column, id})});
    } else {
      params.emplace_back(*value);
    }
    sql += ", " + column + " = $" + std::to_string(params.size());
  }
  params.push_back(id);
  sql += " WHERE id = $" + std::to_string(params.size());
  SIMREG_TRY(tx.execute(sql, params));
  return success();
}

Result<void> ApplicationStore::replace_lines(db::Session& tx, const std::string& id,
                                             const std::vector<std::string>& line_ids, std::int64_t now_ms) {
  SIMREG_TRY(tx.execute("DELETE FROM application_lines WHERE application_id = $1", {id}));
  for (const auto& line_id : line_ids) {
    SIMREG_TRY(tx.execute("INSERT INTO application_lines (application_id, line_id) VALUES ($1, $2)", {id, line_id}));
  }
  SIMREG_TRY(tx.execute("UPDATE applications SET updated_at = $1 WHERE id = $2", {now_ms, id}));
  return success();
}

Result<std::optional<std::string>> ApplicationStore::put_document(db::Session& tx, const std::string& id,
                                                                  const StoredDocument& document,
                                                                  std::int64_t now_ms) {
  SIMREG_TRY_ASSIGN(auto previous,
                    tx.execute("SELECT blob_id FROM application_documents WHERE application_id = $1 AND kind = $2",
                               {id, document.kind}));
  SIMREG_TRY(tx.execute("DELETE FROM application_documents WHERE application_id = $1 AND kind = $2",
                        {id, document.kind}));
  SIMREG_TRY(tx.execute(
      "INSERT INTO application_documents (application_id, kind, blob_id, width, height, quality, uploaded_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {id, document.kind, document.blob_id, std::int64_t{document.width}, std::int64_t{document.height},
       document.quality.dump(), document.uploaded_at_ms}));
  SIMREG_TRY(tx.execute("UPDATE applications SET updated_at = $1 WHERE id = $2", {now_ms, id}));
  if (previous.empty()) return std::optional<std::string>{};
  return std::optional<std::string>{previous.first().text(0)};
}

Result<void> ApplicationStore::change_status(db::Session& tx, const Application& application, ApplicationStatus to,
                                             Actor actor, const std::string& actor_id, std::int64_t now_ms,
                                             const std::optional<Submission>& submission) {
  SIMREG_TRY(check_transition(application.status, to, actor));
  if (submission) {
    SIMREG_TRY(tx.execute(
        "UPDATE applications SET status = $1, updated_at = $2, declaration_accepted_at = $3, submitted_at = $2, "
        "due_at = $4, submission_count = submission_count + 1, decided_at = NULL, decision_outcome = NULL, "
        "decision_reasons = NULL, decision_note_sealed = NULL, claimed_by = NULL, claimed_at = NULL, "
        "lease_expires_at = NULL, escalated_by = NULL, escalated_at = NULL, escalation_note_sealed = NULL "
        "WHERE id = $5 AND status = $6",
        {std::string(status_name(to)), now_ms, submission->declaration_accepted_at_ms, submission->due_at_ms,
         application.id, std::string(status_name(application.status))}));
  } else {
    SIMREG_TRY(tx.execute("UPDATE applications SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
                          {std::string(status_name(to)), now_ms, application.id,
                           std::string(status_name(application.status))}));
  }
  SIMREG_TRY(tx.execute(
      "INSERT INTO application_events (id, application_id, seq, from_status, to_status, actor_kind, actor_id, at) "
      "SELECT $1, $2, COALESCE(MAX(seq), 0) + 1, $3, $4, $5, $6, $7 FROM application_events WHERE application_id = $2",
      {crypto::random_id("evt"), application.id, std::string(status_name(application.status)),
       std::string(status_name(to)), std::string(actor_name(actor)), actor_id, now_ms}));
  return success();
}

Result<std::string> ApplicationStore::record_decision(db::Session& tx, const Application& application,
                                                     const Decision& decision, std::int64_t now_ms) {
  const auto id = crypto::random_id("dec");
  const std::string reasons = nlohmann::json(decision.reasons).dump();
  const db::Value note = decision.note.empty()
                             ? db::Value{db::Null{}}
                             : db::Value{db::Bytes{sealer_.seal(decision.note, {"application_decisions", "note_sealed", id})}};
  const db::Value current_note =
      decision.note.empty() ? db::Value{db::Null{}}
                            : db::Value{db::Bytes{sealer_.seal(decision.note, {kTable, "decision_note_sealed", application.id})}};
  // The caller holds the application row, so no other decision of it can take the same seq.
  SIMREG_TRY_ASSIGN(auto seq, tx.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM application_decisions "
                                         "WHERE application_id = $1",
                                         {application.id}));
  SIMREG_TRY(tx.execute(
      "INSERT INTO application_decisions (id, application_id, seq, outcome, reasons, note_sealed, reviewer_id, "
      "submitted_at, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {id, application.id, seq.first().integer(0), decision.outcome, reasons, note, decision.reviewer_id,
       application.submitted_at_ms.value_or(now_ms), now_ms}));
  SIMREG_TRY(tx.execute(
      "UPDATE applications SET decided_at = $1, decision_outcome = $2, decision_reasons = $3, "
      "decision_note_sealed = $4, claimed_by = NULL, claimed_at = NULL, lease_expires_at = NULL, updated_at = $1 "
      "WHERE id = $5",
      {now_ms, decision.outcome, reasons, current_note, application.id}));
  return id;
}

Result<std::vector<std::string>> ApplicationStore::flags(db::Session& session, const std::string& id) {
  SIMREG_TRY_ASSIGN(auto result, session.execute("SELECT flags FROM applications WHERE id = $1", {id}));
  if (result.empty()) return Error::make(ErrorKind::not_found, "application.not_found", "There is no such application.");
  return codes_from_json(result.first().text(0));
}

Result<void> ApplicationStore::set_flags(db::Session& tx, const std::string& id, const std::vector<std::string>& flags) {
  SIMREG_TRY(tx.execute("UPDATE applications SET flags = $1 WHERE id = $2", {nlohmann::json(flags).dump(), id}));
  return success();
}

Result<int> ApplicationStore::lines_held_by_document(db::Session& session, const std::string& document_number_index,
                                                     const std::string& excluding_application_id) {
  SIMREG_TRY_ASSIGN(auto result,
                    session.execute("SELECT COUNT(DISTINCT l.line_id) FROM application_lines l "
                                    "JOIN applications a ON a.id = l.application_id "
                                    "WHERE a.document_number_index = $1 AND a.id <> $2 "
                                    "AND a.status IN ('submitted', 'in_review', 'approved')",
                                    {document_number_index, excluding_application_id}));
  return static_cast<int>(result.first().integer(0));
}

}  // namespace simreg::registration

// SQL for registration applications: reads and writes of the applications, application_lines,
// application_documents and application_events tables. Seals each identity value on the way in
// and opens it on the way out (bound to table, column and application id). Every function runs
// on a caller's session, usually inside the service's transaction. Stateless apart from the
// sealer reference; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "crypto/field_sealer.hpp"
#include "db/database.hpp"
#include "registration/application.hpp"

namespace simreg::registration {

// A stored JSON array of codes (flags, decision reasons) read back; anything else reads as none.
std::vector<std::string> codes_from_json(const std::string& text);

class ApplicationStore {
 public:
  explicit ApplicationStore(const crypto::FieldSealer& sealer) : sealer_(sealer) {}

  // A new application row with its lines and its first status event.
  Result<void> insert(db::Session& tx, const Application& application, Actor actor, const std::string& actor_id);

  // `lock`: hold the row until the transaction ends (PostgreSQL FOR UPDATE; SQLite's write
  // transaction already excludes other writers).
  Result<std::optional<Application>> load(db::Session& session, const std::string& id, bool lock = false);

  Result<std::vector<std::string>> ids_of_subscriber(db::Session& session, const std::string& subscriber_id);
  Result<std::optional<std::string>> draft_of_subscriber(db::Session& session, const std::string& subscriber_id);

  // Writes every identity column (nulls clear) and the document number's blind index.
  Result<void> save_identity(db::Session& tx, const std::string& id, const Identity& identity,
                             const std::optional<std::string>& document_number_index, std::int64_t now_ms);
  Result<void> replace_lines(db::Session& tx, const std::string& id, const std::vector<std::string>& line_ids,
                             std::int64_t now_ms);
  // Returns the blob id of the image it replaces, if any (the caller deletes it after commit).
  Result<std::optional<std::string>> put_document(db::Session& tx, const std::string& id,
                                                  const StoredDocument& document, std::int64_t now_ms);

  struct Submission {
    std::int64_t declaration_accepted_at_ms = 0;
    std::int64_t due_at_ms = 0;
  };
  // Moves the application to `to`, records the event; `submission` is set when it is a submission
  // (which also clears the previous decision, claim and escalation: the case is reviewed afresh).
  Result<void> change_status(db::Session& tx, const Application& application, ApplicationStatus to, Actor actor,
                             const std::string& actor_id, std::int64_t now_ms,
                             const std::optional<Submission>& submission = std::nullopt);

  // Records a decision: the application's current decision columns (the status changes through
  // change_status) and a row in application_decisions; clears the review claim. Returns its id.
  Result<std::string> record_decision(db::Session& tx, const Application& application, const Decision& decision,
                                      std::int64_t now_ms);

  // The automated-check flags (codes only).
  Result<std::vector<std::string>> flags(db::Session& session, const std::string& id);
  Result<void> set_flags(db::Session& tx, const std::string& id, const std::vector<std::string>& flags);

  // Lines held by the person behind a document number: lines of other applications with the same
  // blind index that are submitted, in review or approved.
  Result<int> lines_held_by_document(db::Session& session, const std::string& document_number_index,
                                     const std::string& excluding_application_id);

 private:
  const crypto::FieldSealer& sealer_;
};

}  // namespace simreg::registration

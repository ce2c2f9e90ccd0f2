// SIM lines for subscribers and for registration. Proof of possession: a code by SMS (outbox, same
// transaction) links a line to the account; answers never tell whether a number is in the
// inventory. Registration moves lines through line_status.hpp's transitions in its transactions.
// Audited. Blocking I/O (database, crypto): worker pool. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/one_time_codes.hpp"
#include "audit/audit_log.hpp"
#include "core/clock.hpp"
#include "core/request_meta.hpp"
#include "core/result.hpp"
#include "crypto/blind_index.hpp"
#include "crypto/field_sealer.hpp"
#include "db/database.hpp"
#include "notify/outbox.hpp"
#include "sims/line_store.hpp"
#include "sims/sim_line.hpp"
#include "webhooks/event_publisher.hpp"

namespace simreg::sims {

inline constexpr int kLinkCodeTtlSeconds = 5 * 60;
inline constexpr int kLinkResendSeconds = 60;

struct SimServiceDeps {
  db::Database& db;
  const crypto::FieldSealer& sealer;
  const crypto::BlindIndexer& indexer;
  accounts::OneTimeCodes& codes;
  notify::Outbox& outbox;
  audit::AuditLog& audit;
  const Clock& clock;
  std::string
      region;  // the active profile's country, ISO alpha-2 ("CN"): MSISDNs must belong to it
  webhooks::EventPublisher* events = nullptr;  // sim.status_changed; nullptr publishes nothing
};

struct LinkStarted {
  std::string msisdn;  // E.164
  int expires_in_seconds = kLinkCodeTtlSeconds;
  int resend_after_seconds = kLinkResendSeconds;
};

class SimService {
 public:
  explicit SimService(SimServiceDeps deps);

  // Sends a code to the line if it is in the inventory; the same answer either way.
  // Errors: validation.failed with /msisdn msisdn.invalid | msisdn.wrong_country (422);
  // sims.resend_too_soon (429, retry_after_seconds) within kLinkResendSeconds of the last code.
  Result<LinkStarted> link_request(const std::string& subscriber_id, std::string_view msisdn_text,
                                   std::string_view locale, const RequestMeta& meta);

  // Links the line when the code is right. Errors: sims.code_invalid (422: wrong, expired or used
  // code, or a number that got no code, all alike), sims.too_many_attempts (429, the code is void),
  // sims.held_by_another_person (409: another account's line that is pending or registered),
  // sims.line_unavailable (409: frozen or cancelled). Linking an own line again returns it.
  Result<Line> link_confirm(const std::string& subscriber_id, std::string_view msisdn_text,
                            std::string_view code, const RequestMeta& meta);

  // The subscriber's lines, oldest link first.
  Result<std::vector<Line>> lines_of(const std::string& subscriber_id);

  // For registration, inside its transaction: the lines with these ids, in this order, each linked
  // to this subscriber (rows locked until the transaction ends). Errors: validation.failed with a
  // /line_ids line.not_found per id that is unknown or someone else's (alike), line.duplicate for
  // an id given twice.
  Result<std::vector<Line>> lines_for_application(db::Session& tx, const std::string& subscriber_id,
                                                  const std::vector<std::string>& line_ids);

  // For registration and operators, inside their transaction: moves every line to `new_status`
  // (a line_status.hpp code) if line_transition_allowed, records who and why in the history, and
  // stores holder_index / application_id when given. A line already in `new_status` only gets
  // those two. Publishes sim.status_changed (deps.events) for every line whose status changed. Errors: sims.line_not_found (404), sims.status_transition (409, nothing changed),
  // internal for an unknown status or actor kind (subscriber | staff | system).
  Result<void> set_status(db::Session& tx, const std::vector<std::string>& line_ids,
                          std::string_view new_status, std::string_view actor_kind,
                          std::string_view actor_id, std::string_view reason,
                          std::optional<std::string> holder_index = std::nullopt,
                          std::optional<std::string> application_id = std::nullopt);

  // For the automated review checks, inside the caller's session: how many registered lines the
  // holder of this document blind index has, and how many of them another account (or none) holds.
  Result<LineStore::HolderLineCounts> registered_lines_of_holder(db::Session& session,
                                                                 const std::string& holder_index,
                                                                 const std::string& subscriber_id) const {
    return store_.registered_lines_of_holder(session, holder_index, subscriber_id);
  }

 private:
  std::string code_subject(const std::string& subscriber_id, std::string_view e164) const;
  Result<void> audit(db::Session& tx, const std::string& subscriber_id, std::string action,
                     std::string outcome, const std::string& line_id, const RequestMeta& meta,
                     nlohmann::json details = nlohmann::json::object());

  SimServiceDeps deps_;
  LineStore store_;
};

}  // namespace simreg::sims

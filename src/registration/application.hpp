// A registration application as the registration feature works with it: identity values opened
// (plaintext in memory only), the lines it covers, the accepted document images (ids and quality
// reports, never the bytes), the decision and the status history. Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "jurisdiction/identity_validator.hpp"
#include "registration/application_status.hpp"

namespace simreg::registration {

using Identity = jurisdiction::Identity;

struct StoredDocument {
  std::string kind;  // id_front | id_back | passport | selfie
  std::string blob_id;
  int width = 0;
  int height = 0;
  nlohmann::json quality;  // {"accepted", "reasons", "measurements"}: codes and numbers only
  std::int64_t uploaded_at_ms = 0;
};

struct StatusEvent {
  std::optional<ApplicationStatus> from;
  ApplicationStatus to = ApplicationStatus::draft;
  Actor actor = Actor::system;
  std::int64_t at_ms = 0;
};

struct Decision {
  std::string outcome;               // approved | rejected | resubmission_requested
  std::vector<std::string> reasons;  // shared reason codes (reasons/reason_catalog.hpp)
  std::string note;                  // the reviewer's words to the subscriber (sealed at rest)
  std::string reviewer_id;           // set for recorded decisions (application_decisions)
  std::int64_t decided_at_ms = 0;
};

// The review's hold on a case: the reviewer who claimed it and until when (a lease).
struct Claim {
  std::string staff_id;
  std::int64_t claimed_at_ms = 0;
  std::int64_t lease_expires_at_ms = 0;
};

struct Escalation {
  std::string by;    // staff id
  std::string note;  // sealed at rest
  std::int64_t at_ms = 0;
};

struct Application {
  std::string id;
  std::string subscriber_id;
  std::string channel = "online";
  ApplicationStatus status = ApplicationStatus::draft;
  std::string profile_id;
  std::vector<std::string> line_ids;
  Identity identity;
  std::map<std::string, StoredDocument> documents;  // by kind
  std::optional<std::int64_t> declaration_accepted_at_ms;
  std::optional<std::int64_t> submitted_at_ms;
  std::optional<std::int64_t> due_at_ms;
  std::optional<std::int64_t> decided_at_ms;
  std::optional<Decision> decision;           // the current one (cleared by a resubmission)
  std::vector<Decision> decisions;            // every decision so far, oldest first
  std::vector<std::string> flags;             // automated-check flags: duplicate_document, ...
  std::optional<Claim> claim;
  std::optional<Escalation> escalation;
  int submission_count = 0;
  std::vector<StatusEvent> history;
  std::int64_t created_at_ms = 0;
  std::int64_t updated_at_ms = 0;
};

}  // namespace simreg::registration

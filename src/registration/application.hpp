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
  std::vector<std::string> reasons;  // shared reason codes
  std::string note;                  // the reviewer's words to the subscriber (sealed at rest)
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
  std::optional<Decision> decision;
  int submission_count = 0;
  std::vector<StatusEvent> history;
  std::int64_t created_at_ms = 0;
  std::int64_t updated_at_ms = 0;
};

}  // namespace simreg::registration

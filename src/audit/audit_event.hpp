// AuditEvent is what a caller records; AuditRecord is an entry read back (address opened).
// Events carry ids and stable codes only: the client address is the one personal value, and the
// log seals it. Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/request_meta.hpp"

namespace simreg::audit {

struct AuditEvent {
  std::string actor_type;   // "subscriber" | "staff" | "system" | "anonymous"
  std::string actor_id;     // account id or ""; never an e-mail
  std::string action;       // "auth.login_succeeded", "staff.roles_changed", "pii.viewed", ...
  std::string target_type;  // "subscriber" | "staff" | "application" | ...
  std::string target_id;
  std::string outcome;         // "success" | "failure"
  std::string client_address;  // IP address; stored sealed
  std::string request_id;
  nlohmann::json details = nlohmann::json::object();  // codes and ids only, never personal values
};

// A successful action of `actor_type`/`actor_id` on a target, with the request's client address and
// id; callers change `outcome` or add `details` where they have them.
inline AuditEvent request_event(std::string actor_type, std::string actor_id, std::string action,
                                std::string target_type, std::string target_id, const RequestMeta& meta) {
  AuditEvent event;
  event.actor_type = std::move(actor_type);
  event.actor_id = std::move(actor_id);
  event.action = std::move(action);
  event.target_type = std::move(target_type);
  event.target_id = std::move(target_id);
  event.outcome = "success";
  event.client_address = meta.client_address;
  event.request_id = meta.request_id;
  return event;
}

struct AuditRecord {
  std::int64_t seq = 0;
  std::string id;
  std::int64_t created_at_ms = 0;
  std::string actor_type;
  std::string actor_id;
  std::string action;
  std::string target_type;
  std::string target_id;
  std::string outcome;
  std::string client_address;  // opened; "" when none was recorded
  std::string request_id;
  nlohmann::json details = nlohmann::json::object();
};

}  // namespace simreg::audit

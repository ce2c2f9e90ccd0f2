// The seam through which features announce domain events (application.submitted,
// application.decided, sim.status_changed) to the carrier's systems. publish() runs inside the
// caller's transaction, so an event exists exactly when the change that caused it commits; the
// webhook dispatcher delivers it later. Implementations are thread-safe.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "db/database.hpp"

namespace simreg::webhooks {

class EventPublisher {
 public:
  virtual ~EventPublisher() = default;

  // Records one event of `type` with `data` (ids and statuses only, never personal values) for
  // every active endpoint subscribed to `type`. Errors: storage errors from `tx`; internal for an
  // unknown event type (a programming error).
  virtual Result<void> publish(db::Session& tx, std::string_view type, const nlohmann::json& data) = 0;
};

}  // namespace simreg::webhooks

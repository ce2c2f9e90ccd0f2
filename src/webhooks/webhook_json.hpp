// The JSON shapes of endpoints and deliveries, shared by the admin API and `simreg webhooks list
// --json`. Times are RFC 3339 UTC strings. Never includes a secret (only its hint). Pure.
#pragma once

#include <nlohmann/json.hpp>

#include "webhooks/webhook_service.hpp"

namespace simreg::webhooks {

// {"id","url","events","active","created_at","secret_hint"}
nlohmann::json endpoint_json(const Endpoint& endpoint);
// {"id","event_id","event_type","status","attempts":[{"at","status_code","error","duration_ms"}],
//  "next_attempt_at","created_at","delivered_at"}
nlohmann::json delivery_json(const Delivery& delivery);

}  // namespace simreg::webhooks

// The API shape of a line (contract: Line in docs/openapi.yaml): id, msisdn, iccid_last4, status,
// activated_at, registration_deadline, linked_at, application_id; ISO-8601 UTC times. Only for the
// line's holder (it carries the MSISDN). Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "sims/sim_line.hpp"

namespace simreg::sims {

nlohmann::json line_json(const Line& line);

}  // namespace simreg::sims

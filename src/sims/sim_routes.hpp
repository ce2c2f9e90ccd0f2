// Subscriber routes of the sims feature: GET /api/v1/sims, POST /api/v1/sims/link {msisdn} and
// POST /api/v1/sims/link/confirm {msisdn, code}. Signed-in subscribers only; handlers parse, call
// one SimService function and render (line_json); all run on the worker pool.
#pragma once

#include "http/router.hpp"
#include "sims/sim_service.hpp"

namespace simreg::sims {

void register_sim_routes(http::Router& router, SimService& sims);

}  // namespace simreg::sims

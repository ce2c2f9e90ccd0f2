// Subscriber-facing routes of the registration feature: start, read, change and submit an
// application, upload its document images, and read the jurisdiction profile the forms are built
// from. Handlers parse, call one RegistrationService function and render; all run on the worker pool.
#pragma once

#include <functional>
#include <string>

#include "http/router.hpp"
#include "registration/registration_service.hpp"
#include "sims/sim_service.hpp"

namespace simreg::registration {

// Texts in the answers (an upload's quality report, decision reasons) are in the caller's language,
// Principal::locale.
void register_subscriber_routes(http::Router& router, RegistrationService& registrations, sims::SimService& sims);

// GET /api/v1/jurisdiction: the active profile, public (the sign-up pages show it too).
void register_jurisdiction_route(http::Router& router, const jurisdiction::Profile& profile);

}  // namespace simreg::registration

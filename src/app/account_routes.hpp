// Routes that span account kinds, so they live in the composition root: who am I (subscriber or
// staff), the language preference, and readiness (database reachable, schema current).
#pragma once

#include "accounts/subscriber_service.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "staff/staff_service.hpp"

namespace simreg::app {

void register_me_routes(http::Router& router, accounts::SubscriberService& subscribers, staff::StaffService& staff);
void register_readiness_route(http::Router& router, db::Database& database);

}  // namespace simreg::app

// Resolves the session cookie of a request to a Principal (subscriber or active staff member with
// roles). Runs on the worker pool for every request that reaches a handler.
#pragma once

#include "accounts/session_service.hpp"
#include "http/server.hpp"
#include "staff/staff_service.hpp"

namespace simreg::app {

http::Authenticator make_authenticator(accounts::SessionService& sessions, staff::StaffService& staff);

}  // namespace simreg::app

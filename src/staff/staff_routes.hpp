// Staff-facing routes: staff sign-in with TOTP, password change (first sign-in and later), and the
// admin API for managing staff. Handlers parse, call one StaffService function, render.
#pragma once

#include "accounts/session_service.hpp"
#include "http/router.hpp"
#include "staff/staff_service.hpp"

namespace simreg::staff {

void register_staff_auth_routes(http::Router& router, StaffService& staff, accounts::SessionService& sessions);
void register_admin_routes(http::Router& router, StaffService& staff);

}  // namespace simreg::staff

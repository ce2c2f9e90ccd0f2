// JSON shapes of staff members in API responses (admin list and the staff "me").
#pragma once

#include <nlohmann/json.hpp>

#include "staff/staff_service.hpp"

namespace simreg::staff {

nlohmann::json staff_json(const StaffView& view);     // admin list entry
nlohmann::json staff_me_json(const StaffView& view);  // GET /api/v1/me for staff

}  // namespace simreg::staff

// The staff roles simreg knows. A staff member holds one or more; routes name the roles they admit.
// Pure; thread-safe.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace simreg::staff {

inline const std::set<std::string, std::less<>> kStaffRoles = {"admin",       "reviewer", "supervisor",
                                                               "store_agent", "support",  "compliance"};

// Validated, de-duplicated, sorted roles, or the field errors for `/roles`.
std::vector<FieldError> check_roles(const std::vector<std::string>& roles);
std::vector<std::string> normalize_roles(const std::vector<std::string>& roles);

}  // namespace simreg::staff

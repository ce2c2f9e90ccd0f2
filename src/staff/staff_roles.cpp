#include "staff/staff_roles.hpp"

#include <algorithm>

namespace simreg::staff {

std::vector<FieldError> check_roles(const std::vector<std::string>& roles) {
  if (roles.empty()) return {{"/roles", "roles.empty", "Choose at least one role."}};
  for (const auto& role : roles) {
    if (!kStaffRoles.contains(role)) return {{"/roles", "roles.invalid", "One of the roles is not known."}};
  }
  return {};
}

std::vector<std::string> normalize_roles(const std::vector<std::string>& roles) {
  std::vector<std::string> out(roles);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace simreg::staff

// Password rules shared by subscriber and staff accounts (NIST SP 800-63B style: length, not
// composition). Pure functions, no I/O; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace simreg::accounts {

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 128;

// Checks `password` for an account with `email`; `field` is the JSON pointer reported on failure
// ("/password" or "/new_password"). Lengths count Unicode code points, not bytes.
std::vector<FieldError> check_password(std::string_view password, std::string_view email,
                                       std::string_view field);

std::size_t count_code_points(std::string_view utf8);

}  // namespace simreg::accounts

// E-mail address shape check and normalization (trim, lower-case) used for blind-index look-ups.
// Deliberately permissive (RFC 5321 lengths, one '@', a dotted domain): the verification code is
// the real proof. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace simreg::accounts {

// The normalized address, or nullopt when it cannot be an e-mail address.
std::optional<std::string> normalize_email(std::string_view raw);

}  // namespace simreg::accounts

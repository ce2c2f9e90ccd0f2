// A log-safe stand-in for a client address. The address is personal data (see
// core/request_meta.hpp) and must never be logged, yet an operator needs to tell "one client
// hammering us" from "many": the tag is a keyed hash (HMAC-SHA-256, key random per process, 64 bits
// shown), stable within a process and not reversible even over the small IPv4 space. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace simreg::http {

std::string client_tag(std::string_view client_address);

}  // namespace simreg::http

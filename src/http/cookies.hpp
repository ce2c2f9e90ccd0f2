// Parsing the Cookie request header(s) into name → value (RFC 6265 §5.4 syntax, quotes stripped).
// The first occurrence of a name wins, as browsers send the most specific cookie first. Pure.
#pragma once

#include <map>
#include <string>

#include "http/route.hpp"

namespace simreg::http {

std::map<std::string, std::string> parse_cookies(const Request& request);

}  // namespace simreg::http

// A SIM line as other features see it: the inventory row with its MSISDN opened. The MSISDN is
// personal data once someone holds the line: render it only to its holder, never log it.
// A plain value; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace simreg::sims {

struct Line {
  std::string id;
  std::string msisdn;  // E.164, "+8613912345678"
  std::string iccid;   // 19-20 digits
  std::string status;  // a line_status.hpp code: "unregistered", "pending", ...
  std::int64_t activated_at_ms = 0;
  std::int64_t registration_deadline_ms = 0;
  std::optional<std::string> subscriber_id;  // the online account that proved possession
  std::optional<std::int64_t> linked_at_ms;
  std::optional<std::string> application_id;  // the registration application covering it
  std::optional<std::string> holder_index;    // blind index of the registered person's document
};

}  // namespace simreg::sims

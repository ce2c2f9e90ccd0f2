// Who sent a request, for audit entries and throttling. The client address is personal data:
// services seal or blind-index it, never log it.
#pragma once

#include <string>

namespace simreg {

struct RequestMeta {
  std::string client_address;
  std::string request_id;
};

}  // namespace simreg

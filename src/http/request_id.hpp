// Request ids: 128 random bits as 32 lowercase hex characters, minted per request and echoed in
// X-Request-Id, problem bodies and log lines so a support call can be matched to a log line.
// Thread-safe.
#pragma once

#include <string>

namespace simreg::http {

std::string new_request_id();

}  // namespace simreg::http

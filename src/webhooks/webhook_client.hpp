// One HTTP POST of a webhook body with libcurl: no redirects, http/https only, a total timeout.
// The outcome is the receiver's status code or a stable error code (never the URL, headers or
// body, which must not reach logs). Blocking; safe to call from several threads at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace simreg::webhooks {

struct PostOutcome {
  std::optional<int> status_code;   // set when the receiver answered
  std::optional<std::string> error;  // webhooks.timeout | connection_failed | tls_failed | transfer_failed
  std::int64_t duration_ms = 0;

  bool delivered() const { return status_code && *status_code >= 200 && *status_code <= 299; }
};

// `headers` are full "Name: value" lines.
PostOutcome post_json(const std::string& url, const std::vector<std::string>& headers, std::string_view body,
                      std::chrono::milliseconds timeout);

}  // namespace simreg::webhooks

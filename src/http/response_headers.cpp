#include "http/response_headers.hpp"

#include "http/problem.hpp"

namespace simreg::http {

void finalize_response(Response& response,
                       const std::vector<std::pair<std::string, std::string>>& extra_headers,
                       const ResponseStamp& stamp) {
  for (const auto& [name, value] : extra_headers) response.insert(name, value);
  stamp_problem_request_id(response, stamp.request_id);
  response.set("X-Request-Id", stamp.request_id);
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Referrer-Policy", "no-referrer");
  response.set(bhttp::field::x_frame_options, "DENY");
  response.set("Cross-Origin-Opener-Policy", "same-origin");
  response.set("Content-Security-Policy", kContentSecurityPolicy);
  if (stamp.tls) response.set(bhttp::field::strict_transport_security, kStrictTransportSecurity);
  if (stamp.api_path || is_problem(response)) response.set(bhttp::field::cache_control, "no-store");
  response.set(bhttp::field::server, "simreg");
}

}  // namespace simreg::http

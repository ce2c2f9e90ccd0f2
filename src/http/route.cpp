#include "http/route.hpp"

#include <string>

namespace simreg::http {

Response json_response(unsigned status, const nlohmann::json& body) {
  Response response{static_cast<bhttp::status>(status), 11};
  response.set(bhttp::field::content_type, "application/json");
  // Invalid UTF-8 in a string must not turn a response into an exception inside a handler.
  response.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  response.prepare_payload();
  return response;
}

Response empty_response(unsigned status) {
  Response response{static_cast<bhttp::status>(status), 11};
  response.prepare_payload();
  return response;
}

std::string session_cookie(const std::string& name, const std::string& value, int max_age_seconds) {
  return name + "=" + value + "; Max-Age=" + std::to_string(max_age_seconds) +
         "; Path=/; Secure; HttpOnly; SameSite=Strict";
}

std::string expired_cookie(const std::string& name) {
  return name + "=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=Strict";
}

}  // namespace simreg::http

#include "http/problem.hpp"

#include <array>
#include <string>

namespace simreg::http {
namespace {

constexpr std::array kProblemTable{
    ProblemKind{ErrorKind::invalid_input, 400, "Bad request", ""},
    ProblemKind{ErrorKind::unauthenticated, 401, "Authentication required", ""},
    ProblemKind{ErrorKind::forbidden, 403, "Forbidden", ""},
    ProblemKind{ErrorKind::not_found, 404, "Not found", ""},
    ProblemKind{ErrorKind::method_not_allowed, 405, "Method not allowed", ""},
    ProblemKind{ErrorKind::conflict, 409, "Conflict", ""},
    ProblemKind{ErrorKind::payload_too_large, 413, "Payload too large", ""},
    ProblemKind{ErrorKind::unsupported_media_type, 415, "Unsupported media type", ""},
    ProblemKind{ErrorKind::unprocessable, 422, "Unprocessable content", ""},
    ProblemKind{ErrorKind::rate_limited, 429, "Too many requests", ""},
    ProblemKind{ErrorKind::unavailable, 503, "Service unavailable",
                "The service is temporarily unavailable. Please try again shortly."},
    ProblemKind{ErrorKind::internal, 500, "Internal server error", "An unexpected error occurred."},
};

constexpr nlohmann::json::error_handler_t kReplaceInvalidUtf8 =
    nlohmann::json::error_handler_t::replace;

}  // namespace

const ProblemKind& problem_kind(ErrorKind kind) {
  for (const auto& row : kProblemTable) {
    if (row.kind == kind) return row;
  }
  // Only reachable if ErrorKind grows without a row here; the unit test walks every kind.
  return kProblemTable.back();
}

nlohmann::json problem_body(const Error& error) {
  const ProblemKind& row = problem_kind(error.kind);
  const bool server_side = !row.generic_detail.empty();
  const std::string code = error.code.empty() ? std::string("internal") : error.code;

  nlohmann::json body = nlohmann::json::object();
  if (!server_side) {
    for (const auto& [name, value] : error.extensions) body[name] = value;
  }
  body["type"] = std::string(kProblemTypePrefix) + code;
  body["title"] = row.title;
  body["status"] = row.status;
  body["detail"] = server_side ? std::string(row.generic_detail) : error.detail;
  body["code"] = code;
  if (!server_side && !error.fields.empty()) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& field : error.fields) {
      errors.push_back({{"field", field.field}, {"code", field.code}, {"message", field.message}});
    }
    body["errors"] = std::move(errors);
  }
  return body;
}

Response problem_response(const Error& error) {
  const ProblemKind& row = problem_kind(error.kind);
  Response response{static_cast<bhttp::status>(row.status), 11};
  response.set(bhttp::field::content_type, kProblemContentType);
  if (error.retry_after_seconds) {
    response.set(bhttp::field::retry_after, std::to_string(*error.retry_after_seconds));
  }
  response.body() = problem_body(error).dump(-1, ' ', false, kReplaceInvalidUtf8);
  response.prepare_payload();
  return response;
}

bool is_problem(const Response& response) {
  const auto it = response.find(bhttp::field::content_type);
  return it != response.end() &&
         it->value().substr(0, kProblemContentType.size()) == kProblemContentType;
}

void stamp_problem_request_id(Response& response, std::string_view request_id) {
  if (!is_problem(response)) return;
  auto body = nlohmann::json::parse(response.body(), nullptr, false);
  if (!body.is_object()) return;
  body["request_id"] = request_id;
  response.body() = body.dump(-1, ' ', false, kReplaceInvalidUtf8);
  response.prepare_payload();
}

}  // namespace simreg::http

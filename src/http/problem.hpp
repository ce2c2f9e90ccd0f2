// Problem details (RFC 9457): the one table mapping ErrorKind to HTTP status and title, and the
// application/problem+json bodies built from it. Server-side (5xx) problems always carry a generic
// detail and no field errors or extensions, so internals never leak. Pure; thread-safe.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "http/route.hpp"

namespace simreg::http {

inline constexpr std::string_view kProblemContentType = "application/problem+json";
inline constexpr std::string_view kProblemTypePrefix = "urn:simreg:problem:";

struct ProblemKind {
  ErrorKind kind;
  unsigned status;
  std::string_view title;
  std::string_view generic_detail;  // non-empty for 5xx: replaces whatever detail the error had
};

// The row for `kind` from the single mapping table.
const ProblemKind& problem_kind(ErrorKind kind);

// The JSON body without request_id (the server stamps that in when it finalizes the response).
nlohmann::json problem_body(const Error& error);

bool is_problem(const Response& response);

// Adds "request_id" to a problem+json body; leaves other responses untouched.
void stamp_problem_request_id(Response& response, std::string_view request_id);

}  // namespace simreg::http

// Error values that cross module boundaries.
// An Error names what went wrong (kind, decides the HTTP status in http/problem.cpp, the one
// mapping table), a stable machine code such as "auth.invalid_credentials", a detail a person can
// read, and optional per-field errors. Details never contain personal data.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace simreg {

enum class ErrorKind {
  invalid_input,           // 400
  unauthenticated,         // 401
  forbidden,               // 403
  not_found,               // 404
  method_not_allowed,      // 405
  conflict,                // 409
  payload_too_large,       // 413
  unsupported_media_type,  // 415
  unprocessable,           // 422
  rate_limited,            // 429
  unavailable,             // 503
  internal,                // 500
};

struct FieldError {
  std::string field;  // JSON pointer into the request body, e.g. "/email"
  std::string code;   // stable, e.g. "password.too_short"
  std::string message;
};

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string code;
  std::string detail;
  std::vector<FieldError> fields;
  std::optional<int> retry_after_seconds;
  // Extra problem members (RFC 9457 extensions), e.g. "totp_uri"; never personal data.
  std::map<std::string, nlohmann::json> extensions;

  static Error make(ErrorKind kind, std::string code, std::string detail) {
    Error e;
    e.kind = kind;
    e.code = std::move(code);
    e.detail = std::move(detail);
    return e;
  }
  static Error internal(std::string detail) {
    return make(ErrorKind::internal, "internal", std::move(detail));
  }
  static Error validation(std::vector<FieldError> fields) {
    Error e = make(ErrorKind::unprocessable, "validation.failed",
                   "Some fields are missing or invalid.");
    e.fields = std::move(fields);
    return e;
  }
};

}  // namespace simreg

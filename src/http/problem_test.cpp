#include "http/problem.hpp"

#include <gtest/gtest.h>

namespace simreg::http {
namespace {

TEST(ProblemTest, TableCoversEveryKind) {
  struct Case {
    ErrorKind kind;
    unsigned status;
  };
  const std::vector<Case> cases = {
      {ErrorKind::invalid_input, 400},      {ErrorKind::unauthenticated, 401},
      {ErrorKind::forbidden, 403},          {ErrorKind::not_found, 404},
      {ErrorKind::method_not_allowed, 405}, {ErrorKind::conflict, 409},
      {ErrorKind::payload_too_large, 413},  {ErrorKind::unsupported_media_type, 415},
      {ErrorKind::unprocessable, 422},      {ErrorKind::rate_limited, 429},
      {ErrorKind::unavailable, 503},        {ErrorKind::internal, 500},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.status);
    const ProblemKind& row = problem_kind(c.kind);
    EXPECT_EQ(row.kind, c.kind);
    EXPECT_EQ(row.status, c.status);
    EXPECT_FALSE(row.title.empty());
    EXPECT_EQ(row.generic_detail.empty(), c.status < 500);
    const Response response = problem_response(Error::make(c.kind, "x.y", "Detail."));
    EXPECT_EQ(response.result_int(), c.status);
    EXPECT_EQ(response[bhttp::field::content_type], kProblemContentType);
  }
}

TEST(ProblemTest, ClientErrorBodyShape) {
  Error error =
      Error::validation({{"/email", "email.invalid", "Enter a valid email address."},
                         {"/password", "password.too_short", "Use at least 12 characters."}});
  error.extensions["totp_uri"] = "otpauth://example";
  const auto body = nlohmann::json::parse(problem_response(error).body());
  EXPECT_EQ(body["type"], "urn:simreg:problem:validation.failed");
  EXPECT_EQ(body["title"], "Unprocessable content");
  EXPECT_EQ(body["status"], 422);
  EXPECT_EQ(body["detail"], "Some fields are missing or invalid.");
  EXPECT_EQ(body["code"], "validation.failed");
  EXPECT_EQ(body["totp_uri"], "otpauth://example");
  ASSERT_EQ(body["errors"].size(), 2u);
  EXPECT_EQ(body["errors"][0], (nlohmann::json{{"field", "/email"},
                                               {"code", "email.invalid"},
                                               {"message", "Enter a valid email address."}}));
  EXPECT_FALSE(body.contains("request_id"));  // stamped by the server
}

TEST(ProblemTest, ServerErrorsNeverCarryInternals) {
  struct Case {
    ErrorKind kind;
    std::string detail;
    std::string expected_detail;
  };
  const std::vector<Case> cases = {
      {ErrorKind::internal, "SQLITE_CONSTRAINT on accounts.email for bob@example.com",
       "An unexpected error occurred."},
      {ErrorKind::unavailable, "postgres at 10.0.0.7 refused",
       "The service is temporarily unavailable. Please try again shortly."},
  };
  for (const auto& c : cases) {
    Error error = Error::make(c.kind, "db.failed", c.detail);
    error.fields.push_back({"/x", "y", "z"});
    error.extensions["secret"] = "value";
    const auto body = nlohmann::json::parse(problem_response(error).body());
    EXPECT_EQ(body["detail"], c.expected_detail);
    EXPECT_FALSE(body.contains("errors"));
    EXPECT_FALSE(body.contains("secret"));
    EXPECT_EQ(body["code"], "db.failed");
  }
}

TEST(ProblemTest, ExtensionsCannotOverrideStandardMembers) {
  Error error = Error::make(ErrorKind::conflict, "thing.exists", "Already there.");
  error.extensions["status"] = "200";
  error.extensions["type"] = "about:blank";
  const auto body = nlohmann::json::parse(problem_response(error).body());
  EXPECT_EQ(body["status"], 409);
  EXPECT_EQ(body["type"], "urn:simreg:problem:thing.exists");
}

TEST(ProblemTest, RetryAfterHeader) {
  Error limited = Error::make(ErrorKind::rate_limited, "auth.throttled", "Slow down.");
  limited.retry_after_seconds = 30;
  EXPECT_EQ(problem_response(limited)[bhttp::field::retry_after], "30");
  EXPECT_EQ(problem_response(Error::make(ErrorKind::conflict, "a.b", "c"))
                .count(bhttp::field::retry_after),
            0u);
}

TEST(ProblemTest, StampsRequestIdOnlyIntoProblems) {
  Response problem = problem_response(Error::make(ErrorKind::not_found, "x.missing", "Gone."));
  stamp_problem_request_id(problem, "abc123");
  EXPECT_EQ(nlohmann::json::parse(problem.body())["request_id"], "abc123");
  EXPECT_EQ(problem[bhttp::field::content_length], std::to_string(problem.body().size()));

  Response plain = json_response(200, {{"a", 1}});
  const std::string before = plain.body();
  stamp_problem_request_id(plain, "abc123");
  EXPECT_EQ(plain.body(), before);
}

}  // namespace
}  // namespace simreg::http

// with_body_fields: the handler acts only on a well-formed body whose fields all read cleanly;
// otherwise the answer is problem+json naming the body's fault or every bad field.
#include "http/with_body_fields.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace simreg::http {
namespace {

struct Input {
  std::string email;
  std::string code;
};

Response handle(const std::string& content_type, const std::string& body, int& acted) {
  Request request{bhttp::verb::post, "/api/v1/x", 11};
  request.set(bhttp::field::content_type, content_type);
  request.body() = body;
  RequestContext ctx{request, "rid", "127.0.0.1", {}, {}, {}, std::nullopt, {}};
  return with_body_fields(
      ctx, [](BodyFields& f) { return Input{f.required_string("email", 320), f.required_string("code", 6)}; },
      [&](const Input& in) {
        ++acted;
        return json_response(200, {{"email", in.email}, {"code", in.code}});
      });
}

TEST(WithBodyFieldsTest, ActsOnCleanFields) {
  int acted = 0;
  const Response response = handle("application/json", R"({"email":"a@example.com","code":"123456"})", acted);
  EXPECT_EQ(acted, 1);
  EXPECT_EQ(response.result_int(), 200u);
  EXPECT_EQ(nlohmann::json::parse(response.body()), (nlohmann::json{{"email", "a@example.com"}, {"code", "123456"}}));
}

TEST(WithBodyFieldsTest, NamesEveryBadFieldAndDoesNotAct) {
  int acted = 0;
  const Response response = handle("application/json", R"({"code":"1234567"})", acted);
  EXPECT_EQ(acted, 0);
  EXPECT_EQ(response.result_int(), 422u);
  EXPECT_EQ(response[bhttp::field::content_type], "application/problem+json");
  const auto problem = nlohmann::json::parse(response.body());
  std::set<std::string> fields;
  for (const auto& error : problem.at("errors")) fields.insert(error.at("field").get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"/email", "/code"}));
}

TEST(WithBodyFieldsTest, AnswersTheBodysOwnFaultFirst) {
  int acted = 0;
  EXPECT_EQ(handle("application/json", R"({"email":)", acted).result_int(), 400u);
  EXPECT_EQ(handle("text/plain", R"({"email":"a@example.com","code":"1"})", acted).result_int(), 415u);
  EXPECT_EQ(acted, 0);
}

}  // namespace
}  // namespace simreg::http

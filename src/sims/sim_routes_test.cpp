// The sims routes through the Router with a real SimService on SQLite: shapes, status codes and
// problem codes of the contract (docs/openapi.yaml). Sessions, CSRF and access are the
// dispatcher's and are tested there and in tests/functional.
#include "sims/sim_routes.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "sims/sims_test_support.hpp"

namespace simreg::sims {
namespace {

using http::bhttp::verb;

class SimRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fixture_.open(db::testing::Engine::sqlite));
    audit_ = std::make_unique<audit::AuditLog>(fixture_.db(), fixture_.keyring, fixture_.clock);
    outbox_ = std::make_unique<notify::Outbox>(fixture_.db(), fixture_.sealer, fixture_.indexer,
                                               fixture_.clock);
    codes_ = std::make_unique<accounts::OneTimeCodes>(fixture_.indexer, fixture_.clock);
    service_ = std::make_unique<SimService>(SimServiceDeps{fixture_.db(), fixture_.sealer,
                                                           fixture_.indexer, *codes_, *outbox_,
                                                           *audit_, fixture_.clock, "CN"});
    register_sim_routes(router_, *service_);
    ASSERT_TRUE(
        fixture_.db().execute("INSERT INTO subscribers (id, email_index, email_sealed, "
                              "password_hash, email_verified, locale, created_at, "
                              "updated_at) VALUES ('sub_r', 'i', $1, 'x', 1, 'en', 0, 0)",
                              {db::Bytes{"s"}}));
  }

  http::Response call(verb method, const std::string& path,
                      const std::optional<nlohmann::json>& body = {},
                      const std::string& content_type = "application/json") {
    http::Request request{method, path, 11};
    if (body) {
      request.set(http::bhttp::field::content_type, content_type);
      request.body() = body->dump();
      request.prepare_payload();
    }
    const auto match = router_.match(method, path);
    EXPECT_EQ(match.outcome, http::RouteMatch::Outcome::matched) << path;
    EXPECT_EQ(match.route->access, http::Access::subscriber);
    http::RequestContext ctx{
        request,
        "req-1",
        "198.51.100.4",
        {},
        {},
        {},
        http::Principal{http::Principal::Kind::subscriber, "sub_r", {}, "ses_1", "en"},
        {}};
    return match.route->handler(ctx);
  }

  static nlohmann::json json_of(const http::Response& response) {
    return nlohmann::json::parse(response.body());
  }

  std::string latest_code() {
    auto entries = outbox_->list(std::nullopt, 1);
    EXPECT_TRUE(entries && !entries->empty());
    std::smatch match;
    const std::string body = entries && !entries->empty() ? entries->front().body : "";
    return std::regex_search(body, match, std::regex("\\b(\\d{6})\\b")) ? std::string(match[1])
                                                                        : "";
  }

  testing::StorageFixture fixture_;
  testing::InventoryValues values_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<notify::Outbox> outbox_;
  std::unique_ptr<accounts::OneTimeCodes> codes_;
  std::unique_ptr<SimService> service_;
  http::Router router_;
};

TEST_F(SimRoutesTest, LinkAndList) {
  const std::string msisdn = values_.msisdn();
  const std::string iccid = testing::InventoryValues::luhn_completed("8986001234567890123");
  ASSERT_TRUE(fixture_.stock({{msisdn, iccid}}));

  auto listed = call(verb::get, "/api/v1/sims");
  EXPECT_EQ(listed.result_int(), 200u);
  EXPECT_EQ(json_of(listed), (nlohmann::json{{"lines", nlohmann::json::array()}}));

  auto started =
      call(verb::post, "/api/v1/sims/link", nlohmann::json{{"msisdn", msisdn.substr(3)}});
  EXPECT_EQ(started.result_int(), 202u);
  EXPECT_EQ(json_of(started),
            (nlohmann::json{
                {"msisdn", msisdn}, {"expires_in_seconds", 300}, {"resend_after_seconds", 60}}));

  auto linked = call(verb::post, "/api/v1/sims/link/confirm",
                     nlohmann::json{{"msisdn", msisdn}, {"code", latest_code()}});
  ASSERT_EQ(linked.result_int(), 200u) << linked.body();
  const auto line = json_of(linked)["line"];
  EXPECT_EQ(line["msisdn"], msisdn);
  EXPECT_EQ(line["iccid_last4"], iccid.substr(16));
  EXPECT_EQ(line["status"], "unregistered");
  EXPECT_EQ(line["linked_at"], "2026-03-02T00:00:00.000Z");
  EXPECT_TRUE(line["application_id"].is_null());
  EXPECT_EQ(line.size(), 8u);

  auto after = call(verb::get, "/api/v1/sims");
  EXPECT_EQ(json_of(after), (nlohmann::json{{"lines", {line}}}));
}

TEST_F(SimRoutesTest, Problems) {
  struct Case {
    std::string name;
    std::string path;
    std::optional<nlohmann::json> body;
    std::string content_type;
    unsigned status;
    std::string code;
  };
  const Case cases[] = {
      {"invalid number", "/api/v1/sims/link", nlohmann::json{{"msisdn", "12345"}},
       "application/json", 422, "validation.failed"},
      {"missing number", "/api/v1/sims/link", nlohmann::json::object(), "application/json", 422,
       "validation.failed"},
      {"number not text", "/api/v1/sims/link", nlohmann::json{{"msisdn", 8613912345678}},
       "application/json", 422, "validation.failed"},
      {"not JSON", "/api/v1/sims/link", nlohmann::json{{"msisdn", "x"}}, "text/plain", 415,
       "http.unsupported_media_type"},
      {"wrong code", "/api/v1/sims/link/confirm",
       nlohmann::json{{"msisdn", "+8613912345678"}, {"code", "123456"}}, "application/json", 422,
       "sims.code_invalid"},
      {"missing code", "/api/v1/sims/link/confirm", nlohmann::json{{"msisdn", "+8613912345678"}},
       "application/json", 422, "validation.failed"},
  };
  for (const auto& c : cases) {
    auto response = call(verb::post, c.path, c.body, c.content_type);
    EXPECT_EQ(response.result_int(), c.status) << c.name << ": " << response.body();
    EXPECT_EQ(json_of(response)["code"], c.code) << c.name;
    EXPECT_EQ(response[http::bhttp::field::content_type], "application/problem+json") << c.name;
  }
  auto first = call(verb::post, "/api/v1/sims/link", nlohmann::json{{"msisdn", "+8613912345678"}});
  EXPECT_EQ(first.result_int(), 202u);
  auto again = call(verb::post, "/api/v1/sims/link", nlohmann::json{{"msisdn", "+8613912345678"}});
  EXPECT_EQ(again.result_int(), 429u);
  EXPECT_EQ(json_of(again)["code"], "sims.resend_too_soon");
  EXPECT_EQ(again[http::bhttp::field::retry_after], "60");
  const auto errors = json_of(
      call(verb::post, "/api/v1/sims/link", nlohmann::json{{"msisdn", "+447911123456"}}))["errors"];
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0]["field"], "/msisdn");
  EXPECT_EQ(errors[0]["code"], "msisdn.wrong_country");
}

}  // namespace
}  // namespace simreg::sims

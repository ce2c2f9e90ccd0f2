#include "sims/line_json.hpp"

#include <gtest/gtest.h>

namespace simreg::sims {
namespace {

Line sample() {
  Line line;
  line.id = "sim_01jd8x0000000000000000000a";
  line.msisdn = "+8613912345678";
  line.iccid = "89860012345678901234";
  line.status = "unregistered";
  line.activated_at_ms = 1'772'409'600'000;           // 2026-03-02T00:00:00Z
  line.registration_deadline_ms = 1'775'001'600'000;  // 2026-04-01T00:00:00Z
  line.holder_index = "0123456789abcdef0123456789abcdef";
  line.subscriber_id = "sub_x";
  return line;
}

TEST(LineJsonTest, Shapes) {
  struct Case {
    const char* name;
    std::optional<std::int64_t> linked_at;
    std::optional<std::string> application_id;
    nlohmann::json linked_json;
    nlohmann::json application_json;
  };
  const Case cases[] = {
      {"not linked", std::nullopt, std::nullopt, nullptr, nullptr},
      {"linked", 1'772'530'364'120, std::nullopt, "2026-03-03T09:32:44.120Z", nullptr},
      {"in an application", 1'772'530'364'120, "app_1", "2026-03-03T09:32:44.120Z", "app_1"},
  };
  for (const auto& c : cases) {
    Line line = sample();
    line.linked_at_ms = c.linked_at;
    line.application_id = c.application_id;
    const auto json = line_json(line);
    const nlohmann::json expected = {{"id", "sim_01jd8x0000000000000000000a"},
                                     {"msisdn", "+8613912345678"},
                                     {"iccid_last4", "1234"},
                                     {"status", "unregistered"},
                                     {"activated_at", "2026-03-02T00:00:00.000Z"},
                                     {"registration_deadline", "2026-04-01T00:00:00.000Z"},
                                     {"linked_at", c.linked_json},
                                     {"application_id", c.application_json}};
    EXPECT_EQ(json, expected) << c.name;
  }
}

TEST(LineJsonTest, NeverCarriesTheFullIccidHolderOrAccount) {
  const std::string text = line_json(sample()).dump();
  EXPECT_EQ(text.find("89860012345678901234"), std::string::npos);
  EXPECT_EQ(text.find("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(text.find("sub_x"), std::string::npos);
}

}  // namespace
}  // namespace simreg::sims

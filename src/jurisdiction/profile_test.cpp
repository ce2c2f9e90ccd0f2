#include "jurisdiction/profile.hpp"

#include <functional>

#include <gtest/gtest.h>

#include "jurisdiction/profile_loader.hpp"

namespace simreg::jurisdiction {
namespace {

nlohmann::json bundled_document(std::string_view id) {
  for (const auto& bundled : bundled_profiles()) {
    if (bundled.id == id) return nlohmann::json::parse(bundled.json);
  }
  ADD_FAILURE() << "no bundled profile " << id;
  return {};
}

TEST(ProfileTest, ChinaAccessors) {
  auto profile = parse_profile(bundled_document("cn"));
  ASSERT_TRUE(profile.ok()) << profile.error().detail;
  EXPECT_EQ(profile->id(), "cn");
  EXPECT_EQ(profile->country(), "CN");
  EXPECT_EQ(profile->msisdn_region(), "CN");
  EXPECT_EQ(profile->name("zh-CN"), "中国");
  EXPECT_EQ(profile->name("en"), "China");
  EXPECT_EQ(profile->languages(), (std::vector<std::string>{"zh-CN", "en"}));
  EXPECT_EQ(profile->default_language(), "zh-CN");
  EXPECT_EQ(profile->utc_offset_minutes(), 480);
  EXPECT_EQ(profile->minimum_age(), 16);
  EXPECT_EQ(profile->minors().policy, "in_store_with_guardian");
  EXPECT_EQ(profile->sim_cap_per_person(), 5);
  EXPECT_EQ(profile->review_business_days(), 2);
  EXPECT_EQ(profile->unregistered_restriction_days(), 30);
  EXPECT_EQ(profile->retention().rejected_application_days, 90);
  EXPECT_EQ(profile->identity_fields().size(), 9u);
  ASSERT_EQ(profile->document_types().size(), 2u);
  const auto* id_card = profile->document_type("cn_resident_id");
  ASSERT_NE(id_card, nullptr);
  EXPECT_EQ(id_card->label.get("zh-CN"), "居民身份证");
  EXPECT_TRUE(id_card->accepts_nationality("CN"));
  EXPECT_FALSE(id_card->accepts_nationality("PH"));
  EXPECT_TRUE(profile->document_type("passport")->accepts_nationality("PH"));
  EXPECT_EQ(profile->required_images("cn_resident_id"),
            (std::vector<std::string>{"id_front", "id_back", "selfie"}));
  EXPECT_EQ(profile->required_images("passport"), (std::vector<std::string>{"passport", "selfie"}));
  EXPECT_TRUE(profile->required_images("ph_umid").empty());
  EXPECT_EQ(profile->document_type("ph_umid"), nullptr);
  EXPECT_NE(profile->declaration("zh-CN").find("本人声明"), std::string::npos);
  EXPECT_NE(profile->declaration("en").find("I declare"), std::string::npos);
  // An unknown locale falls back to the profile's default language.
  EXPECT_EQ(profile->declaration("fr"), profile->declaration("zh-CN"));
  EXPECT_FALSE(profile->calendar().is_business_day({2026, 10, 1}));
  EXPECT_TRUE(profile->calendar().is_business_day({2026, 10, 10}));
}

TEST(ProfileTest, PhilippinesAndUnitedStatesAccessors) {
  auto ph = parse_profile(bundled_document("ph"));
  ASSERT_TRUE(ph.ok()) << ph.error().detail;
  EXPECT_EQ(ph->minimum_age(), 18);
  EXPECT_EQ(ph->sim_cap_per_person(), 10);
  EXPECT_EQ(ph->review_business_days(), 1);
  EXPECT_NE(ph->declaration("en").find("Republic Act No. 11934"), std::string::npos);
  EXPECT_EQ(ph->declaration("fr"), ph->declaration("en"));
  for (const char* type : {"ph_philsys_id", "ph_drivers_license", "ph_umid", "passport"}) {
    EXPECT_NE(ph->document_type(type), nullptr) << type;
  }
  EXPECT_FALSE(ph->document_type("ph_philsys_id")->expiry_required);

  auto us = parse_profile(bundled_document("us"));
  ASSERT_TRUE(us.ok()) << us.error().detail;
  EXPECT_EQ(us->sim_cap_per_person(), std::nullopt);
  EXPECT_EQ(us->utc_offset_minutes(), -300);
  EXPECT_EQ(us->minimum_age(), 18);
  EXPECT_EQ(us->review_business_days(), 2);
  for (const char* type : {"us_drivers_license", "us_state_id", "passport"}) {
    EXPECT_NE(us->document_type(type), nullptr) << type;
  }
}

struct BrokenCase {
  const char* name;
  std::function<void(nlohmann::json&)> breakage;
  std::string pointer;  // the JSON pointer the error must name
};

class BrokenProfileTest : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenProfileTest, IsRejectedNamingThePath) {
  const auto& c = GetParam();
  auto document = bundled_document("cn");
  c.breakage(document);
  auto profile = parse_profile(document);
  ASSERT_FALSE(profile.ok());
  EXPECT_EQ(profile.error().code, "profile.invalid");
  EXPECT_EQ(profile.error().kind, ErrorKind::invalid_input);
  std::vector<std::string> pointers;
  for (const auto& field : profile.error().fields) pointers.push_back(field.field);
  EXPECT_NE(std::find(pointers.begin(), pointers.end(), c.pointer), pointers.end())
      << "detail: " << profile.error().detail;
  EXPECT_NE(profile.error().detail.find(profile.error().fields.front().field), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Table, BrokenProfileTest,
    ::testing::Values(
        BrokenCase{"not_an_object", [](auto& d) { d = nlohmann::json::array(); }, "/"},
        BrokenCase{"unknown_member", [](auto& d) { d["sim_cap"] = 3; }, "/sim_cap"},
        BrokenCase{"missing_id", [](auto& d) { d.erase("id"); }, "/id"},
        BrokenCase{"bad_id", [](auto& d) { d["id"] = "../etc"; }, "/id"},
        BrokenCase{"unknown_country", [](auto& d) { d["country"] = "XX"; }, "/country"},
        BrokenCase{"age_as_string", [](auto& d) { d["minimum_age"] = "16"; }, "/minimum_age"},
        BrokenCase{"age_out_of_range", [](auto& d) { d["minimum_age"] = 200; }, "/minimum_age"},
        BrokenCase{"cap_zero", [](auto& d) { d["sim_cap_per_person"] = 0; }, "/sim_cap_per_person"},
        BrokenCase{"cap_fractional", [](auto& d) { d["sim_cap_per_person"] = 2.5; },
                   "/sim_cap_per_person"},
        BrokenCase{"offset_out_of_range", [](auto& d) { d["utc_offset_minutes"] = 900; },
                   "/utc_offset_minutes"},
        BrokenCase{"unknown_language",
                   [](auto& d) {
                     d["languages"] = {"zh-CN", "fr"};
                   },
                   "/languages/1"},
        BrokenCase{"default_language_not_offered",
                   [](auto& d) {
                     d["default_language"] = "en";
                     d["languages"] = {"zh-CN"};
                   },
                   "/default_language"},
        BrokenCase{"missing_translation", [](auto& d) { d["declaration"].erase("zh-CN"); },
                   "/declaration/zh-CN"},
        BrokenCase{"missing_english", [](auto& d) { d["name"].erase("en"); }, "/name/en"},
        BrokenCase{"minors_policy_unknown", [](auto& d) { d["minors"]["policy"] = "whatever"; },
                   "/minors/policy"},
        BrokenCase{"bad_holiday", [](auto& d) { d["calendar"]["holidays"][3] = "2026-02-30"; },
                   "/calendar/holidays/3"},
        BrokenCase{"duplicate_holiday",
                   [](auto& d) { d["calendar"]["holidays"][1] = "2026-01-01"; },
                   "/calendar/holidays/1"},
        BrokenCase{"weekday_name", [](auto& d) { d["calendar"]["weekend"] = {"saturday"}; },
                   "/calendar/weekend/0"},
        BrokenCase{"whole_week_off",
                   [](auto& d) {
                     d["calendar"]["weekend"] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
                   },
                   "/calendar/weekend"},
        BrokenCase{"working_day_not_weekend",
                   [](auto& d) { d["calendar"]["working_days"][0] = "2026-01-05"; },
                   "/calendar/working_days/0"},
        BrokenCase{"retention_missing",
                   [](auto& d) { d["retention"].erase("document_images_days"); },
                   "/retention/document_images_days"},
        BrokenCase{"identity_field_unknown",
                   [](auto& d) { d["identity_fields"].push_back("shoe_size"); },
                   "/identity_fields/9"},
        BrokenCase{"identity_fields_without_number",
                   [](auto& d) {
                     d["identity_fields"] = {"full_name", "document_type"};
                   },
                   "/identity_fields"},
        BrokenCase{"no_document_types",
                   [](auto& d) { d["document_types"] = nlohmann::json::array(); },
                   "/document_types"},
        BrokenCase{"unknown_validator",
                   [](auto& d) { d["document_types"][1]["validator"] = "passport"; },
                   "/document_types/1/validator"},
        BrokenCase{"unknown_image_kind",
                   [](auto& d) { d["document_types"][0]["images"][1] = "back"; },
                   "/document_types/0/images/1"},
        BrokenCase{"nationality_alpha3",
                   [](auto& d) { d["document_types"][0]["nationalities"] = {"CHN"}; },
                   "/document_types/0/nationalities/0"},
        BrokenCase{"expiry_required_string",
                   [](auto& d) { d["document_types"][0]["expiry_required"] = "yes"; },
                   "/document_types/0/expiry_required"},
        BrokenCase{"duplicate_document_type",
                   [](auto& d) { d["document_types"][1]["id"] = "cn_resident_id"; },
                   "/document_types/1/id"},
        BrokenCase{"document_type_unknown_member",
                   [](auto& d) { d["document_types"][0]["fields"] = nlohmann::json::array(); },
                   "/document_types/0/fields"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ProfileTextTest, ReportsEveryProblemAndSyntaxErrors) {
  auto document = bundled_document("cn");
  document["minimum_age"] = -1;
  document["country"] = "China";
  auto profile = parse_profile_text(document.dump(), "test.json");
  ASSERT_FALSE(profile.ok());
  EXPECT_EQ(profile.error().fields.size(), 2u);
  EXPECT_NE(profile.error().detail.find("test.json"), std::string::npos);
  EXPECT_NE(profile.error().detail.find("and 1 more"), std::string::npos);

  auto syntax = parse_profile_text("{\"id\": \"cn\",", "broken.json");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.error().code, "profile.invalid");
  EXPECT_NE(syntax.error().detail.find("broken.json"), std::string::npos);
  EXPECT_NE(syntax.error().detail.find("not valid JSON"), std::string::npos);
}

}  // namespace
}  // namespace simreg::jurisdiction

#include "registration/automated_checks.hpp"

#include <gtest/gtest.h>

#include "jurisdiction/profile_loader.hpp"

namespace simreg::registration {
namespace {

TEST(AutomatedChecks, FlagsFollowTheChecks) {
  struct Case {
    std::string name;
    AutomatedChecks checks;
    std::vector<std::string> flags;
  };
  AutomatedChecks clean;
  AutomatedChecks same_subscriber;
  same_subscriber.duplicates = {{"app_1", "approved", true}};
  AutomatedChecks other_rejected;
  other_rejected.duplicates = {{"app_2", "rejected", false}};
  AutomatedChecks other_live;
  other_live.duplicates = {{"app_2", "rejected", false}, {"app_3", "submitted", false}};
  AutomatedChecks registered_elsewhere;
  registered_elsewhere.registered_lines_same_document = 2;
  registered_elsewhere.registered_lines_other_holder = 1;
  AutomatedChecks registered_own;
  registered_own.registered_lines_same_document = 2;
  AutomatedChecks cap;
  cap.cap = {5, 6, true};
  AutomatedChecks cross;
  cross.cross_field = {true, true, false};
  AutomatedChecks not_applicable;
  not_applicable.cross_field = {false, std::nullopt, std::nullopt};
  AutomatedChecks all = other_live;
  all.cap = {5, 7, true};
  all.cross_field = {true, false, true};
  const std::vector<Case> cases{
      {"clean", clean, {}},
      {"same subscriber", same_subscriber, {}},
      {"other rejected", other_rejected, {}},
      {"other live", other_live, {"duplicate_document"}},
      {"registered elsewhere", registered_elsewhere, {"duplicate_document"}},
      {"registered own", registered_own, {}},
      {"cap", cap, {"cap_exceeded"}},
      {"cross", cross, {"cross_field_mismatch"}},
      {"not applicable", not_applicable, {}},
      {"all", all, {"duplicate_document", "cap_exceeded", "cross_field_mismatch"}},
  };
  for (const auto& c : cases) EXPECT_EQ(flags_of(c.checks), c.flags) << c.name;
}

TEST(AutomatedChecks, WithFlagKeepsTheFixedOrder) {
  struct Case {
    std::vector<std::string> flags;
    std::string added;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases{
      {{}, "duplicate_document", {"duplicate_document"}},
      {{"duplicate_document"}, "duplicate_document", {"duplicate_document"}},
      {{"cap_exceeded", "cross_field_mismatch"}, "duplicate_document",
       {"duplicate_document", "cap_exceeded", "cross_field_mismatch"}},
      {{"duplicate_document", "cross_field_mismatch"}, "cap_exceeded",
       {"duplicate_document", "cap_exceeded", "cross_field_mismatch"}},
      {{"legacy_flag"}, "duplicate_document", {"duplicate_document", "legacy_flag"}},
      {{"cap_exceeded"}, "new_flag", {"cap_exceeded", "new_flag"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.added);
    EXPECT_EQ(with_flag(c.flags, c.added), c.expected);
  }
}

TEST(AutomatedChecks, OpenDuplicatesOfOthersAreTheOnesStillWaiting) {
  AutomatedChecks checks;
  checks.duplicates = {{"app_submitted", "submitted", false}, {"app_in_review", "in_review", false},
                       {"app_approved", "approved", false},   {"app_rejected", "rejected", false},
                       {"app_resubmit", "resubmission_requested", false},
                       {"app_own", "submitted", true}};
  EXPECT_EQ(open_duplicates_of_others(checks), (std::vector<std::string>{"app_submitted", "app_in_review"}));
  EXPECT_TRUE(open_duplicates_of_others(AutomatedChecks{}).empty());
}

TEST(AutomatedChecks, CrossFieldComparesWhatTheNumberEncodes) {
  auto profile = jurisdiction::load_profile("cn");
  ASSERT_TRUE(profile) << profile.error().detail;
  const jurisdiction::Date today{2026, 3, 2};
  struct Case {
    std::string name;
    Identity identity;
    CrossFieldCheck expected;
  };
  Identity base;
  base.document_type = "cn_resident_id";
  base.document_number = "11010119900307001X";  // check character irrelevant: parsing still happens
  base.date_of_birth = "1990-03-07";
  base.sex = "M";
  Identity wrong_birth = base;
  wrong_birth.date_of_birth = "1991-03-07";
  Identity wrong_sex = base;
  wrong_sex.sex = "F";
  Identity undeclared = base;
  undeclared.sex.reset();
  Identity passport = base;
  passport.document_type = "passport";
  passport.document_number = "E12345678";
  Identity no_number = base;
  no_number.document_number.reset();
  const std::vector<Case> cases{
      {"matches", base, {true, true, true}},
      {"wrong birth", wrong_birth, {true, false, true}},
      {"wrong sex", wrong_sex, {true, true, false}},
      {"undeclared sex", undeclared, {true, true, std::nullopt}},
      {"passport", passport, {false, std::nullopt, std::nullopt}},
      {"no number", no_number, {false, std::nullopt, std::nullopt}},
  };
  for (const auto& c : cases) {
    const auto got = cross_field_check(*profile, c.identity, today);
    EXPECT_EQ(got.applicable, c.expected.applicable) << c.name;
    EXPECT_EQ(got.date_of_birth_matches, c.expected.date_of_birth_matches) << c.name;
    EXPECT_EQ(got.sex_matches, c.expected.sex_matches) << c.name;
  }
}

TEST(AutomatedChecks, JsonShape) {
  AutomatedChecks checks;
  checks.duplicates = {{"app_9", "submitted", false}};
  checks.cap = {std::nullopt, 2, false};
  const auto json = checks_json(checks);
  EXPECT_EQ(json["duplicates"][0]["application_id"], "app_9");
  EXPECT_EQ(json["duplicates"][0]["same_subscriber"], false);
  EXPECT_TRUE(json["cap"]["limit"].is_null());
  EXPECT_EQ(json["cap"]["would_hold"], 2);
  EXPECT_TRUE(json["cross_field"]["sex_matches"].is_null());
}

}  // namespace
}  // namespace simreg::registration

#include "review/review_rules.hpp"

#include <gtest/gtest.h>

namespace simreg::review {
namespace {

using registration::Application;
using registration::ApplicationStatus;

constexpr std::int64_t kNow = 1'000'000;

Application in_review(const std::string& holder, std::int64_t expires) {
  Application app;
  app.id = "app_1";
  app.status = ApplicationStatus::in_review;
  app.claim = registration::Claim{holder, kNow - 10, expires};
  return app;
}

TEST(ReviewRules, LeasesAndHolding) {
  EXPECT_TRUE(holds(in_review("stf_a", kNow + 1), "stf_a", kNow));
  EXPECT_FALSE(holds(in_review("stf_a", kNow), "stf_a", kNow));  // lapsed at its expiry instant
  EXPECT_FALSE(holds(in_review("stf_a", kNow + 1), "stf_b", kNow));
  Application submitted;
  submitted.status = ApplicationStatus::submitted;
  EXPECT_FALSE(holds(submitted, "stf_a", kNow));
  EXPECT_FALSE(lease_live(std::nullopt, kNow));
}

TEST(ReviewRules, Claimable) {
  struct Case {
    std::string name;
    Application app;
    bool supervisor;
    bool expected;
  };
  Application submitted;
  submitted.status = ApplicationStatus::submitted;
  Application escalated = submitted;
  escalated.escalation = registration::Escalation{"stf_a", "", kNow};
  Application approved;
  approved.status = ApplicationStatus::approved;
  const std::vector<Case> cases{
      {"submitted", submitted, false, true},
      {"escalated, reviewer", escalated, false, false},
      {"escalated, supervisor", escalated, true, true},
      {"live lease", in_review("stf_a", kNow + 5), true, false},
      {"lapsed lease", in_review("stf_a", kNow - 5), false, true},
      {"decided", approved, true, false},
  };
  for (const auto& c : cases) EXPECT_EQ(claimable(c.app, c.supervisor, kNow), c.expected) << c.name;
}

TEST(ReviewRules, Views) {
  const auto app = in_review("stf_a", kNow + 5);
  EXPECT_EQ(view_of(app, "stf_a", false, kNow), View::full);
  EXPECT_EQ(view_of(app, "stf_b", true, kNow), View::masked);
  EXPECT_EQ(view_of(app, "stf_b", false, kNow), View::denied);
  EXPECT_TRUE(is_supervisor({"reviewer", "supervisor"}));
  EXPECT_FALSE(is_supervisor({"reviewer", "admin"}));
}

TEST(ReviewRules, DecisionsFollowTheTaxonomy) {
  struct Case {
    nlohmann::json body;
    std::string error_code;  // "" = accepted
    std::string field;
  };
  const std::vector<Case> cases{
      {{{"outcome", "approve"}}, "", ""},
      {{{"outcome", "approve"}, {"reasons", nlohmann::json::array()}}, "", ""},
      {{{"outcome", "approve"}, {"reasons", {"image.blurred"}}}, "reasons.not_allowed", "/reasons"},
      {{{"outcome", "reject"}, {"reasons", {"document.forged"}}}, "", ""},
      {{{"outcome", "reject"}, {"reasons", {"document.forged", "image.blurred"}}}, "", ""},
      {{{"outcome", "reject"}, {"reasons", {"image.blurred"}}}, "reasons.final_required", "/reasons"},
      {{{"outcome", "reject"}}, "reasons.final_required", "/reasons"},
      {{{"outcome", "request_resubmission"}, {"reasons", {"image.blurred", "data.sex_mismatch"}}}, "", ""},
      {{{"outcome", "request_resubmission"}}, "reasons.required", "/reasons"},
      {{{"outcome", "request_resubmission"}, {"reasons", {"image.blurred", "document.forged"}}},
       "reasons.fixable_only", "/reasons"},
      {{{"outcome", "request_resubmission"}, {"reasons", {"image.blurred", "no.such"}}}, "reason.unknown", "/reasons/1"},
      {{{"outcome", "request_resubmission"}, {"reasons", "image.blurred"}}, "reasons.invalid", "/reasons"},
      {{{"outcome", "maybe"}}, "outcome.invalid", "/outcome"},
      {nlohmann::json::object(), "outcome.invalid", "/outcome"},
      {{{"outcome", "approve"}, {"note", std::string(1001, 'x')}}, "note.too_long", "/note"},
      {{{"outcome", "approve"}, {"note", 5}}, "note.invalid", "/note"},
  };
  for (const auto& c : cases) {
    const auto parsed = parse_decision(c.body);
    if (c.error_code.empty()) {
      EXPECT_TRUE(parsed) << c.body.dump() << ": " << (parsed ? "" : parsed.error().fields.at(0).code);
      continue;
    }
    ASSERT_FALSE(parsed) << c.body.dump();
    EXPECT_EQ(parsed.error().code, "validation.failed");
    ASSERT_FALSE(parsed.error().fields.empty());
    EXPECT_EQ(parsed.error().fields[0].code, c.error_code) << c.body.dump();
    EXPECT_EQ(parsed.error().fields[0].field, c.field) << c.body.dump();
  }
  const auto duplicates = parse_decision({{"outcome", "reject"}, {"reasons", {"document.forged", "document.forged"}}});
  ASSERT_TRUE(duplicates);
  EXPECT_EQ(duplicates->reasons.size(), 1u);
}

TEST(ReviewRules, FourEyesForFlaggedApprovals) {
  struct Case {
    std::string name;
    std::vector<std::string> flags;
    std::optional<std::string> escalated_by;
    std::string decider;
    bool supervisor;
    std::string outcome;
    bool allowed;
  };
  const std::vector<Case> cases{
      {"unflagged", {}, std::nullopt, "stf_a", false, "approve", true},
      {"flagged, reviewer", {"duplicate_document"}, std::nullopt, "stf_a", false, "approve", false},
      {"flagged, supervisor without escalation", {"cap_exceeded"}, std::nullopt, "stf_s", true, "approve", false},
      {"flagged, escalated, supervisor", {"cap_exceeded"}, "stf_a", "stf_s", true, "approve", true},
      {"flagged, supervisor escalated it", {"cap_exceeded"}, "stf_s", "stf_s", true, "approve", false},
      {"flagged, escalated, reviewer", {"cap_exceeded"}, "stf_a", "stf_b", false, "approve", false},
      {"flagged, reject", {"duplicate_document"}, std::nullopt, "stf_a", false, "reject", true},
  };
  for (const auto& c : cases) {
    Application app;
    app.flags = c.flags;
    if (c.escalated_by) app.escalation = registration::Escalation{*c.escalated_by, "", kNow};
    DecisionInput input{c.outcome, {}, ""};
    const auto checked = check_four_eyes(app, input, c.decider, c.supervisor);
    EXPECT_EQ(static_cast<bool>(checked), c.allowed) << c.name;
    if (!checked) {
      EXPECT_EQ(checked.error().code, "review.four_eyes_required");
    }
  }
}

}  // namespace
}  // namespace simreg::review

#include "registration/application_status.hpp"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

namespace simreg::registration {
namespace {

using S = ApplicationStatus;

struct Edge {
  S from;
  S to;
  Actor actor;
  bool operator<(const Edge& other) const {
    return std::tie(from, to, actor) < std::tie(other.from, other.to, other.actor);
  }
};

// Written out independently of the implementation's table so a change to either shows up here.
const std::set<Edge> kAllowed{
    {S::draft, S::submitted, Actor::subscriber},
    {S::draft, S::submitted, Actor::staff},
    {S::submitted, S::in_review, Actor::staff},
    {S::in_review, S::submitted, Actor::staff},
    {S::in_review, S::submitted, Actor::system},
    {S::in_review, S::approved, Actor::staff},
    {S::in_review, S::rejected, Actor::staff},
    {S::in_review, S::resubmission_requested, Actor::staff},
    {S::resubmission_requested, S::submitted, Actor::subscriber},
};

TEST(ApplicationStatus, EveryPairAndActorMatchesTheTable) {
  int allowed = 0;
  for (S from : all_statuses()) {
    for (S to : all_statuses()) {
      for (Actor actor : {Actor::subscriber, Actor::staff, Actor::system}) {
        const bool expected = kAllowed.count(Edge{from, to, actor}) == 1;
        const auto result = check_transition(from, to, actor);
        EXPECT_EQ(static_cast<bool>(result), expected)
            << status_name(from) << " -> " << status_name(to) << " by " << actor_name(actor);
        if (!result) {
          EXPECT_EQ(result.error().code, "application.invalid_transition");
          EXPECT_EQ(result.error().kind, ErrorKind::conflict);
        }
        allowed += expected ? 1 : 0;
      }
    }
  }
  EXPECT_EQ(allowed, 9);
}

TEST(ApplicationStatus, NamesRoundTrip) {
  const std::vector<std::pair<S, std::string_view>> cases{
      {S::draft, "draft"},       {S::submitted, "submitted"}, {S::in_review, "in_review"},
      {S::approved, "approved"}, {S::rejected, "rejected"},   {S::resubmission_requested, "resubmission_requested"},
  };
  ASSERT_EQ(cases.size(), all_statuses().size());
  for (const auto& [status, name] : cases) {
    EXPECT_EQ(status_name(status), name);
    EXPECT_EQ(parse_status(name), status);
  }
  EXPECT_EQ(parse_status("pending"), std::nullopt);
  EXPECT_EQ(parse_status(""), std::nullopt);
  EXPECT_EQ(parse_status("Draft"), std::nullopt);
}

TEST(ApplicationStatus, EditableAndFinal) {
  const std::vector<std::tuple<S, bool, bool>> cases{
      {S::draft, true, false},     {S::submitted, false, false}, {S::in_review, false, false},
      {S::approved, false, true},  {S::rejected, false, true},   {S::resubmission_requested, true, false},
  };
  for (const auto& [status, editable, final_status] : cases) {
    EXPECT_EQ(is_editable(status), editable) << status_name(status);
    EXPECT_EQ(is_final(status), final_status) << status_name(status);
  }
}

TEST(ApplicationStatus, FinalStatusesHaveNoWayOut) {
  for (S from : {S::approved, S::rejected}) {
    for (S to : all_statuses()) {
      for (Actor actor : {Actor::subscriber, Actor::staff, Actor::system}) {
        EXPECT_FALSE(static_cast<bool>(check_transition(from, to, actor)));
      }
    }
  }
}

}  // namespace
}  // namespace simreg::registration

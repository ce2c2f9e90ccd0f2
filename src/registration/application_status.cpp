#include "registration/application_status.hpp"

#include <array>
#include <string>

namespace simreg::registration {
namespace {

struct Transition {
  ApplicationStatus from;
  ApplicationStatus to;
  Actor actor;
};

using S = ApplicationStatus;

// The whole life cycle. A resubmission goes back to `submitted` and is reviewed afresh; a
// reviewer (or an expired lease, the system) can hand a case back to the queue.
constexpr std::array kTransitions{
    Transition{S::draft, S::submitted, Actor::subscriber},
    Transition{S::draft, S::submitted, Actor::staff},  // in-store: the agent records and submits
    Transition{S::submitted, S::in_review, Actor::staff},
    Transition{S::in_review, S::submitted, Actor::staff},
    Transition{S::in_review, S::submitted, Actor::system},
    Transition{S::in_review, S::approved, Actor::staff},
    Transition{S::in_review, S::rejected, Actor::staff},
    Transition{S::in_review, S::resubmission_requested, Actor::staff},
    Transition{S::resubmission_requested, S::submitted, Actor::subscriber},
};

constexpr std::array<std::string_view, 6> kNames{"draft",    "submitted", "in_review",
                                                 "approved", "rejected",  "resubmission_requested"};

}  // namespace

std::string_view status_name(ApplicationStatus status) { return kNames.at(static_cast<std::size_t>(status)); }

std::optional<ApplicationStatus> parse_status(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<ApplicationStatus>(i);
  }
  return std::nullopt;
}

std::string_view actor_name(Actor actor) {
  switch (actor) {
    case Actor::subscriber: return "subscriber";
    case Actor::staff: return "staff";
    case Actor::system: return "system";
  }
  return "system";
}

Result<void> check_transition(ApplicationStatus from, ApplicationStatus to, Actor actor) {
  for (const auto& transition : kTransitions) {
    if (transition.from == from && transition.to == to && transition.actor == actor) return success();
  }
  return Error::make(ErrorKind::conflict, "application.invalid_transition",
                     "An application that is " + std::string(status_name(from)) + " cannot become " +
                         std::string(status_name(to)) + ".");
}

bool is_editable(ApplicationStatus status) {
  return status == S::draft || status == S::resubmission_requested;
}

bool is_final(ApplicationStatus status) { return status == S::approved || status == S::rejected; }

const std::vector<ApplicationStatus>& all_statuses() {
  static const std::vector<ApplicationStatus> statuses{S::draft,    S::submitted, S::in_review,
                                                       S::approved, S::rejected,  S::resubmission_requested};
  return statuses;
}

}  // namespace simreg::registration

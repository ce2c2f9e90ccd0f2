// The registration application's life cycle: its statuses and the one table of allowed
// transitions (who may move an application from which status to which). Pure; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace simreg::registration {

enum class ApplicationStatus { draft, submitted, in_review, approved, rejected, resubmission_requested };

// Who causes a transition: the subscriber (online), staff (reviewers, store agents) or the system
// (e.g. an expired review lease handing a case back to the queue).
enum class Actor { subscriber, staff, system };

std::string_view status_name(ApplicationStatus status);
std::optional<ApplicationStatus> parse_status(std::string_view name);
std::string_view actor_name(Actor actor);

// Error "application.invalid_transition" (conflict) when the table has no such edge for this actor.
Result<void> check_transition(ApplicationStatus from, ApplicationStatus to, Actor actor);

// The subscriber may still change data and images.
bool is_editable(ApplicationStatus status);
// No further transition is possible.
bool is_final(ApplicationStatus status);

// Every status, for exhaustive tests and documentation.
const std::vector<ApplicationStatus>& all_statuses();

}  // namespace simreg::registration

// Line statuses (stable ids shared with the API, the database CHECK and other modules) and the one
// table of allowed status changes, which every writer of sim_lines.status consults. Pure;
// thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace simreg::sims {

enum class LineStatus { unregistered, pending, registered, restricted, frozen, cancelled };

inline constexpr std::array<LineStatus, 6> kAllLineStatuses = {
    LineStatus::unregistered, LineStatus::pending, LineStatus::registered,
    LineStatus::restricted,   LineStatus::frozen,  LineStatus::cancelled};

// "unregistered", "pending", ... as stored and sent.
std::string_view line_status_code(LineStatus status);
// The status named `code` (exact, lower case); nullopt for anything else.
std::optional<LineStatus> parse_line_status(std::string_view code);

// Whether a line may go from `from` to `to`. Staying in the same status is not a transition
// (false here; SimService::set_status treats it as a no-op). cancelled is final.
bool line_transition_allowed(LineStatus from, LineStatus to);

}  // namespace simreg::sims

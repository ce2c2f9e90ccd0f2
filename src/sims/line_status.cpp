#include "sims/line_status.hpp"

#include <algorithm>
#include <initializer_list>

namespace simreg::sims {
namespace {

struct Transitions {
  LineStatus from;
  std::initializer_list<LineStatus> to;
};

// Why each edge exists:
//   unregistered → pending     the holder submitted a registration application
//   unregistered → restricted  the registration deadline passed (activation + the profile's days)
//   pending → registered       the application was approved
//   pending → unregistered     rejected or withdrawn before the deadline
//   pending → restricted       rejected or withdrawn after the deadline
//   registered → restricted    the registration was revoked (e.g. found fraudulent)
//   restricted → pending       a late application lifts nothing until it is approved
//   frozen → ...               an operator unfreezes the line into the status it belongs in
//   any but cancelled → frozen (operator hold) or cancelled (the line ends; final)
constexpr LineStatus kUnregistered = LineStatus::unregistered;
constexpr LineStatus kPending = LineStatus::pending;
constexpr LineStatus kRegistered = LineStatus::registered;
constexpr LineStatus kRestricted = LineStatus::restricted;
constexpr LineStatus kFrozen = LineStatus::frozen;
constexpr LineStatus kCancelled = LineStatus::cancelled;

const std::initializer_list<Transitions> kTable = {
    {kUnregistered, {kPending, kRestricted, kFrozen, kCancelled}},
    {kPending, {kRegistered, kUnregistered, kRestricted, kFrozen, kCancelled}},
    {kRegistered, {kRestricted, kFrozen, kCancelled}},
    {kRestricted, {kPending, kFrozen, kCancelled}},
    {kFrozen, {kUnregistered, kRegistered, kRestricted, kCancelled}},
    {kCancelled, {}},
};

}  // namespace

std::string_view line_status_code(LineStatus status) {
  switch (status) {
    case LineStatus::unregistered:
      return "unregistered";
    case LineStatus::pending:
      return "pending";
    case LineStatus::registered:
      return "registered";
    case LineStatus::restricted:
      return "restricted";
    case LineStatus::frozen:
      return "frozen";
    case LineStatus::cancelled:
      return "cancelled";
  }
  return "unregistered";
}

std::optional<LineStatus> parse_line_status(std::string_view code) {
  for (const LineStatus status : kAllLineStatuses) {
    if (line_status_code(status) == code) return status;
  }
  return std::nullopt;
}

bool line_transition_allowed(LineStatus from, LineStatus to) {
  for (const auto& row : kTable) {
    if (row.from == from) return std::find(row.to.begin(), row.to.end(), to) != row.to.end();
  }
  return false;
}

}  // namespace simreg::sims

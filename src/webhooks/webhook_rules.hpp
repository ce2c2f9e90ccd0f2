// The rules an endpoint must follow: the three event types, the URL (absolute http:// or https://),
// the signing secret's length, and the comma-separated form events are stored and typed in.
// Validation returns FieldErrors (JSON pointers into the admin API body). Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/result.hpp"

namespace simreg::webhooks {

inline constexpr std::string_view kApplicationSubmitted = "application.submitted";
inline constexpr std::string_view kApplicationDecided = "application.decided";
inline constexpr std::string_view kSimStatusChanged = "sim.status_changed";

inline constexpr std::size_t kMaxUrlLength = 2048;
inline constexpr std::size_t kMinSecretLength = 16;
inline constexpr std::size_t kMaxSecretLength = 256;

// Every event type, in documentation order.
const std::vector<std::string>& event_types();
bool is_event_type(std::string_view type);

// nullopt when the URL is acceptable; else "url.invalid" (not absolute http(s) with a host, or it
// holds spaces/control characters) or "url.too_long".
std::optional<FieldError> check_url(std::string_view url);
// Non-empty, all known; duplicates are removed (the result keeps event_types() order).
// Errors: "events.empty", "events.unknown".
Result<std::vector<std::string>> normalize_events(const std::vector<std::string>& events);
// Printable ASCII, kMinSecretLength..kMaxSecretLength; "secret.too_short", "secret.too_long",
// "secret.invalid".
std::optional<FieldError> check_secret(std::string_view secret);

// "a,b" <-> {"a","b"}; blanks around items and empty items are dropped.
std::vector<std::string> split_events(std::string_view csv);
std::string join_events(const std::vector<std::string>& events);

}  // namespace simreg::webhooks

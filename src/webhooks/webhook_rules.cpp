#include "webhooks/webhook_rules.hpp"

#include <algorithm>

namespace simreg::webhooks {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

FieldError field_error(std::string field, std::string code, std::string message) {
  return {std::move(field), std::move(code), std::move(message)};
}

}  // namespace

const std::vector<std::string>& event_types() {
  static const std::vector<std::string> types{std::string(kApplicationSubmitted),
                                              std::string(kApplicationDecided),
                                              std::string(kSimStatusChanged)};
  return types;
}

bool is_event_type(std::string_view type) {
  const auto& types = event_types();
  return std::find(types.begin(), types.end(), type) != types.end();
}

std::optional<FieldError> check_url(std::string_view url) {
  if (url.size() > kMaxUrlLength) {
    return field_error("/url", "url.too_long", "The URL is too long.");
  }
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return field_error("/url", "url.invalid", "The URL must start with http:// or https://.");
  }
  // Spaces, control characters and fragments have no place in a URL libcurl is handed verbatim.
  const bool clean = std::all_of(url.begin(), url.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f && c != '#';
  });
  const std::string_view host = rest.substr(0, rest.find_first_of("/?"));
  const std::string_view after_userinfo = host.substr(host.find('@') == std::string_view::npos ? 0 : host.rfind('@') + 1);
  if (!clean || after_userinfo.empty() || after_userinfo.front() == ':') {
    return field_error("/url", "url.invalid", "The URL must be absolute, with a host and no spaces.");
  }
  return std::nullopt;
}

Result<std::vector<std::string>> normalize_events(const std::vector<std::string>& events) {
  if (events.empty()) {
    return Error::validation({field_error("/events", "events.empty", "Choose at least one event type.")});
  }
  for (const auto& event : events) {
    if (!is_event_type(event)) {
      return Error::validation({field_error(
          "/events", "events.unknown",
          "Event types are application.submitted, application.decided and sim.status_changed.")});
    }
  }
  std::vector<std::string> normalized;
  for (const auto& type : event_types()) {
    if (std::find(events.begin(), events.end(), type) != events.end()) normalized.push_back(type);
  }
  return normalized;
}

std::optional<FieldError> check_secret(std::string_view secret) {
  if (secret.size() < kMinSecretLength) {
    return field_error("/secret", "secret.too_short", "The secret needs at least 16 characters.");
  }
  if (secret.size() > kMaxSecretLength) {
    return field_error("/secret", "secret.too_long", "The secret may have at most 256 characters.");
  }
  const bool printable = std::all_of(secret.begin(), secret.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x21 && u < 0x7f;
  });
  if (!printable) {
    return field_error("/secret", "secret.invalid",
                       "The secret may only hold printable ASCII characters without spaces.");
  }
  return std::nullopt;
}

std::vector<std::string> split_events(std::string_view csv) {
  std::vector<std::string> out;
  while (true) {
    const auto comma = csv.find(',');
    const std::string_view item = trim(csv.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    csv.remove_prefix(comma + 1);
  }
  return out;
}

std::string join_events(const std::vector<std::string>& events) {
  std::string out;
  for (const auto& event : events) {
    if (!out.empty()) out += ',';
    out += event;
  }
  return out;
}

}  // namespace simreg::webhooks

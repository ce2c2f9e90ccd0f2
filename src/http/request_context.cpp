#include "http/route.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace simreg::http {
namespace {

// Nesting deeper than any simreg payload is refused, so a 64 KiB body of '[' cannot stress the
// recursive parts of JSON handling downstream.
constexpr int kMaxJsonDepth = 32;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_json_media_type(std::string_view content_type) {
  const std::string_view media_type = content_type.substr(0, content_type.find(';'));
  std::string_view trimmed = media_type;
  while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t'))
    trimmed.remove_suffix(1);
  while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t'))
    trimmed.remove_prefix(1);
  return iequals(trimmed, "application/json");
}

}  // namespace

std::optional<std::string> RequestContext::cookie(const std::string& name) const {
  const auto it = cookies.find(name);
  if (it == cookies.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> RequestContext::header(std::string_view name) const {
  const auto it = request.find(name);
  if (it == request.end()) return std::nullopt;
  return std::string(it->value());
}

Result<nlohmann::json> RequestContext::json_body() const {
  const auto content_type = header("Content-Type");
  if (!content_type || !is_json_media_type(*content_type)) {
    return Error::make(ErrorKind::unsupported_media_type, "http.unsupported_media_type",
                       "The request body must be JSON (Content-Type: application/json).");
  }
  bool too_deep = false;
  const nlohmann::json::parser_callback_t depth_guard =
      [&too_deep](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
        if (depth > kMaxJsonDepth) too_deep = true;
        return !too_deep;
      };
  auto body = nlohmann::json::parse(request.body(), depth_guard, false);
  if (too_deep || body.is_discarded() || !body.is_object()) {
    return Error::make(ErrorKind::invalid_input, "http.malformed_json",
                       "The request body is not a valid JSON object.");
  }
  return body;
}

}  // namespace simreg::http

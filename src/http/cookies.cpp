#include "http/cookies.hpp"

#include <string_view>

namespace simreg::http {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::map<std::string, std::string> parse_cookies(const Request& request) {
  std::map<std::string, std::string> cookies;
  for (auto it = request.find(bhttp::field::cookie);
       it != request.end() && it->name() == bhttp::field::cookie; ++it) {
    std::string_view header = it->value();
    while (!header.empty()) {
      const auto semicolon = header.find(';');
      const std::string_view pair = header.substr(0, semicolon);
      header =
          semicolon == std::string_view::npos ? std::string_view{} : header.substr(semicolon + 1);
      const auto eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      const std::string_view name = trim(pair.substr(0, eq));
      std::string_view value = trim(pair.substr(eq + 1));
      if (name.empty()) continue;
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
      cookies.emplace(std::string(name), std::string(value));
    }
  }
  return cookies;
}

}  // namespace simreg::http

#include "http/router.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "http/target.hpp"

namespace simreg::http {
namespace {

bool is_param_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool is_literal(std::string_view text) {
  return !text.empty() && std::none_of(text.begin(), text.end(), [](char c) {
    return c == '{' || c == '}' || c == '?' || c == '#' || c == '%' || c == ' ' ||
           static_cast<unsigned char>(c) < 0x20;
  });
}

[[noreturn]] void reject(const std::string& pattern, const std::string& why) {
  throw std::invalid_argument("route " + pattern + ": " + why);
}

}  // namespace

void Router::add(RouteSpec spec) {
  const std::string& pattern = spec.pattern;
  if (pattern.empty() || pattern.front() != '/') reject(pattern, "pattern must start with '/'");
  if (spec.method == bhttp::verb::unknown) reject(pattern, "unknown method");
  if (!spec.handler) reject(pattern, "empty handler");
  if (spec.access == Access::staff && spec.roles.empty())
    reject(pattern, "staff route without roles");
  if (spec.access != Access::staff && !spec.roles.empty())
    reject(pattern, "roles on a non-staff route");
  if (spec.execution == Execution::inline_on_io_thread && spec.access != Access::anyone) {
    reject(pattern,
           "inline routes cannot require a principal (sessions resolve on the worker pool)");
  }

  Entry entry;
  std::set<std::string> names;
  std::string_view rest = std::string_view(pattern).substr(1);
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const std::string_view text = rest.substr(0, slash);
    Segment segment;
    if (text.size() >= 2 && text.front() == '{' && text.back() == '}') {
      segment.is_param = true;
      segment.text = std::string(text.substr(1, text.size() - 2));
      if (!is_param_name(segment.text)) reject(pattern, "bad parameter name");
      if (!names.insert(segment.text).second) reject(pattern, "duplicate parameter name");
    } else {
      if (!is_literal(text)) reject(pattern, "bad literal segment");
      segment.text = std::string(text);
    }
    entry.segments.push_back(std::move(segment));
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
    if (rest.empty()) reject(pattern, "trailing '/'");
  }

  for (const auto& existing : entries_) {
    if (existing.spec.method != spec.method || existing.segments.size() != entry.segments.size())
      continue;
    const bool same_shape =
        std::equal(existing.segments.begin(), existing.segments.end(), entry.segments.begin(),
                   [](const Segment& a, const Segment& b) {
                     return a.is_param == b.is_param && (a.is_param || a.text == b.text);
                   });
    if (same_shape) reject(pattern, "duplicate of " + existing.spec.pattern);
  }
  entry.spec = std::move(spec);
  entries_.push_back(std::move(entry));
}

bool Router::matches(const Entry& entry, const std::vector<std::string>& segments) {
  if (entry.segments.size() != segments.size()) return false;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& want = entry.segments[i];
    if (want.is_param ? segments[i].empty() : want.text != segments[i]) return false;
  }
  return true;
}

bool Router::more_specific(const Entry& a, const Entry& b) {
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    if (a.segments[i].is_param != b.segments[i].is_param) return !a.segments[i].is_param;
  }
  return false;
}

RouteMatch Router::match(bhttp::verb method, const std::vector<std::string>& segments) const {
  const Entry* exact = nullptr;
  const Entry* get_for_head = nullptr;
  bool path_known = false;
  for (const auto& entry : entries_) {
    if (!matches(entry, segments)) continue;
    path_known = true;
    if (entry.spec.method == method && (!exact || more_specific(entry, *exact))) exact = &entry;
    if (method == bhttp::verb::head && entry.spec.method == bhttp::verb::get &&
        (!get_for_head || more_specific(entry, *get_for_head))) {
      get_for_head = &entry;
    }
  }
  RouteMatch result;
  const Entry* chosen = exact ? exact : get_for_head;
  if (chosen) {
    result.outcome = RouteMatch::Outcome::matched;
    result.route = &chosen->spec;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (chosen->segments[i].is_param) result.params[chosen->segments[i].text] = segments[i];
    }
    return result;
  }
  if (path_known) {
    // Only a 405 needs the Allow list, so it is collected here rather than on every match.
    std::set<std::string> allowed;
    for (const auto& entry : entries_) {
      if (!matches(entry, segments)) continue;
      allowed.insert(std::string(bhttp::to_string(entry.spec.method)));
      if (entry.spec.method == bhttp::verb::get) allowed.insert("HEAD");
    }
    result.outcome = RouteMatch::Outcome::method_not_allowed;
    for (const auto& name : allowed) {
      if (!result.allow.empty()) result.allow += ", ";
      result.allow += name;
    }
  }
  return result;
}

RouteMatch Router::match(bhttp::verb method, std::string_view path) const {
  const auto target = parse_target(path);
  if (!target) return {};
  return match(method, target->segments);
}

}  // namespace simreg::http

// Router: the table of RouteSpecs, validated once at startup, matched per request.
// Patterns are "/"-separated literal segments and "{name}" segments; a literal beats a parameter
// at the first position where two matching patterns differ. add() is for startup only (not
// thread-safe); match() is const and safe from any thread once routes are added.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/route.hpp"

namespace simreg::http {

struct RouteMatch {
  enum class Outcome { matched, method_not_allowed, not_found };
  Outcome outcome = Outcome::not_found;
  const RouteSpec* route = nullptr;           // set when matched; stable for the Router's lifetime
  std::map<std::string, std::string> params;  // "{name}" → decoded segment
  std::string allow;                          // for method_not_allowed, e.g. "GET, HEAD, POST"
};

class Router {
 public:
  // Throws std::invalid_argument for a bad spec: malformed pattern, empty handler, staff route
  // without roles, roles on a non-staff route, an inline route that needs a principal (sessions
  // are resolved on the worker pool), or a duplicate (same method and same pattern shape).
  void add(RouteSpec spec);

  // HEAD falls back to the GET route of the same path.
  RouteMatch match(bhttp::verb method, const std::vector<std::string>& segments) const;
  // Convenience for tests and tools: splits and decodes `path` (no query) first.
  RouteMatch match(bhttp::verb method, std::string_view path) const;

  std::size_t size() const { return entries_.size(); }

 private:
  struct Segment {
    bool is_param = false;
    std::string text;  // literal text or parameter name
  };
  struct Entry {
    RouteSpec spec;
    std::vector<Segment> segments;
  };

  static bool matches(const Entry& entry, const std::vector<std::string>& segments);
  static bool more_specific(const Entry& a, const Entry& b);

  std::deque<Entry> entries_;  // a deque keeps RouteSpec addresses stable as routes are added
};

}  // namespace simreg::http

// Parsing a request target ("/api/v1/things/a%20b?x=1&y=2") into percent-decoded path segments and
// query parameters. Rejects what a well-behaved client never sends (non-origin-form targets, bad
// escapes, NUL bytes, "." or ".." segments) so nothing downstream has to think about it. Pure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace simreg::http {

struct Target {
  std::string path;                   // raw path, still percent-encoded, without the query
  std::vector<std::string> segments;  // decoded; "/" has none, "/a/" has {"a", ""}
  std::map<std::string, std::string>
      query;  // decoded ('+' is a space); the first of duplicates wins
};

// std::nullopt for a target the server answers with 400.
std::optional<Target> parse_target(std::string_view target);

// Decodes %XX escapes (and '+' as space when plus_is_space); std::nullopt on a bad escape or NUL.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace simreg::http

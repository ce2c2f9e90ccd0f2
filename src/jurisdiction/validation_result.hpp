// ValidationResult: what every number validator returns: a verdict, stable reason codes shared with
// the API and the CLI (e.g. "id.check_digit"; listed in README.md), and the values it parsed.
// A plain value; thread-compatible.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace simreg::jurisdiction {

struct ValidationResult {
  bool valid = true;
  std::vector<std::string> errors;  // stable codes, each at most once, in finding order
  nlohmann::json fields =
      nlohmann::json::object();  // parsed values (shape documented per validator)

  // Records a reason (once) and marks the result invalid.
  void fail(const std::string& code);
  bool has_error(const std::string& code) const;

  // {"valid": ..., "errors": [...], "fields": {...}} in that order (the `simreg check` output).
  nlohmann::ordered_json to_json() const;
};

}  // namespace simreg::jurisdiction

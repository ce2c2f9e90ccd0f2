#include "jurisdiction/validation_result.hpp"

#include <algorithm>

namespace simreg::jurisdiction {

void ValidationResult::fail(const std::string& code) {
  valid = false;
  if (!has_error(code)) errors.push_back(code);
}

bool ValidationResult::has_error(const std::string& code) const {
  return std::find(errors.begin(), errors.end(), code) != errors.end();
}

nlohmann::ordered_json ValidationResult::to_json() const {
  nlohmann::ordered_json out;
  out["valid"] = valid;
  out["errors"] = errors;
  out["fields"] = nlohmann::ordered_json(fields);
  return out;
}

}  // namespace simreg::jurisdiction

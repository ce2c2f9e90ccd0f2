// QualityReport: the verdict on one uploaded picture — accepted, the stable reason codes (contract
// "Image quality reason codes", in a fixed order) and the measured values behind them. Value type.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace simreg::imaging {

struct QualityReport {
  bool accepted = false;
  std::vector<std::string> reasons;  // e.g. "image.blurred"; empty exactly when accepted
  nlohmann::json measurements = nlohmann::json::object();
};

}  // namespace simreg::imaging

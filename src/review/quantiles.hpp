// Quantiles of a sample (time to decision): linear interpolation between the closest ranks, so
// the median of {1, 2, 3, 4} is 2.5. Pure; thread-safe.
#pragma once

#include <optional>
#include <vector>

namespace simreg::review {

// `q` in [0, 1]; nullopt for an empty sample. `values` need not be sorted.
std::optional<double> quantile(std::vector<double> values, double q);

}  // namespace simreg::review

// The UI languages simreg speaks. Pure; thread-safe.
#pragma once

#include <string_view>

namespace simreg::accounts {

inline bool is_supported_locale(std::string_view locale) { return locale == "en" || locale == "zh-CN"; }

}  // namespace simreg::accounts

// What each image reason code means to a person (message) and what to do about it (hint), in the
// UI languages (en, zh-CN; anything else falls back to en), and the report as JSON for the API and
// the CLI. Texts never include measured values or anything from the upload. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "imaging/quality_report.hpp"

namespace simreg::imaging {

struct ReasonText {
  std::string message;
  std::string hint;
};

// Every hard-failure and quality code of the contract; nullopt for an unknown code.
std::optional<ReasonText> reason_text(std::string_view code, std::string_view locale);

// {"code", "message", "hint"}; an unknown code gets a generic message so a caller never breaks.
nlohmann::json reason_json(std::string_view code, std::string_view locale);

// {"accepted", "reasons": [{"code", "message", "hint"}], "measurements": {...}}
nlohmann::json report_json(const QualityReport& report, std::string_view locale);

}  // namespace simreg::imaging

// The one catalogue of reason codes shared by upload checks, review decisions and the messages a
// subscriber reads: each code's severity (fixable → request_resubmission, final → reject), its
// category and its text (what is wrong, what to do) in en and zh-CN. Pure constant data; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace simreg::reasons {

enum class Severity { fixable, final };

struct ReasonText {
  std::string message;
  std::string hint;  // what the person should do
};

struct Reason {
  std::string code;
  Severity severity;
  std::string category;  // image | document | data | identity | sims
};

std::string_view severity_name(Severity severity);

// Every code, in catalogue order (image codes first).
const std::vector<Reason>& all_reasons();
// nullptr for an unknown code.
const Reason* find_reason(std::string_view code);
// Locale "en" or "zh-CN"; anything else falls back to "en". An unknown code gets a generic text.
ReasonText reason_text(std::string_view code, std::string_view locale);
// {"code", "severity", "message", "hint"}
nlohmann::json reason_json(std::string_view code, std::string_view locale);

}  // namespace simreg::reasons

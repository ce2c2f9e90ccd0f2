// Message templates (en and zh-CN) and their rendering. A template declares the parameters it
// takes; rendering rejects missing and undeclared ones, so nothing but the codes a template asks
// for (never other personal data) can reach a message. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace simreg::notify {

struct RenderedMessage {
  std::string locale;  // the locale actually used after fallback
  std::string subject;
  std::string body;
};

// Locale fallback: an exact "en" / "zh-CN" match, else "en". {{name}} placeholders are replaced
// by params[name] (a string or an integer). Errors: "notify.unknown_template",
// "notify.template_params" (missing, undeclared or malformed parameter); both are programming
// errors (ErrorKind::internal).
Result<RenderedMessage> render_template(std::string_view template_id, std::string_view locale,
                                        const nlohmann::json& params);

// Every template id, for tests and documentation.
std::vector<std::string> template_ids();

// Templates whose message is still worth sending after an outage: every one except those carrying a
// one-time code (a code has expired by then; the person asks for a new one).
std::vector<std::string> resendable_template_ids();

}  // namespace simreg::notify

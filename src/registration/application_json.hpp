// JSON views of applications for their owner (the subscriber API): the full application, and the
// short summary used in lists. Times are ISO-8601 UTC. Pure; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "registration/application.hpp"
#include "sims/sim_line.hpp"

namespace simreg::registration {

// `lines`: the application's lines as the sims feature shows them; `required` and `missing` come
// from RegistrationService (they depend on the jurisdiction profile). Decision reasons carry their
// text in `locale` ("en" | "zh-CN", else en): {code, severity, message, hint}.
nlohmann::json application_json(const Application& application, const std::vector<sims::Line>& lines,
                                const std::vector<std::string>& required, const std::vector<std::string>& missing,
                                std::string_view locale = "en");

// One decision for its subscriber: {"outcome", "reasons": [{code, severity, message, hint}], "note",
// "decided_at"}.
nlohmann::json decision_json(const Decision& decision, std::string_view locale);

nlohmann::json application_summary_json(const Application& application);

}  // namespace simreg::registration

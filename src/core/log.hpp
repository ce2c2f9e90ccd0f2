// Structured logging: every log line is one JSON object on stderr
// {"ts":..., "level":..., "event":..., ...fields}. Callers pass ids, codes and counts only: never
// personal data, tokens, cookies or request bodies. Thread-safe (spdlog's stderr sink is locked).
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace simreg::log {

// Sets up the process-wide logger: JSON lines to stderr at `level` ("debug", "info", "warn", "error").
void configure(std::string_view level);

void event(spdlog::level::level_enum level, std::string_view event, nlohmann::json fields = nlohmann::json::object());

inline void info(std::string_view name, nlohmann::json fields = nlohmann::json::object()) {
  event(spdlog::level::info, name, std::move(fields));
}
inline void warn(std::string_view name, nlohmann::json fields = nlohmann::json::object()) {
  event(spdlog::level::warn, name, std::move(fields));
}
inline void error(std::string_view name, nlohmann::json fields = nlohmann::json::object()) {
  event(spdlog::level::err, name, std::move(fields));
}
inline void debug(std::string_view name, nlohmann::json fields = nlohmann::json::object()) {
  event(spdlog::level::debug, name, std::move(fields));
}

}  // namespace simreg::log

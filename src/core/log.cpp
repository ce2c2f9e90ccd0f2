#include "core/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>

#include "core/clock.hpp"

namespace simreg::log {

void configure(std::string_view level) {
  auto logger = spdlog::stderr_logger_mt("simreg");
  logger->set_pattern("%v");
  logger->set_level(spdlog::level::from_str(std::string(level)));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

void event(spdlog::level::level_enum level, std::string_view name, nlohmann::json fields) {
  if (!spdlog::should_log(level)) return;
  nlohmann::json line = nlohmann::json::object();
  line["ts"] = format_utc_ms(SystemClock().now_ms());
  const auto level_name = spdlog::level::to_string_view(level);
  line["level"] = std::string(level_name.data(), level_name.size());
  line["event"] = name;
  if (fields.is_object()) {
    for (auto& [key, value] : fields.items()) line[key] = std::move(value);
  }
  spdlog::log(level, "{}", line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace simreg::log

#include "staff/staff_json.hpp"

#include "core/clock.hpp"

namespace simreg::staff {
namespace {

nlohmann::json optional_text(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json staff_json(const StaffView& view) {
  return {{"id", view.id},
          {"email", view.email},
          {"roles", view.roles},
          {"status", view.status},
          {"store_id", optional_text(view.store_id)},
          {"created_at", format_utc_ms(view.created_at_ms)},
          {"last_login_at", view.last_login_at_ms ? nlohmann::json(format_utc_ms(*view.last_login_at_ms))
                                                  : nlohmann::json(nullptr)}};
}

nlohmann::json staff_me_json(const StaffView& view) {
  return {{"kind", "staff"},
          {"id", view.id},
          {"email", view.email},
          {"roles", view.roles},
          {"store_id", optional_text(view.store_id)},
          {"locale", view.locale},
          {"created_at", format_utc_ms(view.created_at_ms)}};
}

}  // namespace simreg::staff

#include "sims/line_json.hpp"

#include "core/clock.hpp"

namespace simreg::sims {

nlohmann::json line_json(const Line& line) {
  // The full ICCID identifies the physical card; the holder needs only enough to recognize it.
  const std::string last4 =
      line.iccid.size() >= 4 ? line.iccid.substr(line.iccid.size() - 4) : line.iccid;
  return {{"id", line.id},
          {"msisdn", line.msisdn},
          {"iccid_last4", last4},
          {"status", line.status},
          {"activated_at", format_utc_ms(line.activated_at_ms)},
          {"registration_deadline", format_utc_ms(line.registration_deadline_ms)},
          {"linked_at", line.linked_at_ms ? nlohmann::json(format_utc_ms(*line.linked_at_ms))
                                          : nlohmann::json()},
          {"application_id",
           line.application_id ? nlohmann::json(*line.application_id) : nlohmann::json()}};
}

}  // namespace simreg::sims

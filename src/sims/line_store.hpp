// Every SQL statement on sim_lines and sim_status_history, on the caller's Session (so it joins
// the caller's transaction). Rows come back as Lines with the MSISDN opened; msisdn_index is the
// blind index of the E.164 form. Stateless beyond its references; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "crypto/blind_index.hpp"
#include "crypto/field_sealer.hpp"
#include "db/database.hpp"
#include "sims/sim_line.hpp"

namespace simreg::sims {

inline constexpr std::string_view kLinesTable = "sim_lines";
inline constexpr std::string_view kMsisdnColumn = "msisdn";  // sealing context of msisdn_sealed
inline constexpr std::string_view kImsiColumn = "imsi";      // sealing context of imsi_sealed
inline constexpr std::string_view kMsisdnIndexPurpose = "sim_lines.msisdn";

class LineStore {
 public:
  LineStore(const crypto::FieldSealer& sealer, const crypto::BlindIndexer& indexer);

  // The blind index of an E.164 number, as stored in msisdn_index.
  std::string msisdn_index(std::string_view e164) const;

  // `lock`: the rows stay locked until the transaction ends (FOR UPDATE on PostgreSQL; SQLite's
  // write transaction already excludes other writers).
  Result<std::optional<Line>> find_by_msisdn(db::Session& session, std::string_view e164,
                                             bool lock) const;
  // Lines with these ids that exist, in no particular order.
  Result<std::vector<Line>> find_by_ids(db::Session& session, const std::vector<std::string>& ids,
                                        bool lock) const;
  // Oldest link first.
  Result<std::vector<Line>> linked_to(db::Session& session, const std::string& subscriber_id) const;

  // Links the line to the subscriber now; a line changing hands loses the previous holder's
  // application and document index.
  Result<void> link(db::Session& tx, const std::string& line_id, const std::string& subscriber_id,
                    bool clear_registration, std::int64_t now_ms) const;

  struct StatusChange {
    std::string line_id;
    std::string from_status;
    std::string to_status;
    std::string actor_kind;  // subscriber | staff | system
    std::string actor_id;
    std::string reason;
    std::optional<std::string> holder_index;    // replaces the stored one when set
    std::optional<std::string> application_id;  // replaces the stored one when set
  };
  // Writes the new status (and the optional holder / application) and its history row.
  Result<void> change_status(db::Session& tx, const StatusChange& change,
                             std::int64_t now_ms) const;

  Result<bool> table_empty(db::Session& session) const;

  // Registered lines whose holder has this document blind index: all of them, and those linked to
  // an account other than `subscriber_id` (or to none).
  struct HolderLineCounts {
    int registered = 0;
    int registered_to_others = 0;
  };
  Result<HolderLineCounts> registered_lines_of_holder(db::Session& session, const std::string& holder_index,
                                                      const std::string& subscriber_id) const;

 private:
  Result<Line> open_row(const db::Row& row) const;

  const crypto::FieldSealer& sealer_;
  const crypto::BlindIndexer& indexer_;
};

}  // namespace simreg::sims

// Bulk import of SIM inventory (sim_csv.hpp's format): every row validated and checked for
// duplicates in the file and the table, problems reported per line with stable codes (never
// values), all or nothing in one transaction unless skip_invalid. Parallel parse / validate / seal
// feeding one writer. Blocking; concurrent calls are independent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/blind_index.hpp"
#include "crypto/field_sealer.hpp"
#include "db/database.hpp"

namespace simreg::sims {

struct ImportEnvironment {
  db::Database& db;
  const crypto::FieldSealer& sealer;
  const crypto::BlindIndexer& indexer;
  const Clock& clock;
  std::string region;  // the profile's country (ISO alpha-2, "CN"): every MSISDN must be of it
  int restriction_days =
      0;  // the profile's unregistered_restriction_days: deadline = activation + days
};

struct ImportOptions {
  bool skip_invalid = false;             // store the good rows even when some are bad
  int threads = 0;                       // preparing threads; 0: one per core
  std::size_t progress_every = 100'000;  // rows between progress calls
  // Called on the importing thread as rows are written (done, total); may be empty.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct RowProblem {
  std::size_t line = 0;  // 1-based line of the file
  std::string field;     // msisdn | iccid | imsi | activated_at | row
  std::string code;      // e.g. msisdn.invalid, iccid.check_digit, msisdn.duplicate, iccid.exists
  std::size_t first_line = 0;  // *.duplicate: the line that has this value first; else 0
};

struct ImportReport {
  std::size_t rows_read = 0;  // data rows (blank lines and the header are not rows)
  std::size_t imported = 0;   // rows stored
  std::size_t skipped = 0;    // rows with at least one problem
  std::size_t duplicates =
      0;  // of those, rows whose MSISDN or ICCID came earlier or is stocked already
  std::vector<RowProblem> problems;  // in line order
  double seconds = 0;                // wall time, reading included
  bool stored = false;               // false: problems and no skip_invalid, so nothing was stored
};

// Row problem codes beyond the shared validation codes (contract3.md).
inline constexpr std::string_view kRowFormat = "row.format";    // broken quoting, overlong line
inline constexpr std::string_view kRowColumns = "row.columns";  // too few or too many fields
inline constexpr std::string_view kImsiFormat = "imsi.format";  // not 6-15 digits
inline constexpr std::string_view kMsisdnDuplicate = "msisdn.duplicate";
inline constexpr std::string_view kIccidDuplicate = "iccid.duplicate";
inline constexpr std::string_view kMsisdnExists = "msisdn.exists";
inline constexpr std::string_view kIccidExists = "iccid.exists";

// Errors (the report then says nothing): sims.import_header (invalid_input), sims.unknown_region,
// storage errors (a concurrent import of the same numbers: db.unique_violation).
Result<ImportReport> import_sims(const ImportEnvironment& env, std::string_view csv,
                                 const ImportOptions& options);

// The same from a file; sims.import_unreadable (invalid_input) when it cannot be read.
Result<ImportReport> import_sims_file(const ImportEnvironment& env, const std::string& path,
                                      const ImportOptions& options);

}  // namespace simreg::sims

#include "sims/sim_import.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <optional>
#include <thread>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "jurisdiction/iccid.hpp"
#include "jurisdiction/phone_number.hpp"
#include "sims/line_ids.hpp"
#include "sims/line_store.hpp"
#include "sims/ordered_pipeline.hpp"
#include "sims/sim_csv.hpp"

namespace simreg::sims {
namespace {

constexpr std::size_t kChunkRows = 2048;
constexpr std::size_t kChunksAheadPerWorker = 4;
// Rows per INSERT: few enough statements that SQLite's per-statement work fades, small enough
// that PostgreSQL's parameter limit (65535) and SQLite's (32766) are far away.
constexpr std::size_t kInsertRows = 100;
constexpr std::size_t kLookupRows = 500;  // values per IN (...) when checking against the table
constexpr std::size_t kMaxLineLength = 4096;
constexpr std::int64_t kMsPerDay = 86'400'000;
constexpr std::string_view kRejected = "sims.import_rejected";

// 128 bits identifying a value exactly: an MSISDN by its (hex) blind index, an ICCID by its digits.
struct ValueKey {
  std::uint64_t high = 0;
  std::uint64_t low = 0;
  bool operator==(const ValueKey&) const = default;
};

std::uint64_t mix(const ValueKey& key) {
  std::uint64_t x = key.high ^ (key.low * 0x9E3779B97F4A7C15ULL);
  x ^= x >> 31;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 29;
  return x;
}

// ValueKey → the first line that had it. Open addressing with linear probing in one array: a
// million std::unordered_map nodes cost the writer more than SQLite's own work. Line 0 marks an
// empty slot (lines start at 1).
class FirstLines {
 public:
  explicit FirstLines(std::size_t expected) { resize(std::max<std::size_t>(64, expected * 2)); }

  // The line stored for `key`, or 0.
  std::uint32_t find(const ValueKey& key) const {
    for (std::size_t i = mix(key) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].line == 0) return 0;
      if (slots_[i].key == key) return slots_[i].line;
    }
  }

  // `key` must not be stored yet.
  void insert(const ValueKey& key, std::uint32_t line) {
    if ((size_ + 1) * 2 > slots_.size()) resize(slots_.size() * 2);
    std::size_t i = mix(key) & mask_;
    while (slots_[i].line != 0) i = (i + 1) & mask_;
    slots_[i] = {key, line};
    ++size_;
  }

 private:
  struct Slot {
    ValueKey key;
    std::uint32_t line = 0;
  };

  void resize(std::size_t minimum) {
    std::size_t capacity = 64;
    while (capacity < minimum) capacity *= 2;
    std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(capacity));
    mask_ = capacity - 1;
    size_ = 0;
    for (const auto& slot : old) {
      if (slot.line != 0) insert(slot.key, slot.line);
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

ValueKey hex_key(std::string_view hex) {
  ValueKey key;
  for (std::size_t i = 0; i < hex.size() && i < 32; ++i) {
    const char c = hex[i];
    const std::uint64_t nibble =
        c <= '9' ? static_cast<std::uint64_t>(c - '0') : static_cast<std::uint64_t>(c - 'a' + 10);
    std::uint64_t& half = i < 16 ? key.high : key.low;
    half = (half << 4) | nibble;
  }
  return key;
}

// 19-20 digits: the first 18 fit 64 bits; the rest, with the length, the other half.
ValueKey digits_key(std::string_view digits) {
  ValueKey key;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    std::uint64_t& half = i < 18 ? key.high : key.low;
    half = half * 10 + static_cast<std::uint64_t>(digits[i] - '0');
  }
  key.low |= static_cast<std::uint64_t>(digits.size()) << 56;
  return key;
}

struct Record {
  std::size_t offset = 0;
  std::uint32_t length = 0;
  std::uint32_t line = 0;
};

struct PreparedRow {
  std::uint32_t line = 0;
  bool ok = false;
  ValueKey msisdn_key;  // for duplicate checks, computed off the writer's thread
  ValueKey iccid_key;
  std::string id;
  std::string msisdn_index;
  std::string msisdn_sealed;
  std::string iccid;
  std::optional<std::string> imsi_sealed;
  std::int64_t activated_at_ms = 0;
  std::int64_t deadline_ms = 0;
};

struct PreparedChunk {
  std::vector<PreparedRow> rows;
  std::vector<RowProblem> problems;
};

// Everything a preparing thread reads; fixed for the whole import.
struct Plan {
  std::string_view text;
  std::vector<Record> records;  // data rows only
  CsvLayout layout;
  LineIdSequence ids;
  std::int64_t now_ms;
  std::int64_t restriction_ms;
};

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
}

std::string_view field_at(const std::vector<std::string_view>& fields, int index) {
  return index >= 0 && static_cast<std::size_t>(index) < fields.size()
             ? trim_field(fields[static_cast<std::size_t>(index)])
             : std::string_view();
}

// One preparing thread's reusable state.
struct Worker {
  std::vector<std::string_view> fields;
  std::string scratch;
  std::string last_time_text;
  ParsedTime last_time;
};

class ChunkPreparer {
 public:
  ChunkPreparer(const Plan& plan, const ImportEnvironment& env, const LineStore& store)
      : plan_(plan), env_(env), store_(store) {}

  PreparedChunk prepare(std::size_t chunk, Worker& worker) const {
    PreparedChunk out;
    const std::size_t begin = chunk * kChunkRows;
    const std::size_t end = std::min(plan_.records.size(), begin + kChunkRows);
    out.rows.resize(end - begin);
    for (std::size_t i = begin; i < end; ++i)
      prepare_row(i, worker, out.rows[i - begin], out.problems);
    return out;
  }

 private:
  void prepare_row(std::size_t ordinal, Worker& worker, PreparedRow& row,
                   std::vector<RowProblem>& problems) const {
    const Record& record = plan_.records[ordinal];
    row.line = record.line;
    const std::size_t problems_before = problems.size();
    const auto problem = [&](std::string_view field, std::string_view code) {
      problems.push_back({record.line, std::string(field), std::string(code), 0});
    };
    const std::string_view text = plan_.text.substr(record.offset, record.length);
    if (text.size() > kMaxLineLength || !split_csv_record(text, worker.fields, worker.scratch)) {
      problem("row", kRowFormat);
      return;
    }
    const auto& layout = plan_.layout;
    if (worker.fields.size() < layout.min_fields || worker.fields.size() > layout.max_fields) {
      problem("row", kRowColumns);
      return;
    }

    std::string e164;
    const std::string_view msisdn = field_at(worker.fields, layout.msisdn);
    if (msisdn.empty()) {
      problem("msisdn", "field.required");
    } else if (auto normalized = jurisdiction::normalize_msisdn(msisdn, env_.region)) {
      e164 = std::move(*normalized);
    } else {
      // Rejections are rare and must name the right reason: the full check decides them.
      const auto checked = jurisdiction::check_msisdn(msisdn, env_.region);
      problem("msisdn", checked.errors.empty() ? std::string_view("msisdn.invalid")
                                               : std::string_view(checked.errors.front()));
    }

    const std::string_view iccid = field_at(worker.fields, layout.iccid);
    if (iccid.empty()) {
      problem("iccid", "field.required");
    } else if (!jurisdiction::iccid_is_valid(iccid)) {
      const bool shaped = all_digits(iccid) && (iccid.size() == 19 || iccid.size() == 20) &&
                          iccid.starts_with("89");
      problem("iccid", shaped ? "iccid.check_digit" : "iccid.format");
    }

    const std::string_view imsi = field_at(worker.fields, layout.imsi);
    if (!imsi.empty() && (!all_digits(imsi) || imsi.size() < 6 || imsi.size() > 15))
      problem("imsi", kImsiFormat);

    row.activated_at_ms = plan_.now_ms;
    if (const std::string_view activated = field_at(worker.fields, layout.activated_at);
        !activated.empty()) {
      // Inventory files list many rows per day: parse each distinct text once.
      if (activated != worker.last_time_text) {
        worker.last_time_text.assign(activated);
        worker.last_time = parse_activation_time(activated);
      }
      if (!worker.last_time.error.empty()) {
        problem("activated_at", worker.last_time.error);
      } else {
        row.activated_at_ms = worker.last_time.unix_ms;
      }
    }
    if (problems.size() != problems_before) return;

    row.ok = true;
    row.id = plan_.ids.at(ordinal);
    row.msisdn_index = store_.msisdn_index(e164);
    row.msisdn_key = hex_key(row.msisdn_index);
    row.iccid_key = digits_key(iccid);
    row.msisdn_sealed = env_.sealer.seal(e164, {kLinesTable, kMsisdnColumn, row.id});
    row.iccid.assign(iccid);
    if (!imsi.empty()) row.imsi_sealed = env_.sealer.seal(imsi, {kLinesTable, kImsiColumn, row.id});
    row.deadline_ms = row.activated_at_ms + plan_.restriction_ms;
  }

  const Plan& plan_;
  const ImportEnvironment& env_;
  const LineStore& store_;
};

std::string insert_sql(db::Dialect dialect, std::size_t rows) {
  // OR FAIL (SQLite only) stops at a violated constraint without undoing the statement's earlier
  // rows, so SQLite needs no statement journal for a multi-row INSERT (with ABORT it copies every
  // page it touches there first). The transaction is rolled back on any error anyway.
  std::string sql = dialect == db::Dialect::sqlite ? "INSERT OR FAIL" : "INSERT";
  // $1 is the shared creation time; each row then takes 7 parameters.
  sql +=
      " INTO sim_lines (id, msisdn_index, msisdn_sealed, iccid, imsi_sealed, status, activated_at, "
      "registration_deadline, created_at, updated_at) VALUES ";
  for (std::size_t r = 0; r < rows; ++r) {
    const std::size_t p = 2 + r * 7;
    sql += fmt::format("{}(${}, ${}, ${}, ${}, ${}, 'unregistered', ${}, ${}, $1, $1)",
                       r == 0 ? "" : ", ", p, p + 1, p + 2, p + 3, p + 4, p + 5, p + 6);
  }
  return sql;
}

std::string lookup_sql(std::string_view column, std::size_t values) {
  std::string sql = fmt::format("SELECT {} FROM sim_lines WHERE {} IN (", column, column);
  for (std::size_t i = 0; i < values; ++i) sql += fmt::format("{}${}", i == 0 ? "" : ", ", i + 1);
  return sql + ")";
}

// SQLite's page cache for the import's connection, put back before the transaction ends: big
// enough to hold the indexes being filled, which otherwise spill to the WAL again and again.
class SqliteTuning {
 public:
  static Result<SqliteTuning> apply(db::Session& tx, std::size_t rows) {
    SqliteTuning tuning;
    if (tx.dialect() != db::Dialect::sqlite) return tuning;
    SIMREG_TRY_ASSIGN(auto cache, tx.execute("PRAGMA cache_size"));
    tuning.cache_size_ = cache.empty() ? -2000 : cache.first().integer(0);
    tuning.active_ = true;
    // About 0.5 KiB per row covers rows and index entries; 64 MiB at least, 2 GiB at most (negative
    // cache_size means KiB). Memory is only taken as pages are used.
    const std::int64_t kib =
        std::clamp<std::int64_t>(static_cast<std::int64_t>(rows / 2), 64 * 1024, 2 * 1024 * 1024);
    SIMREG_TRY(tx.execute_script(fmt::format("PRAGMA cache_size = -{}", kib)));
    return tuning;
  }

  Result<void> restore(db::Session& tx) const {
    if (!active_) return success();
    return tx.execute_script(fmt::format("PRAGMA cache_size = {}", cache_size_));
  }

 private:
  bool active_ = false;
  std::int64_t cache_size_ = 0;
};

// A big load into an empty table (the initial stocking) is far cheaper with the secondary indexes
// built once at the end, from sorted keys, than maintained row by row (random blind-index keys
// touch a different page per row). SQLite only: its DDL is transactional and its write lock is
// held anyway; readers keep their snapshot. The indexes are recreated from the very SQL that
// sqlite_master recorded for them, so the migration stays their only definition. Uniqueness is
// still enforced: CREATE UNIQUE INDEX fails on a duplicate (and the file was checked already).
// Partial indexes stay: they cover columns an import leaves NULL, so rows add nothing to them,
// and rebuilding one would scan the whole table for nothing.
class DeferredIndexes {
 public:
  static constexpr std::size_t kMinRows = 20'000;

  static Result<DeferredIndexes> drop_if_worthwhile(db::Session& tx, bool table_empty,
                                                    std::size_t rows) {
    DeferredIndexes deferred;
    if (tx.dialect() != db::Dialect::sqlite || !table_empty || rows < kMinRows) return deferred;
    SIMREG_TRY_ASSIGN(auto indexes,
                      tx.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                                 "tbl_name = 'sim_lines' AND sql IS NOT NULL AND sql NOT LIKE "
                                 "'% WHERE %' ORDER BY name"));
    for (const auto& row : indexes.rows) {
      SIMREG_TRY(tx.execute_script("DROP INDEX \"" + row.text(0) + "\""));
      deferred.definitions_.push_back(row.text(1));
    }
    return deferred;
  }

  Result<void> rebuild(db::Session& tx) const {
    for (const auto& sql : definitions_) SIMREG_TRY(tx.execute_script(sql));
    return success();
  }

 private:
  std::vector<std::string> definitions_;
};

// The single writer: duplicates, then batched INSERTs, in file order.
class Writer {
 public:
  Writer(db::Session& tx, const ImportOptions& options, std::int64_t now_ms, bool check_table,
         std::size_t rows)
      : tx_(tx),
        options_(options),
        now_ms_(now_ms),
        check_table_(check_table),
        msisdns_(rows),
        iccids_(rows) {
    params_.reserve(1 + kInsertRows * 7);
  }

  Result<void> take(PreparedChunk chunk, ImportReport& report) {
    for (auto& row : chunk.rows) {
      ++report.rows_read;
      if (!row.ok) {
        ++report.skipped;
        continue;
      }
      // First occurrence wins; both columns are checked so every problem is reported at once.
      // A row with an invalid field is no first occurrence: its values make no later duplicates.
      const std::uint32_t msisdn_first = msisdns_.find(row.msisdn_key);
      const std::uint32_t iccid_first = iccids_.find(row.iccid_key);
      if (msisdn_first != 0)
        chunk.problems.push_back({row.line, "msisdn", std::string(kMsisdnDuplicate), msisdn_first});
      if (iccid_first != 0)
        chunk.problems.push_back({row.line, "iccid", std::string(kIccidDuplicate), iccid_first});
      if (msisdn_first != 0 || iccid_first != 0) {
        row.ok = false;
        ++report.skipped;
        ++report.duplicates;
        continue;
      }
      msisdns_.insert(row.msisdn_key, row.line);
      iccids_.insert(row.iccid_key, row.line);
    }
    if (check_table_) SIMREG_TRY(check_against_table(chunk, report));
    std::stable_sort(chunk.problems.begin(), chunk.problems.end(),
                     [](const RowProblem& a, const RowProblem& b) { return a.line < b.line; });
    for (auto& problem : chunk.problems) report.problems.push_back(std::move(problem));

    // Without skip_invalid one bad row dooms the import: keep validating, stop writing.
    writing_ = writing_ && (options_.skip_invalid || report.problems.empty());
    if (!writing_) {
      pending_.clear();
      return success();
    }
    for (auto& row : chunk.rows) {
      if (!row.ok) continue;
      pending_.push_back(std::move(row));
      if (pending_.size() == kInsertRows) SIMREG_TRY(flush(report));
    }
    return success();
  }

  Result<void> finish(ImportReport& report) {
    if (writing_ && !pending_.empty()) SIMREG_TRY(flush(report));
    return success();
  }

 private:
  Result<void> check_against_table(PreparedChunk& chunk, ImportReport& report) {
    std::vector<PreparedRow*> candidates;
    for (auto& row : chunk.rows) {
      if (row.ok) candidates.push_back(&row);
    }
    for (std::size_t begin = 0; begin < candidates.size(); begin += kLookupRows) {
      const std::size_t end = std::min(candidates.size(), begin + kLookupRows);
      std::vector<db::Value> indexes;
      std::vector<db::Value> iccids;
      for (std::size_t i = begin; i < end; ++i) {
        indexes.emplace_back(candidates[i]->msisdn_index);
        iccids.emplace_back(candidates[i]->iccid);
      }
      SIMREG_TRY_ASSIGN(auto found_msisdns,
                        tx_.execute(lookup_sql("msisdn_index", end - begin), indexes));
      SIMREG_TRY_ASSIGN(auto found_iccids, tx_.execute(lookup_sql("iccid", end - begin), iccids));
      if (found_msisdns.empty() && found_iccids.empty()) continue;
      std::unordered_set<std::string> stocked_msisdns;
      std::unordered_set<std::string> stocked_iccids;
      for (const auto& row : found_msisdns.rows) stocked_msisdns.insert(row.text(0));
      for (const auto& row : found_iccids.rows) stocked_iccids.insert(row.text(0));
      for (std::size_t i = begin; i < end; ++i) {
        PreparedRow& row = *candidates[i];
        const bool msisdn = stocked_msisdns.contains(row.msisdn_index);
        const bool iccid = stocked_iccids.contains(row.iccid);
        if (msisdn) chunk.problems.push_back({row.line, "msisdn", std::string(kMsisdnExists), 0});
        if (iccid) chunk.problems.push_back({row.line, "iccid", std::string(kIccidExists), 0});
        if (msisdn || iccid) {
          row.ok = false;
          ++report.skipped;
          ++report.duplicates;
        }
      }
    }
    return success();
  }

  Result<void> flush(ImportReport& report) {
    params_.clear();
    params_.emplace_back(now_ms_);
    for (auto& row : pending_) {
      params_.emplace_back(std::move(row.id));
      params_.emplace_back(std::move(row.msisdn_index));
      params_.emplace_back(db::Bytes{std::move(row.msisdn_sealed)});
      params_.emplace_back(std::move(row.iccid));
      if (row.imsi_sealed) {
        params_.emplace_back(db::Bytes{std::move(*row.imsi_sealed)});
      } else {
        params_.emplace_back(db::Null{});
      }
      params_.emplace_back(row.activated_at_ms);
      params_.emplace_back(row.deadline_ms);
    }
    const std::size_t rows = pending_.size();
    if (rows == kInsertRows) {
      if (full_batch_sql_.empty()) full_batch_sql_ = insert_sql(tx_.dialect(), kInsertRows);
      SIMREG_TRY(tx_.execute(full_batch_sql_, params_));
    } else {
      SIMREG_TRY(tx_.execute(insert_sql(tx_.dialect(), rows), params_));
    }
    report.imported += rows;
    pending_.clear();
    return success();
  }

  db::Session& tx_;
  const ImportOptions& options_;
  const std::int64_t now_ms_;
  const bool check_table_;
  bool writing_ = true;
  FirstLines msisdns_;
  FirstLines iccids_;
  std::vector<PreparedRow> pending_;
  std::vector<db::Value> params_;
  std::string full_batch_sql_;
};

// Splits the text into records with their line numbers; blank lines are no records.
std::vector<Record> split_records(std::string_view text) {
  std::vector<Record> records;
  records.reserve(text.size() / 40 + 1);
  std::size_t at = 0;
  std::uint32_t line = 0;
  while (at < text.size()) {
    ++line;
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::size_t length = end - at;
    if (length > 0 && text[at + length - 1] == '\r') --length;
    if (!blank(text.substr(at, length)))
      records.push_back({at, static_cast<std::uint32_t>(length), line});
    at = end + 1;
  }
  return records;
}

int worker_count(const ImportOptions& options) {
  if (options.threads > 0) return options.threads;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace

Result<ImportReport> import_sims(const ImportEnvironment& env, std::string_view csv,
                                 const ImportOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  if (csv.starts_with("\xEF\xBB\xBF"))
    csv.remove_prefix(3);  // a UTF-8 byte order mark from spreadsheets
  if (!jurisdiction::is_phone_region(env.region)) {
    return Error::make(ErrorKind::internal, "sims.unknown_region",
                       "The profile's country is not a telephone numbering region.");
  }

  std::vector<Record> records = split_records(csv);
  CsvLayout layout;
  if (!records.empty()) {
    std::vector<std::string_view> fields;
    std::string scratch;
    const Record& first = records.front();
    if (split_csv_record(csv.substr(first.offset, first.length), fields, scratch)) {
      SIMREG_TRY_ASSIGN(layout, detect_layout(fields));
      if (layout.has_header) records.erase(records.begin());
    }
  }
  const std::int64_t now = env.clock.now_ms();
  const Plan plan{csv,    std::move(records),
                  layout, LineIdSequence::starting_at(now),
                  now,    std::int64_t{env.restriction_days} * kMsPerDay};
  const LineStore store(env.sealer, env.indexer);
  const ChunkPreparer preparer(plan, env, store);
  const std::size_t total = plan.records.size();
  const std::size_t chunks = (total + kChunkRows - 1) / kChunkRows;
  const int workers = worker_count(options);

  ImportReport report;
  auto stored = env.db.transaction([&](db::Session& tx) -> Result<void> {
    report = ImportReport{};
    SIMREG_TRY_ASSIGN(const bool empty, store.table_empty(tx));
    SIMREG_TRY_ASSIGN(const auto tuning, SqliteTuning::apply(tx, total));
    SIMREG_TRY_ASSIGN(const auto deferred, DeferredIndexes::drop_if_worthwhile(tx, empty, total));
    std::vector<Worker> state(static_cast<std::size_t>(workers), Worker{});
    OrderedPipeline<PreparedChunk> pipeline(
        chunks, workers, static_cast<std::size_t>(workers) * kChunksAheadPerWorker,
        [&](std::size_t chunk, int worker) {
          return preparer.prepare(chunk, state[static_cast<std::size_t>(worker)]);
        });
    Writer writer(tx, options, now, !empty, total);
    std::size_t reported = 0;
    while (auto chunk = pipeline.next()) {
      SIMREG_TRY(writer.take(std::move(*chunk), report));
      if (options.progress && options.progress_every > 0 &&
          report.rows_read / options.progress_every > reported) {
        reported = report.rows_read / options.progress_every;
        options.progress(report.rows_read, total);
      }
    }
    SIMREG_TRY(writer.finish(report));
    const bool rejected = !report.problems.empty() && !options.skip_invalid;
    if (!rejected) SIMREG_TRY(deferred.rebuild(tx));
    SIMREG_TRY(tuning.restore(tx));
    if (rejected)
      return Error::make(ErrorKind::unprocessable, std::string(kRejected),
                         "Bad rows; nothing was imported.");
    return success();
  });
  if (!stored && stored.error().code != kRejected) return std::move(stored).error();
  report.stored = stored.ok();
  if (!report.stored) report.imported = 0;
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

Result<ImportReport> import_sims_file(const ImportEnvironment& env, const std::string& path,
                                      const ImportOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  std::ifstream in(path, std::ios::binary);
  std::string text;
  if (in) {
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size > 0) {
      text.resize(static_cast<std::size_t>(size));
      in.read(text.data(), size);
    }
  }
  if (!in) {
    return Error::make(ErrorKind::invalid_input, "sims.import_unreadable",
                       "The file cannot be read.");
  }
  SIMREG_TRY_ASSIGN(auto report, import_sims(env, text, options));
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace simreg::sims

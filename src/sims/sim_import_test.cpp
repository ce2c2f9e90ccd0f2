// The bulk import against real SQLite and PostgreSQL, with real crypto.
#include "sims/sim_import.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "sims/line_store.hpp"
#include "sims/sims_test_support.hpp"

namespace simreg::sims {
namespace {

using db::testing::Engine;
using testing::InventoryValues;
using testing::kTestNow;

constexpr std::int64_t kDayMs = 86'400'000;

class SimImportTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    auto opened = fixture_.open(GetParam());
    if (!opened && opened.error().code == "test.no_postgres")
      GTEST_SKIP() << "SIMREG_TEST_PG_URL not set";
    ASSERT_TRUE(opened) << opened.error().detail;
  }

  Result<ImportReport> run(const std::string& csv, ImportOptions options = {}) {
    return import_sims(fixture_.import_environment(), csv, options);
  }

  std::int64_t count_lines() {
    auto rows = fixture_.db().execute("SELECT COUNT(*) FROM sim_lines");
    EXPECT_TRUE(rows);
    return rows ? rows->first().integer(0) : -1;
  }

  testing::StorageFixture fixture_;
  InventoryValues values_;
};

TEST_P(SimImportTest, StoresSealedLines) {
  const std::string msisdn = values_.msisdn();
  const std::string iccid = values_.iccid();
  const std::string csv = "msisdn,iccid,imsi,activated_at\n" + msisdn + "," + iccid +
                          ",460001234567890,2026-01-15\n" + values_.msisdn() + "," +
                          values_.iccid() + ",,\n";
  auto report = run(csv);
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_TRUE(report->stored);
  EXPECT_EQ(report->rows_read, 2u);
  EXPECT_EQ(report->imported, 2u);
  EXPECT_EQ(report->skipped, 0u);
  EXPECT_TRUE(report->problems.empty());

  auto rows = fixture_.db().execute(
      "SELECT id, msisdn_index, msisdn_sealed, iccid, imsi_sealed, status, activated_at, "
      "registration_deadline, "
      "subscriber_id, linked_at, created_at FROM sim_lines ORDER BY id");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->rows.size(), 2u);
  const auto& first = rows->rows[0];
  const std::string id = first.text(0);
  EXPECT_TRUE(id.starts_with("sim_")) << id;
  EXPECT_EQ(first.text(1), fixture_.indexer.compute(kMsisdnIndexPurpose, msisdn));
  auto opened = fixture_.sealer.open(first.bytes(2), {kLinesTable, kMsisdnColumn, id});
  ASSERT_TRUE(opened);
  EXPECT_EQ(*opened, msisdn);
  EXPECT_FALSE(
      fixture_.sealer.open(first.bytes(2), {kLinesTable, kMsisdnColumn, rows->rows[1].text(0)}))
      << "bound to its row";
  EXPECT_EQ(first.text(3), iccid);
  auto imsi = fixture_.sealer.open(first.bytes(4), {kLinesTable, kImsiColumn, id});
  ASSERT_TRUE(imsi);
  EXPECT_EQ(*imsi, "460001234567890");
  EXPECT_EQ(first.text(5), "unregistered");
  EXPECT_EQ(first.integer(6), 1'768'435'200'000);  // 2026-01-15T00:00:00Z
  EXPECT_EQ(first.integer(7), 1'768'435'200'000 + 30 * kDayMs);
  EXPECT_TRUE(first.is_null(8));
  EXPECT_TRUE(first.is_null(9));
  EXPECT_EQ(first.integer(10), kTestNow);
  const auto& second = rows->rows[1];
  EXPECT_TRUE(second.is_null(4)) << "no IMSI";
  EXPECT_EQ(second.integer(6), kTestNow) << "activation defaults to now";
  EXPECT_EQ(second.integer(7), kTestNow + 30 * kDayMs);

  // No plaintext MSISDN in any text column.
  auto hits = fixture_.db().execute(
      "SELECT COUNT(*) FROM sim_lines WHERE id = $1 OR msisdn_index = $1 OR iccid = $1", {msisdn});
  ASSERT_TRUE(hits);
  EXPECT_EQ(hits->first().integer(0), 0);
}

TEST_P(SimImportTest, ReportsEveryBadRowAndStoresNothing) {
  const std::string good_iccid = values_.iccid();
  const std::string bad_luhn =
      good_iccid.substr(0, 19) + static_cast<char>('0' + (good_iccid[19] - '0' + 1) % 10);
  const std::string repeated = values_.msisdn();
  const std::string csv =
      "msisdn,iccid,imsi,activated_at\n"                             // 1
      + values_.msisdn() + "," + values_.iccid() + ",,\n"            // 2 good
      + "+8612012345678," + values_.iccid() + ",,\n"                 // 3 not a mobile number
      + "+447911123456," + values_.iccid() + ",,\n"                  // 4 another country
      + values_.msisdn() + "," + bad_luhn + ",,\n"                   // 5 Luhn
      + values_.msisdn() + ",1234,,\n"                               // 6 format
      + values_.msisdn() + "," + values_.iccid() + ",46000x,\n"      // 7 IMSI
      + values_.msisdn() + "," + values_.iccid() + ",,2026-02-30\n"  // 8 date
      + values_.msisdn() + "," + values_.iccid() + ",,yesterday\n"   // 9 date shape
      + "," + values_.iccid() + ",,\n"                               // 10 missing
      + values_.msisdn() + "," + values_.iccid() + "\n"              // 11 columns
      + values_.msisdn() + ",\"" + values_.iccid() + ",,\n"          // 12 quoting
      + "\n"                                                         // 13 blank: no row
      + repeated + "," + good_iccid + ",,\n"                         // 14 good
      + repeated + "," + values_.iccid() + ",,\n"                    // 15 duplicate MSISDN
      + "+86 " + repeated.substr(3) + "," + good_iccid + ",,\n"      // 16 both duplicate
      + "12345,1,x,never\n";                                         // 17 all wrong
  auto report = run(csv);
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_FALSE(report->stored);
  EXPECT_EQ(report->rows_read, 15u);
  EXPECT_EQ(report->imported, 0u);
  EXPECT_EQ(report->skipped, 13u);
  EXPECT_EQ(report->duplicates, 2u);
  struct Expected {
    std::size_t line;
    std::string field, code;
    std::size_t first_line;
  };
  const std::vector<Expected> expected = {
      {3, "msisdn", "msisdn.invalid", 0},     {4, "msisdn", "msisdn.wrong_country", 0},
      {5, "iccid", "iccid.check_digit", 0},   {6, "iccid", "iccid.format", 0},
      {7, "imsi", "imsi.format", 0},          {8, "activated_at", "date.impossible", 0},
      {9, "activated_at", "date.format", 0},  {10, "msisdn", "field.required", 0},
      {11, "row", "row.columns", 0},          {12, "row", "row.format", 0},
      {15, "msisdn", "msisdn.duplicate", 14}, {16, "msisdn", "msisdn.duplicate", 14},
      {16, "iccid", "iccid.duplicate", 14},   {17, "msisdn", "msisdn.invalid", 0},
      {17, "iccid", "iccid.format", 0},       {17, "imsi", "imsi.format", 0},
      {17, "activated_at", "date.format", 0},
  };
  ASSERT_EQ(report->problems.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& got = report->problems[i];
    EXPECT_EQ(got.line, expected[i].line) << i;
    EXPECT_EQ(got.field, expected[i].field) << i;
    EXPECT_EQ(got.code, expected[i].code) << i;
    EXPECT_EQ(got.first_line, expected[i].first_line) << i;
  }
  EXPECT_EQ(count_lines(), 0);

  // The same file with skip_invalid: the two good rows go in.
  ImportOptions skip;
  skip.skip_invalid = true;
  auto skipped = run(csv, skip);
  ASSERT_TRUE(skipped);
  EXPECT_TRUE(skipped->stored);
  EXPECT_EQ(skipped->imported, 2u);
  EXPECT_EQ(skipped->skipped, 13u);
  EXPECT_EQ(skipped->problems.size(), expected.size());
  EXPECT_EQ(count_lines(), 2);
}

TEST_P(SimImportTest, RefusesNumbersAndCardsAlreadyStocked) {
  const std::string msisdn = values_.msisdn();
  const std::string iccid = values_.iccid();
  ASSERT_TRUE(fixture_.stock({{msisdn, iccid}}));
  const std::string fresh_msisdn = values_.msisdn();
  const std::string fresh_iccid = values_.iccid();
  const std::string csv = "msisdn,iccid\n" + msisdn + "," + values_.iccid() +
                          "\n" +                                    // 2 number stocked
                          values_.msisdn() + "," + iccid + "\n" +   // 3 card stocked
                          fresh_msisdn + "," + fresh_iccid + "\n";  // 4 new
  auto report = run(csv);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->stored);
  ASSERT_EQ(report->problems.size(), 2u);
  EXPECT_EQ(report->problems[0].line, 2u);
  EXPECT_EQ(report->problems[0].code, "msisdn.exists");
  EXPECT_EQ(report->problems[1].line, 3u);
  EXPECT_EQ(report->problems[1].code, "iccid.exists");
  EXPECT_EQ(report->duplicates, 2u);
  EXPECT_EQ(count_lines(), 1);

  ImportOptions skip;
  skip.skip_invalid = true;
  auto skipped = run(csv, skip);
  ASSERT_TRUE(skipped);
  EXPECT_EQ(skipped->imported, 1u);
  EXPECT_EQ(count_lines(), 2);
}

TEST_P(SimImportTest, ReadsHeaderlessReorderedAndWindowsFiles) {
  struct Case {
    std::string name;
    std::string csv;
    std::size_t rows;
  };
  const std::string a = values_.msisdn(), b = values_.msisdn(), c = values_.msisdn(),
                    d = values_.msisdn();
  const std::string ia = values_.iccid(), ib = values_.iccid(), ic = values_.iccid(),
                    id = values_.iccid();
  const Case cases[] = {
      {"no header",
       a + "," + ia + "\n" + b + "," + ib + ",460001234567890,2026-03-01T10:00:00+08:00", 2},
      {"reordered, CRLF, BOM, blank lines",
       "\xEF\xBB\xBF"
       "ICCID,Activated_At,MSISDN\r\n\r\n" +
           ic + ",2026-03-01," + c + "\r\n\"" + id + "\",," + d + "\r\n",
       2},
      {"header only", "msisdn,iccid\n", 0},
      {"empty", "", 0},
  };
  std::size_t total = 0;
  for (const auto& tc : cases) {
    auto report = run(tc.csv);
    ASSERT_TRUE(report) << tc.name << ": " << report.error().detail;
    EXPECT_TRUE(report->stored) << tc.name;
    EXPECT_TRUE(report->problems.empty()) << tc.name << ": " << report->problems.front().code;
    EXPECT_EQ(report->imported, tc.rows) << tc.name;
    total += tc.rows;
  }
  EXPECT_EQ(count_lines(), static_cast<std::int64_t>(total));
  auto activated =
      fixture_.db().execute("SELECT activated_at FROM sim_lines WHERE iccid = $1", {ib});
  ASSERT_TRUE(activated);
  EXPECT_EQ(activated->first().integer(0), 1'772'330'400'000);  // 2026-03-01T02:00:00Z
}

TEST_P(SimImportTest, RefusesBadHeaders) {
  for (const std::string csv :
       {"msisdn,iccid,colour\n", "phone,iccid\n", "msisdn,msisdn,iccid\n", "iccid,imsi\n"}) {
    auto report = run(csv + values_.msisdn() + "," + values_.iccid() + ",x\n");
    ASSERT_FALSE(report) << csv;
    EXPECT_EQ(report.error().code, "sims.import_header") << csv;
  }
  EXPECT_EQ(count_lines(), 0);
}

TEST_P(SimImportTest, ManyRowsInParallelKeepFileOrder) {
  constexpr std::size_t kRows = 9000;  // several chunks per thread
  std::string csv = "msisdn,iccid\n";
  std::vector<std::string> iccids;
  for (std::size_t i = 0; i < kRows; ++i) {
    iccids.push_back(values_.iccid());
    csv += values_.msisdn() + "," + iccids.back() + "\n";
  }
  ImportOptions options;
  options.threads = 3;
  options.progress_every = 2000;
  std::vector<std::size_t> progress;
  options.progress = [&](std::size_t done, std::size_t total) {
    EXPECT_EQ(total, kRows);
    progress.push_back(done);
  };
  auto report = run(csv, options);
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_EQ(report->imported, kRows);
  EXPECT_EQ(progress.size(), 4u);
  EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));
  // Ids follow file order: sorting by id gives the ICCIDs in the order they were written.
  auto rows = fixture_.db().execute("SELECT iccid FROM sim_lines ORDER BY id");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->rows.size(), kRows);
  for (std::size_t i = 0; i < kRows; ++i) ASSERT_EQ(rows->rows[i].text(0), iccids[i]) << i;
}

TEST_P(SimImportTest, ABigFirstLoadKeepsEveryIndexAndConstraint) {
  // Big enough that SQLite builds the secondary indexes after the rows (see DeferredIndexes).
  constexpr std::size_t kRows = 25'000;
  const auto index_sql = [&] {
    const std::string sql =
        GetParam() == Engine::sqlite
            ? "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sim_lines' "
              "ORDER BY name"
            : "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'sim_lines' "
              "ORDER BY indexname";
    auto rows = fixture_.db().execute(sql);
    EXPECT_TRUE(rows);
    std::vector<std::pair<std::string, std::string>> out;
    if (rows) {
      for (const auto& row : rows->rows) out.emplace_back(row.text(0), row.text(1));
    }
    return out;
  };
  const auto before = index_sql();
  ASSERT_EQ(before.size(), 6u);
  std::string csv = "msisdn,iccid\n";
  std::string first_msisdn, first_iccid;
  for (std::size_t i = 0; i < kRows; ++i) {
    const std::string msisdn = values_.msisdn();
    const std::string iccid = values_.iccid();
    if (i == 0) {
      first_msisdn = msisdn;
      first_iccid = iccid;
    }
    csv += msisdn + "," + iccid + "\n";
  }
  // A duplicate near the end must still be found.
  auto refused = run(csv + first_msisdn + "," + values_.iccid() + "\n");
  ASSERT_TRUE(refused);
  ASSERT_EQ(refused->problems.size(), 1u);
  EXPECT_EQ(refused->problems[0].code, "msisdn.duplicate");
  EXPECT_EQ(refused->problems[0].line, kRows + 2);
  EXPECT_EQ(count_lines(), 0);
  EXPECT_EQ(index_sql(), before) << "a refused import leaves the indexes";

  auto report = run(csv);
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_EQ(report->imported, kRows);
  EXPECT_EQ(index_sql(), before);
  // The unique indexes are back and enforce uniqueness.
  const auto insert = [&](const std::string& id, const std::string& index,
                          const std::string& iccid) {
    return fixture_.db().execute(
        "INSERT INTO sim_lines (id, msisdn_index, msisdn_sealed, iccid, status, activated_at, "
        "registration_deadline, "
        "created_at, updated_at) VALUES ($1, $2, $3, $4, 'unregistered', 0, 0, 0, 0)",
        {id, index, db::Bytes{"x"}, iccid});
  };
  auto same_number = insert("sim_x1", fixture_.indexer.compute(kMsisdnIndexPurpose, first_msisdn),
                            values_.iccid());
  ASSERT_FALSE(same_number);
  EXPECT_EQ(same_number.error().code, "db.unique_violation");
  auto same_card = insert("sim_x2", "fresh_index", first_iccid);
  ASSERT_FALSE(same_card);
  EXPECT_EQ(same_card.error().code, "db.unique_violation");
}

TEST_P(SimImportTest, ReadsFiles) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("simreg-sims-" + std::to_string(::getpid()) + ".csv");
  {
    std::ofstream out(path);
    out << "msisdn,iccid\n" << values_.msisdn() << "," << values_.iccid() << "\n";
  }
  auto report = import_sims_file(fixture_.import_environment(), path.string(), {});
  std::filesystem::remove(path);
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_EQ(report->imported, 1u);
  EXPECT_GT(report->seconds, 0.0);
  auto missing = import_sims_file(fixture_.import_environment(), path.string(), {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "sims.import_unreadable");
}

INSTANTIATE_TEST_SUITE_P(Engines, SimImportTest,
                         ::testing::Values(Engine::sqlite, Engine::postgres),
                         db::testing::EngineParamName());

}  // namespace
}  // namespace simreg::sims

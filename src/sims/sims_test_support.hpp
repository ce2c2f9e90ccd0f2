// Test support for sims_test: generated inventory values and a migrated database on either engine
// with real keys, sealer, indexer and a manual clock. Test-only; used from one test thread.
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "crypto/blind_index.hpp"
#include "crypto/field_sealer.hpp"
#include "crypto/keyring.hpp"
#include "db/testing/test_databases.hpp"
#include "sims/sim_import.hpp"

namespace simreg::sims::testing {

// Distinct valid Chinese mobile numbers (E.164) and 20-digit ICCIDs with a Luhn check digit.
class InventoryValues {
 public:
  explicit InventoryValues(std::uint64_t seed = 7)
      : random_(seed), offset_(random_() % 100'000'000) {}
  std::string msisdn();
  std::string iccid();
  static std::string luhn_completed(const std::string& payload);

 private:
  std::mt19937_64 random_;
  std::uint64_t offset_;
  std::uint64_t msisdns_ = 0;
  std::uint64_t iccids_ = 0;
};

// 2026-03-02T00:00:00Z
inline constexpr std::int64_t kTestNow = 1'772'409'600'000;
inline constexpr int kTestRestrictionDays = 30;

struct StorageFixture {
  std::unique_ptr<db::testing::TestDatabase> test_db;
  ManualClock clock{kTestNow};
  crypto::Keyring keyring = crypto::Keyring::generate();
  crypto::FieldSealer sealer{keyring};
  crypto::BlindIndexer indexer{keyring};

  // Error "test.no_postgres" when PostgreSQL is asked for but not configured.
  Result<void> open(db::testing::Engine engine);
  db::Database& db() { return *test_db->db; }
  ImportEnvironment import_environment() {
    return {db(), sealer, indexer, clock, "CN", kTestRestrictionDays};
  }
  // Imports rows (msisdn, iccid) with a "msisdn,iccid" header; every row must be stored.
  Result<ImportReport> stock(const std::vector<std::pair<std::string, std::string>>& rows);
};

}  // namespace simreg::sims::testing

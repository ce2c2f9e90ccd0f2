#include "sims/sims_test_support.hpp"

#include "crypto/sodium_init.hpp"
#include "db/migrator.hpp"

namespace simreg::sims::testing {

std::string InventoryValues::luhn_completed(const std::string& payload) {
  int total = 0;
  for (std::size_t i = 0; i < payload.size(); ++i) {
    int digit = payload[payload.size() - 1 - i] - '0';
    if (i % 2 == 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    total += digit;
  }
  return payload + static_cast<char>('0' + (10 - total % 10) % 10);
}

std::string InventoryValues::msisdn() {
  // 134-139 and 150-152: mobile prefixes libphonenumber knows. n ↦ n * 997 + offset is a bijection
  // modulo 10^8 (997 is coprime to it), so numbers never repeat within one instance.
  static const char* const kPrefixes[] = {"134", "135", "136", "137", "138",
                                          "139", "150", "151", "152"};
  const std::uint64_t n = msisdns_++;
  const std::uint64_t subscriber = (n / std::size(kPrefixes) * 997 + offset_) % 100'000'000;
  const std::string digits = std::to_string(subscriber);
  return "+86" + std::string(kPrefixes[n % std::size(kPrefixes)]) +
         std::string(8 - digits.size(), '0') + digits;
}

std::string InventoryValues::iccid() {
  std::string payload = "898600";
  const std::string serial = std::to_string(iccids_++);
  const std::string noise = std::to_string(random_() % 1'000'000);
  std::string body =
      std::string(6 - noise.size(), '0') + noise + std::string(7 - serial.size(), '0') + serial;
  return luhn_completed(payload + body);
}

Result<void> StorageFixture::open(db::testing::Engine engine) {
  crypto::initialize();
  SIMREG_TRY_ASSIGN(test_db, db::testing::create_test_database(engine));
  SIMREG_TRY(db::migrate(db(), db::bundled_migrations()));
  return success();
}

Result<ImportReport> StorageFixture::stock(
    const std::vector<std::pair<std::string, std::string>>& rows) {
  std::string csv = "msisdn,iccid\n";
  for (const auto& [msisdn, iccid] : rows) csv += msisdn + "," + iccid + "\n";
  SIMREG_TRY_ASSIGN(auto report, import_sims(import_environment(), csv, {}));
  if (!report.stored || report.imported != rows.size())
    return Error::internal("stocking test lines failed");
  return report;
}

}  // namespace simreg::sims::testing

#include "registration/registration_test_support.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdint>
#include <regex>
#include <system_error>

#include "jurisdiction/profile_loader.hpp"
#include "registration/application_store.hpp"

namespace simreg::registration::testing {

std::string cn_resident_id(const std::string& first17) {
  static const int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[static_cast<std::size_t>(i)] - '0') * kWeights[i];
  return first17 + "10X98765432"[sum % 11];
}

RegistrationGround::~RegistrationGround() {
  std::error_code ignored;
  if (!blob_dir.empty()) std::filesystem::remove_all(blob_dir, ignored);
}

Result<void> RegistrationGround::open(db::testing::Engine engine) {
  SIMREG_TRY(storage.open(engine));
  SIMREG_TRY_ASSIGN(auto loaded, jurisdiction::load_profile("cn"));
  profile = std::make_unique<jurisdiction::Profile>(std::move(loaded));
  // The address tells concurrent test processes and fixtures apart.
  blob_dir = std::filesystem::temp_directory_path() /
             ("simreg-registration-test-" + std::to_string(::getpid()) + "-" +
              std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  SIMREG_TRY_ASSIGN(blobs, blob::FileBlobStore::open(blob_dir));
  auto& db = storage.db();
  audit = std::make_unique<audit::AuditLog>(db, storage.keyring, storage.clock);
  outbox = std::make_unique<notify::Outbox>(db, storage.sealer, storage.indexer, storage.clock);
  codes = std::make_unique<accounts::OneTimeCodes>(storage.indexer, storage.clock);
  sims = std::make_unique<sims::SimService>(sims::SimServiceDeps{
      db, storage.sealer, storage.indexer, *codes, *outbox, *audit, storage.clock, "CN", events_});
  return success();
}

std::vector<std::string> RegistrationGround::linked_lines(const std::string& subscriber, int count,
                                                          const RequestMeta& meta) {
  std::vector<std::pair<std::string, std::string>> rows;
  for (int i = 0; i < count; ++i) rows.emplace_back(values.msisdn(), values.iccid());
  EXPECT_TRUE(storage.stock(rows));
  std::vector<std::string> ids;
  for (const auto& [msisdn, iccid] : rows) {
    EXPECT_TRUE(sims->link_request(subscriber, msisdn, "en", meta));
    auto messages = outbox->list(msisdn, 1);
    EXPECT_TRUE(messages && !messages->empty());
    if (!messages || messages->empty()) continue;
    std::smatch code;
    EXPECT_TRUE(std::regex_search(messages->front().body, code, std::regex("\\d{6}")));
    auto line = sims->link_confirm(subscriber, msisdn, code.str(), meta);
    EXPECT_TRUE(line) << (line ? "" : line.error().code);
    if (line) ids.push_back(line->id);
    storage.clock.advance_ms(61'000);  // past the resend limit for the next number
  }
  return ids;
}

void RegistrationGround::record_documents(RegistrationService& registrations,
                                          const Application& application) {
  auto current = registrations.get(application.subscriber_id, application.id);
  ASSERT_TRUE(current);
  const auto kinds = registrations.required_documents(*current);
  ASSERT_FALSE(kinds.empty());
  ApplicationStore store(storage.sealer);
  ASSERT_TRUE(storage.db().transaction([&](db::Session& tx) -> Result<void> {
    for (const auto& kind : kinds) {
      SIMREG_TRY_ASSIGN(
          auto blob,
          blobs->put(storage.sealer.seal(
              "jpeg:" + kind, {"application_documents", "image", current->id + "/" + kind})));
      StoredDocument document{kind,
                              blob,
                              1600,
                              1000,
                              {{"accepted", true}, {"reasons", nlohmann::json::array()}},
                              storage.clock.now_ms()};
      SIMREG_TRY(store.put_document(tx, current->id, document, storage.clock.now_ms()));
    }
    return success();
  }));
}

}  // namespace simreg::registration::testing

// Test support for registration and the features built on it (review): everything below a
// RegistrationService on one engine — storage with real keys and a manual clock, the cn profile,
// a blob store in a temporary directory, audit log, outbox, SMS codes and the SIM service — and
// the steps a subscriber takes before submitting. Test-only; used from one test thread.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "accounts/one_time_codes.hpp"
#include "audit/audit_log.hpp"
#include "blob/file_blob_store.hpp"
#include "jurisdiction/profile.hpp"
#include "notify/outbox.hpp"
#include "registration/registration_service.hpp"
#include "sims/sim_service.hpp"
#include "sims/sims_test_support.hpp"

namespace simreg::registration::testing {

// A Chinese resident identity number: the first 17 characters and their GB 11643 check character.
std::string cn_resident_id(const std::string& first17);

class RegistrationGround {
 public:
  // `events` (may be null) receives the SIM service's events.
  explicit RegistrationGround(webhooks::EventPublisher* events = nullptr) : events_(events) {}
  RegistrationGround(const RegistrationGround&) = delete;
  RegistrationGround& operator=(const RegistrationGround&) = delete;
  ~RegistrationGround();  // removes the blob directory

  // Error "test.no_postgres" when PostgreSQL is asked for but not configured.
  Result<void> open(db::testing::Engine engine);

  // Stocks `count` lines and links them to `subscriber` with the SMS codes, as a person would.
  std::vector<std::string> linked_lines(const std::string& subscriber, int count,
                                        const RequestMeta& meta);

  // Stores an accepted image of every kind `application` still needs, straight through the store,
  // so submission rules can be tested without real photographs (the functional tests upload those).
  void record_documents(RegistrationService& registrations, const Application& application);

  sims::testing::StorageFixture storage;
  sims::testing::InventoryValues values;
  std::unique_ptr<jurisdiction::Profile> profile;
  std::filesystem::path blob_dir;
  std::unique_ptr<blob::FileBlobStore> blobs;
  std::unique_ptr<audit::AuditLog> audit;
  std::unique_ptr<notify::Outbox> outbox;
  std::unique_ptr<accounts::OneTimeCodes> codes;
  std::unique_ptr<sims::SimService> sims;

 private:
  webhooks::EventPublisher* events_;
};

}  // namespace simreg::registration::testing

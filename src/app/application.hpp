// The composition root: builds every long-lived object by hand, in dependency order, from the
// configuration — keyring, profile, database, migrations, audit, outbox, accounts, staff, SIM lines,
// registration — and, for
// `serve`, the HTTP router, worker pool and server. Every CLI command opens one Application.
#pragma once

#include <memory>

#include "accounts/login_throttle.hpp"
#include "accounts/one_time_codes.hpp"
#include "accounts/session_service.hpp"
#include "accounts/subscriber_service.hpp"
#include "audit/audit_log.hpp"
#include "blob/file_blob_store.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/concurrency_limiter.hpp"
#include "crypto/blind_index.hpp"
#include "crypto/field_sealer.hpp"
#include "crypto/keyring.hpp"
#include "crypto/password_hasher.hpp"
#include "crypto/signer.hpp"
#include "db/database.hpp"
#include "jurisdiction/profile.hpp"
#include "notify/outbox.hpp"
#include "registration/registration_service.hpp"
#include "review/review_service.hpp"
#include "sims/sim_service.hpp"
#include "staff/staff_service.hpp"
#include "webhooks/webhook_service.hpp"

namespace simreg::app {

class Application {
 public:
  // Opens storage and the keyring; applies migrations when `migrate` is true, otherwise refuses a
  // database whose schema is behind (code "db.schema_outdated").
  static Result<std::unique_ptr<Application>> open(const config::StorageConfig& storage,
                                                   const config::ServerConfig& server, bool migrate);

  // Serves HTTP until SIGTERM/SIGINT; returns the process exit code.
  int serve();

  db::Database& database() { return *database_; }
  const crypto::Keyring& keyring() const { return keyring_; }
  audit::AuditLog& audit_log() { return *audit_; }
  notify::Outbox& outbox() { return *outbox_; }
  accounts::SubscriberService& subscribers() { return *subscribers_; }
  staff::StaffService& staff() { return *staff_; }
  sims::SimService& sims() { return *sims_; }
  registration::RegistrationService& registrations() { return *registrations_; }
  review::ReviewService& reviews() { return *reviews_; }
  webhooks::WebhookService& webhooks() { return *webhooks_; }
  const jurisdiction::Profile& profile() const { return *profile_; }
  const crypto::FieldSealer& sealer() const { return sealer_; }
  const crypto::BlindIndexer& indexer() const { return indexer_; }
  const Clock& clock() const { return clock_; }

 private:
  Application(config::StorageConfig storage, config::ServerConfig server, crypto::Keyring keyring);

  config::StorageConfig storage_config_;
  config::ServerConfig server_config_;
  SystemClock clock_;
  crypto::Keyring keyring_;                            // all keys; immutable from here on
  crypto::FieldSealer sealer_{keyring_};               // seals personal fields with the active key
  crypto::BlindIndexer indexer_{keyring_};             // equality look-ups without plaintext
  crypto::PasswordHasher hasher_{{}, server_config_.password_hash_concurrency};  // Argon2id, capped
  std::unique_ptr<db::Database> database_;             // SQLite or PostgreSQL
  std::unique_ptr<audit::AuditLog> audit_;             // needs database + signing key
  std::unique_ptr<notify::Outbox> outbox_;             // needs database + sealer + indexer
  std::unique_ptr<webhooks::WebhookService> webhooks_;  // needs database + sealer + audit; before its publishers
  std::unique_ptr<accounts::SessionService> sessions_; // needs database + audit
  std::unique_ptr<accounts::OneTimeCodes> codes_;      // needs indexer
  std::unique_ptr<accounts::LoginThrottle> throttle_;  // needs database
  std::unique_ptr<accounts::SubscriberService> subscribers_;
  std::unique_ptr<staff::StaffService> staff_;
  std::unique_ptr<jurisdiction::Profile> profile_;     // the country's rules, from config
  std::unique_ptr<blob::FileBlobStore> blobs_;         // sealed document images under DATA_DIR/blobs
  std::unique_ptr<sims::SimService> sims_;             // needs database + sealer + codes + outbox + audit
  // Image checks may take at most this many workers at once (one per core): uploads beyond it
  // get 503 + Retry-After, and the remaining workers keep serving everything else.
  std::unique_ptr<ConcurrencyLimiter> image_slots_;
  std::unique_ptr<registration::RegistrationService> registrations_;  // needs all of the above
  std::unique_ptr<review::ReviewService> reviews_;  // needs registrations, staff, subscribers, webhooks
};

}  // namespace simreg::app

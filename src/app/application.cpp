#include "app/application.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include <thread>

#include "crypto/sodium_init.hpp"
#include "db/migrator.hpp"
#include "jurisdiction/profile_loader.hpp"

namespace simreg::app {
namespace {

Result<crypto::Keyring> load_keyring(const config::StorageConfig& storage) {
  // Production deployments inject the keyring from a secret store rather than the data directory.
  if (const char* json = std::getenv("SIMREG_KEYRING"); json != nullptr && *json != '\0') {
    return crypto::Keyring::from_json(json);
  }
  return crypto::Keyring::load_or_create(storage.keyring_location());
}

Result<void> ensure_data_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Error::make(ErrorKind::internal, "config.data_dir", "Cannot create the data directory " + dir + ".");
  }
  ::chmod(dir.c_str(), 0700);
  return success();
}

}  // namespace

Application::Application(config::StorageConfig storage, config::ServerConfig server, crypto::Keyring keyring)
    : storage_config_(std::move(storage)), server_config_(std::move(server)), keyring_(std::move(keyring)) {}

Result<std::unique_ptr<Application>> Application::open(const config::StorageConfig& storage,
                                                       const config::ServerConfig& server, bool migrate) {
  crypto::initialize();
  SIMREG_TRY(ensure_data_dir(storage.data_dir));
  SIMREG_TRY_ASSIGN(auto keyring, load_keyring(storage));
  std::unique_ptr<Application> app(new Application(storage, server, std::move(keyring)));
  SIMREG_TRY_ASSIGN(auto profile, jurisdiction::load_profile(storage.profile, storage.profiles_dir));
  app->profile_ = std::make_unique<jurisdiction::Profile>(std::move(profile));

  db::DatabaseOptions db_options;
  db_options.pool_size = storage.database_pool_size;
  SIMREG_TRY_ASSIGN(app->database_, db::open_database(storage.database_location(), db_options));
  const auto migrations = db::bundled_migrations();
  if (migrate) {
    SIMREG_TRY(db::migrate(*app->database_, migrations));
  } else {
    SIMREG_TRY_ASSIGN(auto status, db::migration_status(*app->database_, migrations));
    if (!status.up_to_date()) {
      return Error::make(ErrorKind::unavailable, "db.schema_outdated",
                         "The database schema is not current: run `simreg migrate` first.");
    }
  }

  auto& db = *app->database_;
  app->audit_ = std::make_unique<audit::AuditLog>(db, app->keyring_, app->clock_);
  app->outbox_ = std::make_unique<notify::Outbox>(db, app->sealer_, app->indexer_, app->clock_);
  app->webhooks_ = std::make_unique<webhooks::WebhookService>(
      webhooks::WebhookServiceDeps{db, app->sealer_, *app->audit_, app->clock_});
  accounts::SessionPolicy session_policy;
  session_policy.idle_timeout_ms = std::int64_t{server.session_idle_timeout_s} * 1000;
  session_policy.absolute_timeout_ms = std::int64_t{server.session_absolute_timeout_s} * 1000;
  app->sessions_ = std::make_unique<accounts::SessionService>(db, *app->audit_, app->clock_, session_policy);
  app->codes_ = std::make_unique<accounts::OneTimeCodes>(app->indexer_, app->clock_);
  accounts::ThrottlePolicy account_policy;
  account_policy.base_delay_ms = server.throttle_base_delay_ms;
  accounts::ThrottlePolicy address_policy = account_policy;
  address_policy.free_failures = 20;  // many subscribers share an address behind carrier-grade NAT
  address_policy.max_failures_per_window = 1000;
  app->throttle_ = std::make_unique<accounts::LoginThrottle>(db, app->clock_, account_policy, address_policy);
  app->subscribers_ = std::make_unique<accounts::SubscriberService>(accounts::SubscriberServiceDeps{
      db, app->sealer_, app->indexer_, app->hasher_, *app->sessions_, *app->codes_, *app->throttle_, *app->outbox_,
      *app->audit_, app->clock_, std::int64_t{server.verification_code_ttl_s} * 1000});
  app->staff_ = std::make_unique<staff::StaffService>(staff::StaffServiceDeps{
      db, app->sealer_, app->indexer_, app->hasher_, *app->sessions_, *app->throttle_, *app->audit_, app->clock_,
      "simreg"});
  SIMREG_TRY_ASSIGN(app->blobs_, blob::FileBlobStore::open(storage.blob_dir()));
  app->sims_ = std::make_unique<sims::SimService>(sims::SimServiceDeps{
      db, app->sealer_, app->indexer_, *app->codes_, *app->outbox_, *app->audit_, app->clock_,
      app->profile_->msisdn_region(), app->webhooks_.get()});
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  app->image_slots_ = std::make_unique<ConcurrencyLimiter>(cores);
  app->registrations_ = std::make_unique<registration::RegistrationService>(registration::RegistrationServiceDeps{
      db, app->sealer_, app->indexer_, *app->audit_, *app->blobs_, *app->sims_, *app->profile_, app->clock_,
      imaging::ImageLimits{}, *app->image_slots_, app->webhooks_.get()});
  auto* subscribers = app->subscribers_.get();
  app->reviews_ = std::make_unique<review::ReviewService>(review::ReviewServiceDeps{
      db, app->sealer_, *app->audit_, *app->blobs_, *app->sims_, *app->outbox_, *app->registrations_, *app->staff_,
      app->clock_,
      [subscribers](const std::string& subscriber_id) -> Result<review::SubscriberContact> {
        SIMREG_TRY_ASSIGN(auto account, subscribers->get(subscriber_id));
        return review::SubscriberContact{account.email, account.locale};
      },
      app->webhooks_.get(), server.review_lease_seconds, server.review_sample_rate, {}});
  return app;
}

}  // namespace simreg::app

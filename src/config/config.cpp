#include "config/config.hpp"

#include <charconv>

namespace simreg::config {

std::string StorageConfig::database_location() const {
  return database_url.empty() ? data_dir + "/simreg.db" : database_url;
}

std::string StorageConfig::keyring_location() const {
  return keyring_file.empty() ? data_dir + "/keyring.json" : keyring_file;
}

std::string StorageConfig::blob_dir() const { return data_dir + "/blobs"; }

Result<ListenAddress> parse_listen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Error::make(ErrorKind::invalid_input, "config.listen", "--listen must look like HOST:PORT, e.g. 127.0.0.1:8080");
  }
  ListenAddress address;
  address.host = text.substr(0, colon);
  if (address.host.size() > 2 && address.host.front() == '[' && address.host.back() == ']') {
    address.host = address.host.substr(1, address.host.size() - 2);
  }
  const std::string port = text.substr(colon + 1);
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value > 65535) {
    return Error::make(ErrorKind::invalid_input, "config.listen", "--listen has an invalid port");
  }
  address.port = static_cast<std::uint16_t>(value);
  return address;
}

void add_storage_options(CLI::App& command, StorageConfig& storage) {
  command.add_option("--data-dir", storage.data_dir, "Data directory (SQLite database, keyring, blobs)")
      ->envname("SIMREG_DATA_DIR")
      ->capture_default_str();
  command.add_option("--database-url", storage.database_url,
                     "PostgreSQL URL (postgresql://user@host:port/db); default: SQLite in the data directory")
      ->envname("SIMREG_DATABASE_URL");
  command.add_option("--keyring-file", storage.keyring_file,
                     "Keyring file (default DATA_DIR/keyring.json; SIMREG_KEYRING may hold the keyring JSON itself)")
      ->envname("SIMREG_KEYRING_FILE");
  command.add_option("--database-pool-size", storage.database_pool_size, "Database connections")
      ->envname("SIMREG_DATABASE_POOL_SIZE")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  command.add_option("--profile", storage.profile,
                     "Jurisdiction profile: document types, ID checks, SIM caps, review calendar (cn, ph, us)")
      ->envname("SIMREG_PROFILE")
      ->capture_default_str();
  command.add_option("--profiles-dir", storage.profiles_dir,
                     "Directory whose <profile>.json overrides the profile built into the binary")
      ->envname("SIMREG_PROFILES_DIR");
}

void add_server_options(CLI::App& command, ServerConfig& server) {
  command.add_option("--listen", server.listen, "HOST:PORT to listen on (port 0 picks a free one)")
      ->envname("SIMREG_LISTEN")
      ->capture_default_str();
  command.add_flag("--demo", server.demo, "Demo mode: local message delivery and the demo outbox page")
      ->envname("SIMREG_DEMO");
  command.add_option("--web-root", server.web_root, "Directory of the built web UI (web/dist)")
      ->envname("SIMREG_WEB_ROOT");
  command.add_option("--session-idle-timeout", server.session_idle_timeout_s, "Session idle timeout, seconds")
      ->envname("SIMREG_SESSION_IDLE_TIMEOUT")
      ->check(CLI::Range(1, 7 * 24 * 3600))
      ->capture_default_str();
  command.add_option("--session-absolute-timeout", server.session_absolute_timeout_s,
                     "Session absolute timeout, seconds")
      ->envname("SIMREG_SESSION_ABSOLUTE_TIMEOUT")
      ->check(CLI::Range(1, 30 * 24 * 3600))
      ->capture_default_str();
  command.add_option("--throttle-base-delay-ms", server.throttle_base_delay_ms,
                     "First sign-in delay after repeated failures, milliseconds (doubles each time)")
      ->envname("SIMREG_THROTTLE_BASE_DELAY_MS")
      ->check(CLI::Range(1, 60 * 60 * 1000))
      ->capture_default_str();
  command.add_option("--workers", server.workers, "Worker threads for blocking work (0: 2 x cores, at least 4)")
      ->envname("SIMREG_WORKERS")
      ->check(CLI::Range(0, 512));
  command.add_option("--queue-capacity", server.queue_capacity, "Worker queue length before answering 503")
      ->envname("SIMREG_QUEUE_CAPACITY")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  command.add_option("--io-threads", server.io_threads, "I/O threads")
      ->envname("SIMREG_IO_THREADS")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  command.add_option("--public-origin", server.public_origins,
                     "Origin(s) browsers use to reach simreg, for the CSRF check (default: the listen address)")
      ->envname("SIMREG_PUBLIC_ORIGIN");
  command.add_option("--tls-cert", server.tls_cert, "TLS certificate chain (PEM); with --tls-key serves HTTPS")
      ->envname("SIMREG_TLS_CERT");
  command.add_option("--tls-key", server.tls_key, "TLS private key (PEM)")->envname("SIMREG_TLS_KEY");
  command.add_option("--log-level", server.log_level, "debug, info, warn or error")
      ->envname("SIMREG_LOG_LEVEL")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
      ->capture_default_str();
  command.add_option("--smtp-url", server.smtp_url, "SMTP server for e-mail, e.g. smtp://127.0.0.1:25")
      ->envname("SIMREG_SMTP_URL");
  command.add_option("--smtp-from", server.smtp_from, "Sender address of e-mails")->envname("SIMREG_SMTP_FROM");
  command.add_option("--smtp-user", server.smtp_user, "SMTP user")->envname("SIMREG_SMTP_USER");
  command.add_option("--smtp-password", server.smtp_password, "SMTP password")->envname("SIMREG_SMTP_PASSWORD");
  command.add_option("--sms-gateway-url", server.sms_gateway_url, "SMS gateway endpoint (HTTP POST JSON)")
      ->envname("SIMREG_SMS_GATEWAY_URL");
  command.add_option("--sms-gateway-token", server.sms_gateway_token, "Bearer token for the SMS gateway")
      ->envname("SIMREG_SMS_GATEWAY_TOKEN");
  command.add_option("--password-hash-concurrency", server.password_hash_concurrency,
                     "Password hashes (Argon2id, 19 MiB each) computed at once; more wait "
                     "(0: one per CPU core)")
      ->envname("SIMREG_PASSWORD_HASH_CONCURRENCY")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  command.add_option("--verification-code-ttl", server.verification_code_ttl_s,
                     "Lifetime of e-mail verification codes, seconds")
      ->envname("SIMREG_VERIFICATION_CODE_TTL")
      ->check(CLI::Range(1, 7 * 24 * 3600))
      ->capture_default_str();
  // review
  command.add_option("--review-lease-seconds", server.review_lease_seconds,
                     "How long a reviewer's claim on a case lasts unless renewed, seconds")
      ->envname("SIMREG_REVIEW_LEASE_SECONDS")
      ->check(CLI::Range(1, 24 * 3600))
      ->capture_default_str();
  command.add_option("--review-sample-rate", server.review_sample_rate,
                     "Share of approvals (0..1) queued for a second review")
      ->envname("SIMREG_REVIEW_SAMPLE_RATE")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  // webhooks
  command.add_option("--webhook-timeout-seconds", server.webhook_timeout_seconds,
                     "How long one webhook delivery try may take, seconds")
      ->envname("SIMREG_WEBHOOK_TIMEOUT_SECONDS")
      ->check(CLI::Range(1, 300))
      ->capture_default_str();
  command.add_option("--webhook-retry-base-seconds", server.webhook_retry_base_seconds,
                     "Delay before the first webhook retry, seconds; doubles per try up to one hour")
      ->envname("SIMREG_WEBHOOK_RETRY_BASE_SECONDS")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
}

}  // namespace simreg::config

// Settings of every simreg command. Each option is set, in order of precedence, by the command
// line, a SIMREG_* environment variable, or the config file (--config, TOML/INI key = value), else
// its default. Plain data; thread-safe to read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/result.hpp"

namespace simreg::config {

struct StorageConfig {
  std::string data_dir = "var";
  std::string database_url;   // empty: SQLite at data_dir/simreg.db
  std::string keyring_file;   // empty: data_dir/keyring.json (SIMREG_KEYRING holds the JSON itself)
  int database_pool_size = 8;
  std::string profile = "cn";  // jurisdiction profile id (profiles/<id>.json)
  std::string profiles_dir;    // empty: only the profiles built into the binary

  std::string blob_dir() const;  // DATA_DIR/blobs: sealed document images, outside any web root

  std::string database_location() const;
  std::string keyring_location() const;
};

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";
  bool demo = false;
  std::string web_root;       // empty: web/dist beside the binary's source tree, if present
  int session_idle_timeout_s = 30 * 60;
  int session_absolute_timeout_s = 12 * 60 * 60;
  int throttle_base_delay_ms = 1000;
  int workers = 0;            // 0: 2 × cores, at least 4
  int queue_capacity = 1024;
  int io_threads = 1;
  std::vector<std::string> public_origins;
  std::string tls_cert;
  std::string tls_key;
  std::string log_level = "info";
  std::string smtp_url;       // smtp://host:port or smtps://host:port; empty: local delivery (read with `simreg outbox list`)
  std::string smtp_from = "simreg <no-reply@simreg.invalid>";
  std::string smtp_user;
  std::string smtp_password;
  std::string sms_gateway_url;
  std::string sms_gateway_token;
  int password_hash_concurrency = 0;      // Argon2id hashes at once (19 MiB each); 0: one per core
  int verification_code_ttl_s = 15 * 60;  // e-mail verification codes expire after this
  // review
  int review_lease_seconds = 15 * 60;  // a reviewer's claim on a case lasts this long unless renewed
  double review_sample_rate = 0.1;     // share of approvals queued for a second (quality) review
  // webhooks
  int webhook_timeout_seconds = 10;       // one delivery try may take this long
  int webhook_retry_base_seconds = 30;    // first retry delay; doubles per try, capped at 1 h
};

struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
};

Result<ListenAddress> parse_listen(const std::string& text);

// Registers --data-dir, --database-url, --keyring-file, --database-pool-size on a (sub)command.
void add_storage_options(CLI::App& command, StorageConfig& storage);
// Registers every `serve` option.
void add_server_options(CLI::App& command, ServerConfig& server);

}  // namespace simreg::config

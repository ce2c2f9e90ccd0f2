#include "app/keyring_command.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "crypto/keyring.hpp"
#include "crypto/sodium_init.hpp"

namespace simreg::app {
namespace {

enum class Rotation { none, data_key, signing_key };

bool keyring_is_injected() {
  const char* json = std::getenv("SIMREG_KEYRING");
  return json != nullptr && *json != '\0';
}

// Ids and versions only: key material never reaches the terminal.
nlohmann::json describe(const crypto::Keyring& keyring, const std::string& location) {
  nlohmann::json data_keys = nlohmann::json::array();
  for (const auto& key : keyring.data_keys()) data_keys.push_back(key.id);
  nlohmann::json retired = nlohmann::json::array();
  for (const auto& key : keyring.retired_signing_keys()) retired.push_back(key.key_id);
  return {{"file", location},
          {"active_data_key", keyring.active_key().id},
          {"data_keys", data_keys},
          {"signing_key_id", keyring.signing_key_id()},
          {"retired_signing_key_ids", retired}};
}

int run(const config::StorageConfig& storage, Rotation rotation, bool json) {
  if (keyring_is_injected()) {
    std::cerr << "simreg: the keyring comes from SIMREG_KEYRING; rotate it where that secret is kept "
                 "(keyring.injected)\n";
    return 1;
  }
  crypto::initialize();
  const std::string location = storage.keyring_location();
  std::error_code ec;
  if (!std::filesystem::exists(location, ec)) {
    std::cerr << "simreg: no keyring at " << location << "; `simreg migrate` or `simreg serve` creates one "
                 "(keyring.missing)\n";
    return 1;
  }
  auto keyring = crypto::Keyring::load_or_create(location);
  if (!keyring) {
    std::cerr << "simreg: " << keyring.error().detail << " (" << keyring.error().code << ")\n";
    return 1;
  }
  if (rotation != Rotation::none) {
    if (rotation == Rotation::data_key) keyring->rotate();
    if (rotation == Rotation::signing_key) keyring->rotate_signing_key();
    if (auto saved = keyring->save(location); !saved) {
      std::cerr << "simreg: " << saved.error().detail << " (" << saved.error().code << ")\n";
      return 1;
    }
  }
  const auto summary = describe(*keyring, location);
  if (json) {
    std::cout << summary.dump() << "\n";
    return 0;
  }
  if (rotation == Rotation::data_key) {
    std::cout << "New data key " << keyring->active_key().id
              << " is active; earlier keys stay to open existing data. Restart running servers.\n";
  } else if (rotation == Rotation::signing_key) {
    std::cout << "New signing key " << keyring->signing_key_id()
              << " signs from now on; earlier public keys stay to verify old signatures. Restart running "
                 "servers.\n";
  }
  std::cout << "Keyring " << location << "\n  active data key: " << keyring->active_key().id
            << " (of " << keyring->data_keys().size() << ")\n  signing key:     " << keyring->signing_key_id()
            << " (" << keyring->retired_signing_keys().size() << " retired)\n";
  return 0;
}

void add(CLI::App& keyring, std::function<int()>& action, config::StorageConfig& storage, const char* name,
         const char* description, Rotation rotation) {
  auto* command = keyring.add_subcommand(name, description);
  config::add_storage_options(*command, storage);
  auto json = std::make_shared<bool>(false);
  command->add_flag("--json", *json, "Print one JSON object (ids only, never key material)");
  command->callback([&action, &storage, rotation, json] {
    action = [&storage, rotation, json] { return run(storage, rotation, *json); };
  });
}

}  // namespace

void add_keyring_commands(CLI::App& keyring, std::function<int()>& action, config::StorageConfig& storage) {
  add(keyring, action, storage, "status", "Show the key ids in the keyring (never key material)", Rotation::none);
  add(keyring, action, storage, "rotate-data-key",
      "Make a new data key active for sealing; earlier keys stay to open existing data", Rotation::data_key);
  add(keyring, action, storage, "rotate-signing-key",
      "Replace the Ed25519 signing key; earlier public keys stay to verify old signatures",
      Rotation::signing_key);
}

}  // namespace simreg::app

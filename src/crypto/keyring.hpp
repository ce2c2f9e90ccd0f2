// Keyring: every secret key simreg holds — AEAD data keys (rotatable, old ones kept to open old
// rows), the blind-index key (never rotated, so look-ups stay stable) and the Ed25519 signing pair
// (rotatable; the public halves of retired pairs are kept so old signatures still verify).
// Immutable once loaded, so const access is safe from any thread; rotate*() are for setup/CLI only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace simreg::crypto {

struct DataKey {
  std::uint32_t id;
  std::string key;  // 32 raw bytes (XChaCha20-Poly1305)
};

struct SigningPublicKey {
  std::string key_id;      // Keyring::key_id_of(public_key)
  std::string public_key;  // 32 raw bytes (Ed25519)
};

class Keyring {
 public:
  static Keyring generate();  // data key id 1 (active), a blind-index key and an Ed25519 pair
  // Validates version, sizes, ids and that the public key belongs to the secret key.
  // Error code "keyring.invalid"; details never contain key material.
  static Result<Keyring> from_json(std::string_view json);
  // Loads `file`, or generates and saves a new keyring (mode 0600) when it does not exist. Refuses
  // a file readable or writable by group/other (code "keyring.insecure_permissions"). Two processes
  // racing to create it end up with the same keyring.
  static Result<Keyring> load_or_create(const std::filesystem::path& file);

  // {"version":1,"active_key_id":..,"data_keys":[{"id":..,"key":..}],"blind_index_key":..,
  //  "signing":{"secret_key":..,"public_key":..}} with standard padded base64 keys, on one line;
  // after rotate_signing_key() also "retired_signing_public_keys":[..] (oldest first).
  std::string to_json() const;
  // Atomic replace: a 0600 temp file beside `file`, fsync, rename, fsync of the directory.
  Result<void> save(const std::filesystem::path& file) const;

  const DataKey& active_key() const;
  const DataKey* key_by_id(std::uint32_t id) const;                     // nullptr when unknown
  const std::vector<DataKey>& data_keys() const { return data_keys_; }  // ascending id
  void rotate();  // adds a key with id max+1 and makes it active; earlier keys stay for opening

  const std::string& blind_index_key() const { return blind_index_key_; }        // 32 bytes
  const std::string& signing_secret_key() const { return signing_secret_key_; }  // 64 bytes
  const std::string& signing_public_key() const { return signing_public_key_; }  // 32 bytes
  std::string signing_key_id() const;  // hex of the first 8 bytes of blake2b(public key)

  // A new Ed25519 pair signs from now on; the old public key joins the retired ones (its secret
  // half is forgotten), so signatures made before still verify and no new ones can be made with it.
  void rotate_signing_key();
  // Public keys of the pairs retired by rotate_signing_key(), oldest first.
  const std::vector<SigningPublicKey>& retired_signing_keys() const {
    return retired_signing_keys_;
  }
  // The public key a signature made under `key_id` verifies with: the current pair's or a retired
  // one's; nullptr when the keyring never held that key.
  const std::string* signing_public_key_for(std::string_view key_id) const;
  static std::string key_id_of(std::string_view public_key);

 private:
  Keyring() = default;

  std::vector<DataKey> data_keys_;
  std::uint32_t active_key_id_ = 0;
  std::string blind_index_key_;
  std::string signing_secret_key_;
  std::string signing_public_key_;
  std::vector<SigningPublicKey> retired_signing_keys_;
};

}  // namespace simreg::crypto

#include "crypto/keyring.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/private_file.hpp"
#include "crypto/contract.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hashing.hpp"
#include "crypto/random.hpp"
#include "crypto/sodium_init.hpp"

namespace simreg::crypto {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kFormatVersion = 1;
constexpr std::size_t kDataKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t kBlindIndexKeyBytes = 32;
constexpr std::size_t kKeyIdDigestBytes = 8;

void wipe(std::string& secret) {
  sodium_memzero(secret.data(), secret.size());
  secret.clear();
}

Error invalid(std::string detail) {
  return Error::make(ErrorKind::internal, "keyring.invalid", std::move(detail));
}

Error io_error(const char* action, const std::filesystem::path& path, int error_number) {
  return Error::make(ErrorKind::internal, "keyring.io",
                     std::string("Cannot ") + action + " the keyring file " + path.string() + ": " +
                         std::strerror(error_number) + ".");
}

// A base64 key of exactly `size` bytes under `name` in `object`.
Result<std::string> read_key(const Json& object, const char* name, std::size_t size,
                             const std::string& what) {
  const auto it = object.find(name);
  if (it == object.end() || !it->is_string()) return invalid("The keyring has no " + what + ".");
  auto decoded = base64_decode(it->get_ref<const std::string&>());
  if (!decoded) return invalid("The keyring's " + what + " is not base64.");
  if (decoded->size() != size) {
    return invalid("The keyring's " + what + " is not " + std::to_string(size) + " bytes.");
  }
  return std::move(*decoded);
}

Result<std::uint32_t> read_id(const Json& object, const char* name, const std::string& what) {
  const auto it = object.find(name);
  if (it == object.end() || !it->is_number_unsigned()) {
    return invalid("The keyring's " + what + " is missing or not a positive integer.");
  }
  const auto value = it->get<std::uint64_t>();
  if (value == 0 || value > std::numeric_limits<std::uint32_t>::max()) {
    return invalid("The keyring's " + what + " is outside 1..4294967295.");
  }
  return static_cast<std::uint32_t>(value);
}

// The file's contents, or nullopt when it does not exist. Permissions are checked on the opened
// descriptor, so the file cannot be swapped between the check and the read.
Result<std::optional<std::string>> read_private_file(const std::filesystem::path& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::optional<std::string>();
    return io_error("open", path, errno);
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return io_error("inspect", path, errno);
  if (!S_ISREG(info.st_mode)) {
    return invalid("The keyring file " + path.string() + " is not a regular file.");
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return Error::make(ErrorKind::internal, "keyring.insecure_permissions",
                       "The keyring file " + path.string() +
                           " is accessible to group or others; run chmod 600 on it.");
  }
  std::string contents;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error_number = errno;
      sodium_memzero(buffer, sizeof buffer);
      wipe(contents);
      return io_error("read", path, error_number);
    }
    if (n == 0) break;
    contents.append(buffer, static_cast<std::size_t>(n));
  }
  sodium_memzero(buffer, sizeof buffer);
  return std::optional<std::string>(std::move(contents));
}

std::filesystem::path directory_of(const std::filesystem::path& file) {
  return file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
}

Result<void> sync_directory(const std::filesystem::path& dir) {
  if (const auto failure = fsync_directory(dir)) {
    return io_error((std::string(failure->step) + " the directory of").c_str(), dir, failure->error_number);
  }
  return success();
}

// Writes `contents` to a new 0600 file beside `file` and makes it durable; returns its path.
Result<std::filesystem::path> write_temp_file(const std::filesystem::path& file, std::string_view contents) {
  std::filesystem::path temp = directory_of(file) / (file.filename().string() + ".tmp-" + hex_encode(random_bytes(8)));
  if (const auto failure = write_new_private_file(temp, contents)) {
    const std::string step = std::string(failure->step) == "create" ? "create a temporary file for" : failure->step;
    return io_error(step.c_str(), file, failure->error_number);
  }
  return temp;
}

// Publishes a new keyring at `file` unless one already exists (link(2) never replaces); returns
// false when another process got there first.
Result<bool> create_exclusive(const std::filesystem::path& file, const Keyring& keyring) {
  std::string contents = keyring.to_json() + "\n";
  auto temp = write_temp_file(file, contents);
  wipe(contents);
  if (!temp) return std::move(temp).error();
  const int linked = ::link(temp->c_str(), file.c_str());
  const int error_number = errno;
  ::unlink(temp->c_str());
  if (linked != 0) {
    if (error_number == EEXIST) return false;
    return io_error("create", file, error_number);
  }
  SIMREG_TRY(sync_directory(directory_of(file)));
  return true;
}

}  // namespace

Keyring Keyring::generate() {
  initialize();
  Keyring keyring;
  keyring.data_keys_.push_back(DataKey{1, random_bytes(kDataKeyBytes)});
  keyring.active_key_id_ = 1;
  keyring.blind_index_key_ = random_bytes(kBlindIndexKeyBytes);
  keyring.signing_public_key_.assign(crypto_sign_PUBLICKEYBYTES, '\0');
  keyring.signing_secret_key_.assign(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(keyring.signing_public_key_.data()),
                      reinterpret_cast<unsigned char*>(keyring.signing_secret_key_.data()));
  return keyring;
}

Result<Keyring> Keyring::from_json(std::string_view json) {
  initialize();
  const Json root = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) return invalid("The keyring is not a JSON object.");

  const auto version = root.find("version");
  if (version == root.end() || !version->is_number_integer() ||
      version->get<std::int64_t>() != kFormatVersion) {
    return invalid("The keyring's version is not 1.");
  }

  Keyring keyring;
  SIMREG_TRY_ASSIGN(keyring.active_key_id_, read_id(root, "active_key_id", "active key id"));

  const auto data_keys = root.find("data_keys");
  if (data_keys == root.end() || !data_keys->is_array() || data_keys->empty()) {
    return invalid("The keyring has no data keys.");
  }
  for (const auto& entry : *data_keys) {
    if (!entry.is_object()) return invalid("A keyring data key entry is not an object.");
    SIMREG_TRY_ASSIGN(const std::uint32_t id, read_id(entry, "id", "data key id"));
    const std::string what = "data key " + std::to_string(id);
    SIMREG_TRY_ASSIGN(std::string key, read_key(entry, "key", kDataKeyBytes, what));
    if (keyring.key_by_id(id) != nullptr) return invalid("The keyring repeats " + what + ".");
    keyring.data_keys_.push_back(DataKey{id, std::move(key)});
  }
  std::sort(keyring.data_keys_.begin(), keyring.data_keys_.end(),
            [](const DataKey& a, const DataKey& b) { return a.id < b.id; });
  if (keyring.key_by_id(keyring.active_key_id_) == nullptr) {
    return invalid("The keyring's active key id names no data key.");
  }

  SIMREG_TRY_ASSIGN(keyring.blind_index_key_,
                    read_key(root, "blind_index_key", kBlindIndexKeyBytes, "blind-index key"));

  const auto signing = root.find("signing");
  if (signing == root.end() || !signing->is_object()) {
    return invalid("The keyring has no signing key pair.");
  }
  SIMREG_TRY_ASSIGN(
      keyring.signing_secret_key_,
      read_key(*signing, "secret_key", crypto_sign_SECRETKEYBYTES, "signing secret key"));
  SIMREG_TRY_ASSIGN(
      keyring.signing_public_key_,
      read_key(*signing, "public_key", crypto_sign_PUBLICKEYBYTES, "signing public key"));
  // An Ed25519 secret key is seed || public key; rebuild it from the seed so a pair that does not
  // belong together is caught here rather than as signatures nobody can verify.
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  unsigned char secret_key[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(
      public_key, secret_key,
      reinterpret_cast<const unsigned char*>(keyring.signing_secret_key_.data()));
  const bool pair_matches =
      sodium_memcmp(secret_key, keyring.signing_secret_key_.data(), sizeof secret_key) == 0 &&
      sodium_memcmp(public_key, keyring.signing_public_key_.data(), sizeof public_key) == 0;
  sodium_memzero(secret_key, sizeof secret_key);
  if (!pair_matches)
    return invalid("The keyring's signing public key does not match its secret key.");

  // Optional: absent until the signing key is first rotated.
  if (const auto retired = root.find("retired_signing_public_keys"); retired != root.end()) {
    if (!retired->is_array()) {
      return invalid("The keyring's retired signing keys are not an array.");
    }
    for (const auto& entry : *retired) {
      if (!entry.is_string()) {
        return invalid("A retired signing public key is not a base64 string.");
      }
      auto decoded = base64_decode(entry.get_ref<const std::string&>());
      if (!decoded || decoded->size() != crypto_sign_PUBLICKEYBYTES) {
        return invalid("A retired signing public key is not 32 bytes of base64.");
      }
      std::string key_id = key_id_of(*decoded);
      if (keyring.signing_public_key_for(key_id) != nullptr) {
        return invalid("The keyring repeats signing key " + key_id + ".");
      }
      keyring.retired_signing_keys_.push_back(
          SigningPublicKey{std::move(key_id), std::move(*decoded)});
    }
  }
  return keyring;
}

Result<Keyring> Keyring::load_or_create(const std::filesystem::path& file) {
  initialize();
  // Two rounds: if another process creates the file between our read and our create, read theirs.
  for (int round = 0; round < 2; ++round) {
    SIMREG_TRY_ASSIGN(auto contents, read_private_file(file));
    if (contents) {
      auto keyring = from_json(*contents);
      wipe(*contents);
      return keyring;
    }
    Keyring keyring = generate();
    SIMREG_TRY_ASSIGN(const bool created, create_exclusive(file, keyring));
    if (created) return keyring;
  }
  return Error::make(ErrorKind::internal, "keyring.io",
                     "The keyring file " + file.string() + " keeps appearing and disappearing.");
}

std::string Keyring::to_json() const {
  Json keys = Json::array();
  for (const DataKey& key : data_keys_) {
    keys.push_back(Json{{"id", key.id}, {"key", base64_encode(key.key)}});
  }
  Json root = {
      {"version", kFormatVersion},
      {"active_key_id", active_key_id_},
      {"data_keys", std::move(keys)},
      {"blind_index_key", base64_encode(blind_index_key_)},
      {"signing",
       {{"secret_key", base64_encode(signing_secret_key_)},
        {"public_key", base64_encode(signing_public_key_)}}},
  };
  // Written only once there is one, so keyrings that never rotated keep their exact old form.
  if (!retired_signing_keys_.empty()) {
    Json retired = Json::array();
    for (const SigningPublicKey& key : retired_signing_keys_) {
      retired.push_back(base64_encode(key.public_key));
    }
    root["retired_signing_public_keys"] = std::move(retired);
  }
  return root.dump();
}

Result<void> Keyring::save(const std::filesystem::path& file) const {
  std::string contents = to_json() + "\n";
  auto temp = write_temp_file(file, contents);
  wipe(contents);
  if (!temp) return std::move(temp).error();
  if (::rename(temp->c_str(), file.c_str()) != 0) {
    const int error_number = errno;
    ::unlink(temp->c_str());
    return io_error("replace", file, error_number);
  }
  return sync_directory(directory_of(file));
}

const DataKey& Keyring::active_key() const {
  const DataKey* key = key_by_id(active_key_id_);
  if (key == nullptr) contract_violation("keyring has no active data key");
  return *key;
}

const DataKey* Keyring::key_by_id(std::uint32_t id) const {
  const auto it = std::find_if(data_keys_.begin(), data_keys_.end(),
                               [id](const DataKey& key) { return key.id == id; });
  return it == data_keys_.end() ? nullptr : &*it;
}

void Keyring::rotate() {
  const std::uint32_t newest = data_keys_.empty() ? 0 : data_keys_.back().id;
  if (newest == std::numeric_limits<std::uint32_t>::max()) {
    contract_violation("keyring data key ids exhausted");
  }
  data_keys_.push_back(DataKey{newest + 1, random_bytes(kDataKeyBytes)});
  active_key_id_ = newest + 1;
}

std::string Keyring::key_id_of(std::string_view public_key) {
  return hex_encode(blake2b(public_key).substr(0, kKeyIdDigestBytes));
}

std::string Keyring::signing_key_id() const { return key_id_of(signing_public_key_); }

void Keyring::rotate_signing_key() {
  initialize();
  retired_signing_keys_.push_back(SigningPublicKey{signing_key_id(), signing_public_key_});
  std::string public_key(crypto_sign_PUBLICKEYBYTES, '\0');
  std::string secret_key(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(public_key.data()),
                      reinterpret_cast<unsigned char*>(secret_key.data()));
  wipe(signing_secret_key_);
  signing_secret_key_ = std::move(secret_key);
  signing_public_key_ = std::move(public_key);
}

const std::string* Keyring::signing_public_key_for(std::string_view key_id) const {
  if (!signing_public_key_.empty() && key_id == signing_key_id()) return &signing_public_key_;
  for (const SigningPublicKey& key : retired_signing_keys_) {
    if (key.key_id == key_id) return &key.public_key;
  }
  return nullptr;
}

}  // namespace simreg::crypto

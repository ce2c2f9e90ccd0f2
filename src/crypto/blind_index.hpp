// BlindIndexer: deterministic keyed digests of normalized personal values (email, ID document
// number, …) so rows can be found by equality without storing or querying plaintext. One derived
// key per purpose keeps indexes of different fields unlinkable. Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "crypto/keyring.hpp"

namespace simreg::crypto {

class BlindIndexer {
 public:
  explicit BlindIndexer(const Keyring& keyring);  // keeps a reference; keyring must outlive it

  // hex(first 16 bytes of blake2b(value, key = blake2b(purpose, 32, blind_index_key))): 32 chars.
  // The caller normalizes the value; the same purpose and value always give the same index.
  std::string compute(std::string_view purpose, std::string_view normalized_value) const;

 private:
  const Keyring& keyring_;
};

}  // namespace simreg::crypto

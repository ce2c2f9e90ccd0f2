// Signer: Ed25519 detached signatures with the keyring's signing key (audit checkpoints, issued
// documents). verify() needs only a public key, so third parties can check signatures offline.
// Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "crypto/keyring.hpp"

namespace simreg::crypto {

class Signer {
 public:
  explicit Signer(const Keyring& keyring);  // keeps a reference; keyring must outlive it

  std::string sign(std::string_view message) const;  // 64 raw bytes
  std::string public_key() const;                    // 32 raw bytes
  std::string key_id() const;                        // Keyring::signing_key_id()
  // False for a wrong-sized key or signature as well as for a bad signature.
  static bool verify(std::string_view public_key, std::string_view message,
                     std::string_view signature);

 private:
  const Keyring& keyring_;
};

}  // namespace simreg::crypto

#include "crypto/signer.hpp"

#include <sodium.h>

#include "crypto/sodium_init.hpp"

namespace simreg::crypto {
namespace {

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

Signer::Signer(const Keyring& keyring) : keyring_(keyring) { initialize(); }

std::string Signer::sign(std::string_view message) const {
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                       bytes_of(message), message.size(), bytes_of(keyring_.signing_secret_key()));
  return signature;
}

std::string Signer::public_key() const { return keyring_.signing_public_key(); }

std::string Signer::key_id() const { return keyring_.signing_key_id(); }

bool Signer::verify(std::string_view public_key, std::string_view message,
                    std::string_view signature) {
  initialize();
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES) {
    return false;
  }
  return crypto_sign_verify_detached(bytes_of(signature), bytes_of(message), message.size(),
                                     bytes_of(public_key)) == 0;
}

}  // namespace simreg::crypto

#include "http/client_tag.hpp"

#include <array>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace simreg::http {
namespace {

struct ProcessKey {
  std::array<unsigned char, 32> bytes{};
  bool usable = false;
  ProcessKey() { usable = RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) == 1; }
};

const ProcessKey& process_key() {
  static const ProcessKey key;
  return key;
}

}  // namespace

std::string client_tag(std::string_view client_address) {
  const ProcessKey& key = process_key();
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (!key.usable || HMAC(EVP_sha256(), key.bytes.data(), static_cast<int>(key.bytes.size()),
                          reinterpret_cast<const unsigned char*>(client_address.data()),
                          client_address.size(), digest.data(), &length) == nullptr) {
    return "unknown";  // without a secret key a hash of an address would be reversible
  }
  std::string out;
  for (unsigned int i = 0; i < 8 && i < length; ++i) out += fmt::format("{:02x}", digest[i]);
  return out;
}

}  // namespace simreg::http

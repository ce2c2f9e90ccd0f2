#include "crypto/blind_index.hpp"

#include <sodium.h>

#include "crypto/encoding.hpp"
#include "crypto/hashing.hpp"
#include "crypto/sodium_init.hpp"

namespace simreg::crypto {
namespace {

constexpr std::size_t kPurposeKeyBytes = 32;
// 128 bits: far beyond any collision risk for equality look-ups, half the column width of 256.
constexpr std::size_t kIndexBytes = 16;

}  // namespace

BlindIndexer::BlindIndexer(const Keyring& keyring) : keyring_(keyring) { initialize(); }

std::string BlindIndexer::compute(std::string_view purpose,
                                  std::string_view normalized_value) const {
  std::string purpose_key = blake2b(purpose, kPurposeKeyBytes, keyring_.blind_index_key());
  std::string digest = blake2b(normalized_value, 32, purpose_key);
  sodium_memzero(purpose_key.data(), purpose_key.size());
  return hex_encode(std::string_view(digest).substr(0, kIndexBytes));
}

}  // namespace simreg::crypto

#include "crypto/field_sealer.hpp"

#include <sodium.h>

#include <cstdint>

#include "crypto/contract.hpp"
#include "crypto/sodium_init.hpp"

namespace simreg::crypto {
namespace {

constexpr unsigned char kVersion = 0x01;
constexpr std::size_t kVersionBytes = 1;
constexpr std::size_t kKeyIdBytes = 4;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kHeaderBytes = kVersionBytes + kKeyIdBytes + kNonceBytes;

static_assert(kNonceBytes == 24 && kTagBytes == 16);

std::string associated_data(const FieldContext& ctx) {
  std::string ad = "simreg.v1|";
  ad.append(ctx.table).append("|").append(ctx.column).append("|").append(ctx.row_id);
  return ad;
}

bool context_is_unambiguous(const FieldContext& ctx) {
  return ctx.table.find('|') == std::string_view::npos &&
         ctx.column.find('|') == std::string_view::npos;
}

Error open_failed(const char* why) {
  return Error::make(ErrorKind::internal, "crypto.open_failed",
                     std::string("A sealed field could not be opened: ") + why + ".");
}

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

FieldSealer::FieldSealer(const Keyring& keyring) : keyring_(keyring) { initialize(); }

std::string FieldSealer::seal(std::string_view plaintext, const FieldContext& ctx) const {
  if (!context_is_unambiguous(ctx)) contract_violation("FieldContext table or column contains '|'");
  const DataKey& key = keyring_.active_key();
  const std::string ad = associated_data(ctx);

  std::string sealed(kHeaderBytes + plaintext.size() + kTagBytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(sealed.data());
  out[0] = kVersion;
  for (std::size_t i = 0; i < kKeyIdBytes; ++i) {
    out[kVersionBytes + i] = static_cast<unsigned char>(key.id >> (8 * (kKeyIdBytes - 1 - i)));
  }
  unsigned char* nonce = out + kVersionBytes + kKeyIdBytes;
  // 192-bit random nonces: collisions are negligible however many fields one key seals.
  randombytes_buf(nonce, kNonceBytes);
  unsigned long long ciphertext_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out + kHeaderBytes, &ciphertext_len,
                                             bytes_of(plaintext), plaintext.size(), bytes_of(ad),
                                             ad.size(), nullptr, nonce, bytes_of(key.key));
  sealed.resize(kHeaderBytes + static_cast<std::size_t>(ciphertext_len));
  return sealed;
}

Result<std::string> FieldSealer::open(std::string_view sealed, const FieldContext& ctx) const {
  if (!context_is_unambiguous(ctx)) return open_failed("invalid context");
  if (sealed.size() < kHeaderBytes + kTagBytes) return open_failed("too short");
  const auto* in = bytes_of(sealed);
  if (in[0] != kVersion) return open_failed("unknown format version");
  std::uint32_t key_id = 0;
  for (std::size_t i = 0; i < kKeyIdBytes; ++i) key_id = (key_id << 8) | in[kVersionBytes + i];
  const DataKey* key = keyring_.key_by_id(key_id);
  if (key == nullptr) return open_failed("unknown data key");

  const std::string ad = associated_data(ctx);
  const unsigned char* nonce = in + kVersionBytes + kKeyIdBytes;
  const std::size_t ciphertext_len = sealed.size() - kHeaderBytes;
  std::string plaintext(ciphertext_len - kTagBytes, '\0');
  unsigned long long plaintext_len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plaintext.data()),
                                                 &plaintext_len, nullptr, in + kHeaderBytes,
                                                 ciphertext_len, bytes_of(ad), ad.size(), nonce,
                                                 bytes_of(key->key)) != 0) {
    return open_failed("authentication failed");
  }
  plaintext.resize(static_cast<std::size_t>(plaintext_len));
  return plaintext;
}

}  // namespace simreg::crypto

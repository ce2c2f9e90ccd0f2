#include "crypto/random.hpp"

#include <sodium.h>

#include <cctype>

#include "crypto/encoding.hpp"
#include "crypto/sodium_init.hpp"

namespace simreg::crypto {
namespace {

constexpr std::size_t kIdBytes =
    16;  // 128 bits: collisions stay negligible at any realistic volume

}  // namespace

std::string random_bytes(std::size_t n) {
  initialize();
  std::string out(n, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

std::string random_token(std::size_t bytes) { return base64url_encode(random_bytes(bytes)); }

std::string random_id(std::string_view prefix) {
  std::string body = base32_encode(random_bytes(kIdBytes));
  for (char& c : body) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string id;
  id.reserve(prefix.size() + 1 + body.size());
  id.append(prefix).append("_").append(body);
  return id;
}

std::string random_digits(int count) {
  initialize();
  if (count <= 0) return {};
  std::string out(static_cast<std::size_t>(count), '0');
  // randombytes_uniform rejects out-of-range samples, so every digit is exactly 1/10 likely.
  for (char& c : out) c = static_cast<char>('0' + randombytes_uniform(10));
  return out;
}

}  // namespace simreg::crypto

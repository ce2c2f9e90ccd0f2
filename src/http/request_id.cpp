#include "http/request_id.hpp"

#include <array>
#include <random>

#include <openssl/rand.h>

namespace simreg::http {
namespace {

constexpr std::size_t kIdBytes = 16;
constexpr std::size_t kIdsPerRefill = 64;

// Random bytes for the next ids of this thread, drawn from OpenSSL's DRBG kIdsPerRefill ids at a
// time: one RAND_bytes call per id (with its fork check and locking) was a visible share of the
// I/O thread's time per request.
struct IdEntropy {
  std::array<unsigned char, kIdBytes * kIdsPerRefill> bytes{};
  std::size_t used = bytes.size();

  const unsigned char* next() {
    if (used == bytes.size()) {
      if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        // An id only has to be unique, not secret; never fail a request for want of entropy.
        std::random_device device;
        for (auto& byte : bytes) byte = static_cast<unsigned char>(device());
      }
      used = 0;
    }
    const unsigned char* id = bytes.data() + used;
    used += kIdBytes;
    return id;
  }
};

}  // namespace

std::string new_request_id() {
  thread_local IdEntropy entropy;
  const unsigned char* bytes = entropy.next();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(kIdBytes * 2, '0');
  for (std::size_t i = 0; i < kIdBytes; ++i) {
    out[2 * i] = kHex[bytes[i] >> 4];
    out[2 * i + 1] = kHex[bytes[i] & 0x0f];
  }
  return out;
}

}  // namespace simreg::http

#include "http/request_id.hpp"

#include <array>
#include <random>

#include <fmt/format.h>
#include <openssl/rand.h>

namespace simreg::http {

std::string new_request_id() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    // An id only has to be unique, not secret; never fail a request for want of entropy.
    std::random_device device;
    for (auto& byte : bytes) byte = static_cast<unsigned char>(device());
  }
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const unsigned char byte : bytes) out += fmt::format("{:02x}", byte);
  return out;
}

}  // namespace simreg::http

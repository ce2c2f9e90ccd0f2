// FNV-1a, 64 bit: a fast, stable (never changes across builds or platforms) fingerprint of text.
// Used to name prepared statements and to checksum migrations; not a cryptographic hash. Pure.
#pragma once

#include <cstdint>
#include <string_view>

namespace simreg::db {

constexpr std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace simreg::db

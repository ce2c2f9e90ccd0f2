// Line ids: "sim_" + 26 lower-case Crockford base32 characters of 128 bits: the creation time
// (Unix ms, top 48 bits), then 80 bits that start random and count up within a sequence. So ids
// sort by creation and an import's rows append to the primary-key index instead of landing at
// random places. Ids are not secrets (access checks ownership). Immutable; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace simreg::sims {

inline constexpr std::string_view kLineIdPrefix = "sim_";

class LineIdSequence {
 public:
  // A sequence starting at `now_ms` with fresh random low bits (from the OS CSPRNG).
  static LineIdSequence starting_at(std::int64_t now_ms);
  // For tests: the low 80 bits taken from the first 10 bytes of `random` (zero-padded).
  LineIdSequence(std::int64_t now_ms, std::string_view random);

  // The id `ordinal` places after the first; distinct ordinals give distinct ids, ordered alike.
  std::string at(std::uint64_t ordinal) const;

 private:
  unsigned __int128 base_ = 0;
};

}  // namespace simreg::sims

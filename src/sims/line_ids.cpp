#include "sims/line_ids.hpp"

#include "crypto/random.hpp"

namespace simreg::sims {
namespace {

// Crockford's alphabet is in ASCII order, so string order equals numeric order.
constexpr std::string_view kAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";
constexpr int kChars = 26;  // 130 bits, the top two always zero
constexpr int kRandomBytes = 10;
constexpr int kTimeBits = 48;

}  // namespace

LineIdSequence LineIdSequence::starting_at(std::int64_t now_ms) {
  return LineIdSequence(now_ms, crypto::random_bytes(kRandomBytes));
}

LineIdSequence::LineIdSequence(std::int64_t now_ms, std::string_view random) {
  unsigned __int128 low = 0;
  for (int i = 0; i < kRandomBytes; ++i) {
    const auto byte =
        i < static_cast<int>(random.size()) ? static_cast<unsigned char>(random[i]) : 0;
    low = (low << 8) | byte;
  }
  const auto time = static_cast<unsigned __int128>(static_cast<std::uint64_t>(now_ms) &
                                                   ((1ULL << kTimeBits) - 1));
  base_ = (time << (128 - kTimeBits)) | low;
}

std::string LineIdSequence::at(std::uint64_t ordinal) const {
  unsigned __int128 value = base_ + ordinal;
  std::string id(kLineIdPrefix.size() + kChars, '0');
  id.replace(0, kLineIdPrefix.size(), kLineIdPrefix);
  for (int i = kChars - 1; i >= 0; --i) {
    id[kLineIdPrefix.size() + static_cast<std::size_t>(i)] =
        kAlphabet[static_cast<std::size_t>(value & 31)];
    value >>= 5;
  }
  return id;
}

}  // namespace simreg::sims

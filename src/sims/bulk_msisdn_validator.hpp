// Many MSISDNs of one region, with exactly jurisdiction::normalize_msisdn's verdicts at import
// speed: strict E.164 input is answered from a cache of libphonenumber verdicts per number length
// and leading digits (see the class); everything else goes through jurisdiction in full.
// Not thread-safe (the cache): one per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.hpp"

namespace simreg::sims {

// libphonenumber's parse + validate costs ~12 µs a number. A cache key is (length, first
// kPrefixDigits national digits); it is settled once, by normalize_msisdn on a real row plus
// libphonenumber probes that vary every later digit position, and a key whose probes disagree is
// never cached. Every rejection goes through jurisdiction (check_msisdn names the reason).
class BulkMsisdnValidator {
 public:
  static constexpr int kPrefixDigits = 5;
  static constexpr std::size_t kMaxCachedKeys = 1 << 16;

  // Error "sims.unknown_region" (internal) when libphonenumber has no such region.
  static Result<BulkMsisdnValidator> for_region(std::string_view region);

  struct Outcome {
    std::string e164;        // set when valid
    std::string_view error;  // "msisdn.invalid" | "msisdn.wrong_country"; empty when valid
    bool valid() const { return error.empty(); }
  };
  Outcome check(std::string_view text);

  struct Stats {
    std::size_t cache_hits = 0;     // rows answered from the cache
    std::size_t settled_keys = 0;   // keys cached
    std::size_t volatile_keys = 0;  // keys whose probes disagreed (always the slow path)
    std::size_t slow_checks = 0;    // rows that went through jurisdiction
  };
  const Stats& stats() const { return stats_; }

 private:
  enum class Verdict : std::uint8_t { valid, invalid, unsettled };

  BulkMsisdnValidator(std::string region, int calling_code);
  Verdict settle(std::string_view e164, std::string_view national);
  bool libphonenumber_accepts(std::string_view national) const;
  Outcome slow_check(std::string_view text);

  std::string region_;
  int calling_code_;
  std::string calling_code_digits_;
  std::unordered_map<std::uint64_t, Verdict> cache_;
  Stats stats_;
};

}  // namespace simreg::sims

// DigitPattern: a regular expression over the digits 0-9, compiled once into a DFA so that
// matching a phone number costs one table lookup per digit. It accepts the subset libphonenumber's
// metadata uses: digits, \d, [..] classes, (..) and (?:..) groups, |, ?, *, +, {n}, {n,}, {n,m}.
// Immutable after compile; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace simreg::jurisdiction {

class DigitPattern {
 public:
  // nullopt for syntax outside the subset (anchors, letters, lookaround, ...) or a DFA larger than
  // `max_states`; callers then fall back to a general regex engine.
  static std::optional<DigitPattern> compile(std::string_view regex,
                                             std::size_t max_states = 100'000);

  // The whole of `digits` is in the language (regex "matches").
  bool matches(std::string_view digits) const;
  // Some prefix of `digits`, possibly empty, is in the language (regex "lookingAt").
  bool matches_prefix(std::string_view digits) const;

  std::size_t state_count() const { return accepting_.size(); }

 private:
  DigitPattern() = default;

  std::vector<std::array<std::int32_t, 10>> next_;  // -1: no match possible any more
  std::vector<bool> accepting_;
};

}  // namespace simreg::jurisdiction

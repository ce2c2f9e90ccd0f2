#include "jurisdiction/ph_ids.hpp"

#include <cctype>
#include <initializer_list>
#include <string>

namespace simreg::jurisdiction {

namespace {

// Splits `text` into groups of the given sizes, separated by nothing, by single hyphens or by
// single spaces (the same separator throughout). Returns the concatenated groups, or "" when the
// text has another shape. `pattern` holds one character class per group: 'd' digits, 'a' one
// letter followed by digits.
std::string match_groups(std::string_view text, std::initializer_list<std::size_t> sizes,
                         const char* pattern) {
  std::size_t total = 0;
  for (std::size_t size : sizes) total += size;
  char separator = 0;
  if (text.size() == total + sizes.size() - 1) {
    separator = text[sizes.begin()[0]];
    if (separator != '-' && separator != ' ') return "";
  } else if (text.size() != total) {
    return "";
  }
  std::string compact;
  std::size_t pos = 0;
  std::size_t group = 0;
  for (std::size_t size : sizes) {
    if (group > 0 && separator != 0) {
      if (text[pos] != separator) return "";
      ++pos;
    }
    for (std::size_t i = 0; i < size; ++i, ++pos) {
      const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(text[pos])));
      const bool letter_slot = pattern[group] == 'a' && i == 0;
      if (letter_slot ? !(c >= 'A' && c <= 'Z') : !(c >= '0' && c <= '9')) return "";
      compact.push_back(c);
    }
    ++group;
  }
  return compact;
}

}  // namespace

ValidationResult check_ph_philsys_id(std::string_view number, const DocumentCheckContext&) {
  ValidationResult result;
  if (auto pcn = match_groups(number, {4, 4, 4, 4}, "dddd"); !pcn.empty()) {
    result.fields["kind"] = "pcn";
    result.fields["normalized"] = pcn;
  } else if (auto psn = match_groups(number, {4, 4, 4}, "ddd"); !psn.empty()) {
    result.fields["kind"] = "psn";
    result.fields["normalized"] = psn;
  } else {
    result.fail("id.format");
  }
  return result;
}

ValidationResult check_ph_drivers_license(std::string_view number, const DocumentCheckContext&) {
  ValidationResult result;
  const auto compact = match_groups(number, {3, 2, 6}, "add");
  if (compact.empty()) {
    result.fail("id.format");
    return result;
  }
  result.fields["normalized"] =
      compact.substr(0, 3) + "-" + compact.substr(3, 2) + "-" + compact.substr(5);
  result.fields["office_code"] = compact.substr(0, 3);
  result.fields["year"] = compact.substr(3, 2);
  return result;
}

ValidationResult check_ph_umid(std::string_view number, const DocumentCheckContext&) {
  ValidationResult result;
  const auto compact = match_groups(number, {4, 7, 1}, "ddd");
  if (compact.empty()) {
    result.fail("id.format");
    return result;
  }
  result.fields["normalized"] =
      compact.substr(0, 4) + "-" + compact.substr(4, 7) + "-" + compact.substr(11);
  return result;
}

}  // namespace simreg::jurisdiction

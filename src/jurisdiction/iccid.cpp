#include "jurisdiction/iccid.hpp"

#include <algorithm>
#include <string>

#include "jurisdiction/phone_number.hpp"

namespace simreg::jurisdiction {

namespace {

constexpr std::size_t kMinDigits = 19;
constexpr std::size_t kMaxDigits = 20;

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// E.164 calling codes are prefix-free, so at most one of the 1-, 2- and 3-digit prefixes is
// assigned. Early North American ICCIDs write code 1 as "01".
nlohmann::json issuer_of(std::string_view digits) {
  nlohmann::json issuer = {
      {"mii", "89"}, {"country_code", nullptr}, {"region", nullptr}, {"issuer_id", nullptr}};
  const std::string_view rest = digits.substr(2);
  int code = 0;
  std::size_t used = 0;
  if (rest.substr(0, 2) == "01") {
    code = 1;
    used = 2;
  } else if (rest[0] != '0') {
    int candidate = 0;
    for (std::size_t length = 1; length <= 3 && used == 0; ++length) {
      candidate = candidate * 10 + (rest[length - 1] - '0');
      if (region_for_calling_code(candidate)) {
        code = candidate;
        used = length;
      }
    }
  }
  if (used == 0) return issuer;
  issuer["country_code"] = std::to_string(code);
  const auto region = region_for_calling_code(code);
  // "001" is libphonenumber's name for non-geographic codes (882, 883: international networks).
  if (region && *region != "001") issuer["region"] = *region;
  issuer["issuer_id"] = std::string(rest.substr(used, 2));
  return issuer;
}

}  // namespace

bool luhn_valid(std::string_view digits) noexcept {
  // Doubled digit d contributes 2d or 2d - 9.
  static constexpr int kDoubled[10] = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9};
  int sum = 0;
  bool doubled = false;
  for (std::size_t i = digits.size(); i-- > 0;) {
    const int d = digits[i] - '0';
    sum += doubled ? kDoubled[d] : d;
    doubled = !doubled;
  }
  return sum % 10 == 0;
}

bool iccid_is_valid(std::string_view digits) noexcept {
  if (digits.size() < kMinDigits || digits.size() > kMaxDigits) return false;
  if (digits[0] != '8' || digits[1] != '9') return false;
  for (char c : digits) {
    if (static_cast<unsigned char>(c - '0') > 9) return false;
  }
  return luhn_valid(digits);
}

ValidationResult check_iccid(std::string_view text) {
  ValidationResult result;
  std::string digits;
  digits.reserve(text.size());
  for (char c : text) {
    if (c != ' ' && c != '-') digits.push_back(c);
  }
  if (!all_digits(digits) || digits.size() < kMinDigits || digits.size() > kMaxDigits ||
      digits.compare(0, 2, "89") != 0) {
    result.fail("iccid.format");
    return result;
  }
  if (!luhn_valid(digits)) result.fail("iccid.check_digit");
  result.fields["normalized"] = digits;
  result.fields["issuer"] = issuer_of(digits);
  return result;
}

}  // namespace simreg::jurisdiction

#include "jurisdiction/passport_number.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace simreg::jurisdiction {

namespace {
constexpr std::size_t kMinLength = 6;
constexpr std::size_t kMaxLength = 9;
}  // namespace

ValidationResult check_passport_number(std::string_view number, const DocumentCheckContext&) {
  ValidationResult result;
  std::string normalized;
  for (char c : number) {
    if (c == ' ') continue;
    normalized.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  const bool alphanumeric = std::all_of(normalized.begin(), normalized.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  });
  if (!alphanumeric || normalized.size() < kMinLength || normalized.size() > kMaxLength) {
    result.fail("id.format");
    return result;
  }
  result.fields["normalized"] = normalized;
  return result;
}

}  // namespace simreg::jurisdiction

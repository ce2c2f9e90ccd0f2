#include "jurisdiction/cn_resident_id.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace simreg::jurisdiction {

namespace {

// GB/T 2260 province-level codes, plus 81/82/83: the residence permits of Hong Kong, Macao and
// Taiwan residents use the same 18-character number.
constexpr std::array<int, 35> kProvinceCodes = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34,
                                                35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
                                                53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83};

// Weight of position i is 2^(17 - i) mod 11.
constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckChars = "10X98765432";

// The earliest plausible birth year: the standard's own example is born in 1880.
constexpr int kEarliestBirthYear = 1850;

int value_of(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

char cn_resident_id_check_char(std::string_view first17) {
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheckChars[sum % 11];
}

ValidationResult check_cn_resident_id(std::string_view number,
                                      const DocumentCheckContext& context) {
  ValidationResult result;
  std::string id(number);
  if (id.size() == 18 && id[17] == 'x') id[17] = 'X';
  const bool shaped =
      id.size() == 18 &&
      std::all_of(id.begin(), id.begin() + 17, [](char c) { return c >= '0' && c <= '9'; }) &&
      ((id[17] >= '0' && id[17] <= '9') || id[17] == 'X');
  if (!shaped) {
    result.fail("id.format");
    return result;
  }
  if (cn_resident_id_check_char(std::string_view(id).substr(0, 17)) != id[17])
    result.fail("id.check_digit");

  const int province = value_of(std::string_view(id).substr(0, 2));
  if (std::find(kProvinceCodes.begin(), kProvinceCodes.end(), province) == kProvinceCodes.end()) {
    result.fail("id.region_unknown");
  }
  result.fields["region_code"] = id.substr(0, 6);

  const Date birth{value_of(std::string_view(id).substr(6, 4)),
                   value_of(std::string_view(id).substr(10, 2)),
                   value_of(std::string_view(id).substr(12, 2))};
  if (!is_valid_date(birth.year, birth.month, birth.day) || birth.year < kEarliestBirthYear ||
      context.today < birth) {
    result.fail("id.birth_date_invalid");
  } else {
    result.fields["date_of_birth"] = format_date(birth);
    if (context.date_of_birth && *context.date_of_birth != birth)
      result.fail("id.birth_date_mismatch");
  }

  // The 17th character is the order code: odd for men, even for women.
  const char sex = (id[16] - '0') % 2 == 1 ? 'M' : 'F';
  result.fields["sex"] = std::string(1, sex);
  if (context.sex && *context.sex != sex) result.fail("id.sex_mismatch");
  result.fields["normalized"] = id;
  return result;
}

}  // namespace simreg::jurisdiction

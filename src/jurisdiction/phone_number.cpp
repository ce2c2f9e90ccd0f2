#include "jurisdiction/phone_number.hpp"

#include <algorithm>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include "jurisdiction/msisdn_fast_path.hpp"

namespace simreg::jurisdiction {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// Longer input is no phone number; the bound keeps libphonenumber's regexes off hostile text.
constexpr std::size_t kMaxInputLength = 40;

// Digits and the punctuation people type between them. Letters (vanity numbers, "ext.") are out.
bool plausible_characters(std::string_view text) {
  return !text.empty() && text.size() <= kMaxInputLength &&
         std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '-' || c == '(' ||
                  c == ')' || c == '.';
         });
}

const char* type_name(PhoneNumberUtil::PhoneNumberType type) {
  switch (type) {
    case PhoneNumberUtil::FIXED_LINE:
      return "fixed_line";
    case PhoneNumberUtil::MOBILE:
      return "mobile";
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE:
      return "fixed_line_or_mobile";
    case PhoneNumberUtil::TOLL_FREE:
      return "toll_free";
    case PhoneNumberUtil::PREMIUM_RATE:
      return "premium_rate";
    case PhoneNumberUtil::SHARED_COST:
      return "shared_cost";
    case PhoneNumberUtil::VOIP:
      return "voip";
    case PhoneNumberUtil::PERSONAL_NUMBER:
      return "personal_number";
    case PhoneNumberUtil::PAGER:
      return "pager";
    case PhoneNumberUtil::UAN:
      return "uan";
    case PhoneNumberUtil::VOICEMAIL:
      return "voicemail";
    case PhoneNumberUtil::UNKNOWN:
      return "unknown";
  }
  return "unknown";
}

bool sim_can_have(PhoneNumberUtil::PhoneNumberType type) {
  return type == PhoneNumberUtil::MOBILE || type == PhoneNumberUtil::FIXED_LINE_OR_MOBILE;
}

// A parsed, valid number; nullopt when the text is none.
std::optional<PhoneNumber> parse_valid(std::string_view text, std::string_view default_region) {
  if (!plausible_characters(text)) return std::nullopt;
  const auto* util = PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util->Parse(std::string(text), std::string(default_region), &number) !=
      PhoneNumberUtil::NO_PARSING_ERROR) {
    return std::nullopt;
  }
  if (number.has_extension() || !util->IsValidNumber(number)) return std::nullopt;
  return number;
}

std::string e164(const PhoneNumber& number) {
  std::string out;
  PhoneNumberUtil::GetInstance()->Format(number, PhoneNumberUtil::E164, &out);
  return out;
}

ValidationResult describe(const PhoneNumber& number) {
  const auto* util = PhoneNumberUtil::GetInstance();
  ValidationResult result;
  std::string region;
  util->GetRegionCodeForNumber(number, &region);
  result.fields["e164"] = e164(number);
  result.fields["region"] = region;
  result.fields["type"] = type_name(util->GetNumberType(number));
  return result;
}

}  // namespace

ValidationResult check_msisdn(std::string_view text, std::string_view region) {
  const auto number = parse_valid(text, region);
  if (!number) {
    ValidationResult result;
    result.fail("msisdn.invalid");
    return result;
  }
  const auto* util = PhoneNumberUtil::GetInstance();
  auto result = describe(*number);
  if (!util->IsValidNumberForRegion(*number, std::string(region)))
    result.fail("msisdn.wrong_country");
  if (!sim_can_have(util->GetNumberType(*number))) result.fail("msisdn.invalid");
  return result;
}

std::optional<std::string> normalize_msisdn(std::string_view text, std::string_view region) {
  switch (decide_msisdn_fast(text, region)) {
    case FastVerdict::valid:
      return std::string(text);
    case FastVerdict::invalid:
      return std::nullopt;
    case FastVerdict::undecided:
      break;
  }
  return detail::normalize_msisdn_with_libphonenumber(text, region);
}

namespace detail {

std::optional<std::string> normalize_msisdn_with_libphonenumber(std::string_view text,
                                                                std::string_view region) {
  const auto number = parse_valid(text, region);
  if (!number) return std::nullopt;
  const auto* util = PhoneNumberUtil::GetInstance();
  if (!util->IsValidNumberForRegion(*number, std::string(region))) return std::nullopt;
  if (!sim_can_have(util->GetNumberType(*number))) return std::nullopt;
  return e164(*number);
}

}  // namespace detail

ValidationResult check_phone_number(std::string_view text, std::string_view default_region) {
  const auto number = parse_valid(text, default_region);
  if (!number) {
    ValidationResult result;
    result.fail("msisdn.invalid");
    return result;
  }
  return describe(*number);
}

bool is_phone_region(std::string_view region) {
  if (region.size() != 2) return false;
  return PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(std::string(region)) != 0;
}

std::optional<std::string> region_for_calling_code(int calling_code) {
  std::string region;
  PhoneNumberUtil::GetInstance()->GetRegionCodeForCountryCode(calling_code, &region);
  if (region.empty() || region == "ZZ") return std::nullopt;
  return region;
}

}  // namespace simreg::jurisdiction

#include "sims/bulk_msisdn_validator.hpp"

#include <algorithm>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include "jurisdiction/phone_number.hpp"

namespace simreg::sims {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr std::size_t kMaxE164Digits = 15;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::uint64_t digits_value(std::string_view digits) {
  std::uint64_t value = 0;
  for (const char c : digits) value = value * 10 + static_cast<std::uint64_t>(c - '0');
  return value;
}

}  // namespace

Result<BulkMsisdnValidator> BulkMsisdnValidator::for_region(std::string_view region) {
  const int code = PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(std::string(region));
  if (code == 0) {
    return Error::make(ErrorKind::internal, "sims.unknown_region",
                       "The profile's country is not a telephone numbering region.");
  }
  return BulkMsisdnValidator(std::string(region), code);
}

BulkMsisdnValidator::BulkMsisdnValidator(std::string region, int calling_code)
    : region_(std::move(region)),
      calling_code_(calling_code),
      calling_code_digits_(std::to_string(calling_code)) {}

bool BulkMsisdnValidator::libphonenumber_accepts(std::string_view national) const {
  // What normalize_msisdn decides once it has parsed: valid for the region, and a type a SIM can
  // have. Parsing is skipped: the caller guarantees plain digits without a leading zero.
  const auto* util = PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  number.set_country_code(calling_code_);
  number.set_national_number(digits_value(national));
  if (!util->IsValidNumberForRegion(number, region_)) return false;
  const auto type = util->GetNumberType(number);
  return type == PhoneNumberUtil::MOBILE || type == PhoneNumberUtil::FIXED_LINE_OR_MOBILE;
}

BulkMsisdnValidator::Verdict BulkMsisdnValidator::settle(std::string_view e164,
                                                         std::string_view national) {
  // The real row through the real validator first: the cache can only ever repeat its verdict.
  const auto normalized = jurisdiction::normalize_msisdn(e164, region_);
  const bool accepted = normalized && *normalized == e164;
  if (libphonenumber_accepts(national) != accepted) return Verdict::unsettled;
  // Every digit after the prefix, set to 0, to 9 and to its value + 5: a pattern that constrains
  // any of them shows up as a disagreement, and then this key is never answered from the cache.
  std::string probe(national);
  for (std::size_t i = kPrefixDigits; i < probe.size(); ++i) {
    const char original = probe[i];
    for (const char digit : {'0', '9', static_cast<char>('0' + (original - '0' + 5) % 10)}) {
      if (digit == original) continue;
      probe[i] = digit;
      if (libphonenumber_accepts(probe) != accepted) return Verdict::unsettled;
    }
    probe[i] = original;
  }
  return accepted ? Verdict::valid : Verdict::invalid;
}

BulkMsisdnValidator::Outcome BulkMsisdnValidator::slow_check(std::string_view text) {
  ++stats_.slow_checks;
  if (auto e164 = jurisdiction::normalize_msisdn(text, region_)) return {std::move(*e164), {}};
  const auto result = jurisdiction::check_msisdn(text, region_);
  const bool wrong_country = result.has_error("msisdn.wrong_country");
  return {{},
          wrong_country ? std::string_view("msisdn.wrong_country")
                        : std::string_view("msisdn.invalid")};
}

BulkMsisdnValidator::Outcome BulkMsisdnValidator::check(std::string_view text) {
  const std::string_view trimmed = trim(text);
  const std::size_t code_length = calling_code_digits_.size();
  const bool strict_e164 =
      trimmed.size() > 2 + code_length && trimmed.size() <= 1 + kMaxE164Digits &&
      trimmed[0] == '+' && all_digits(trimmed.substr(1)) &&
      trimmed.substr(1, code_length) == calling_code_digits_ && trimmed[1 + code_length] != '0';
  if (!strict_e164) return slow_check(trimmed);

  const std::string_view national = trimmed.substr(1 + code_length);
  const std::size_t prefix_length = std::min<std::size_t>(national.size(), kPrefixDigits);
  const std::uint64_t key = (static_cast<std::uint64_t>(national.size()) << 40) |
                            digits_value(national.substr(0, prefix_length));
  Verdict verdict;
  if (const auto found = cache_.find(key); found != cache_.end()) {
    verdict = found->second;
  } else if (cache_.size() < kMaxCachedKeys) {
    verdict = settle(trimmed, national);
    cache_.emplace(key, verdict);
    ++(verdict == Verdict::unsettled ? stats_.volatile_keys : stats_.settled_keys);
  } else {
    verdict = Verdict::unsettled;
  }
  if (verdict == Verdict::valid) {
    ++stats_.cache_hits;
    return {std::string(trimmed), {}};
  }
  // Rejections are rare and must name the right reason: the full path decides them.
  return slow_check(trimmed);
}

}  // namespace simreg::sims

#include "jurisdiction/msisdn_fast_path.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <phonenumbers/phonemetadata.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include "jurisdiction/digit_pattern.hpp"

// libphonenumber's serialized metadata, the same bytes PhoneNumberUtil loads. Exported by the
// library (metadata.cc) but not declared in its installed headers.
namespace i18n::phonenumbers {
int metadata_size();
const void* metadata_get();
}  // namespace i18n::phonenumbers

namespace simreg::jurisdiction {

namespace {

using i18n::phonenumbers::PhoneNumberUtil;

// Why this is exact: for "+<country code><national number>" input, libphonenumber's Parse extracts
// the country code and then strips a national prefix only if the region's
// national_prefix_for_parsing matches the start of the national number. When it does not match
// (and the national number has no leading zero), the parsed number is exactly the digits given,
// and IsValidNumberForRegion / GetNumberType reduce to GetNumberTypeHelper over the region's
// metadata, which RegionRules reproduces with DFAs. Everything else is left undecided.

struct DescRule {
  std::vector<int> possible_lengths;    // empty: any length (the general description decided it)
  std::optional<DigitPattern> pattern;  // nullopt: the description has no pattern (matches nothing)

  bool matches(std::string_view national_number) const {
    if (!possible_lengths.empty() &&
        std::find(possible_lengths.begin(), possible_lengths.end(),
                  static_cast<int>(national_number.size())) == possible_lengths.end()) {
      return false;
    }
    return pattern && pattern->matches(national_number);
  }
};

struct RegionRules {
  std::string country_code;
  std::optional<DigitPattern> national_prefix_for_parsing;  // nullopt: none
  bool same_mobile_and_fixed_line_pattern = false;
  DescRule general, premium_rate, toll_free, shared_cost, voip, personal_number, pager, uan,
      voicemail, fixed_line, mobile;

  // GetNumberTypeHelper, restricted to the answer normalize_msisdn needs.
  bool sim_capable(std::string_view nsn) const {
    if (!general.matches(nsn)) return false;
    for (const DescRule* other : {&premium_rate, &toll_free, &shared_cost, &voip, &personal_number,
                                  &pager, &uan, &voicemail}) {
      if (other->matches(nsn)) return false;
    }
    if (fixed_line.matches(nsn)) return same_mobile_and_fixed_line_pattern || mobile.matches(nsn);
    return !same_mobile_and_fixed_line_pattern && mobile.matches(nsn);
  }
};

// nullopt when a pattern uses syntax DigitPattern does not support (the region then always takes
// the slow path).
std::optional<DescRule> compile_desc(const i18n::phonenumbers::PhoneNumberDesc& desc) {
  DescRule rule;
  rule.possible_lengths.assign(desc.possible_length().begin(), desc.possible_length().end());
  if (!desc.national_number_pattern().empty()) {
    rule.pattern = DigitPattern::compile(desc.national_number_pattern());
    if (!rule.pattern) return std::nullopt;
  }
  return rule;
}

std::unique_ptr<const RegionRules> compile_region(
    const i18n::phonenumbers::PhoneMetadata& metadata) {
  auto rules = std::make_unique<RegionRules>();
  rules->country_code = std::to_string(metadata.country_code());
  rules->same_mobile_and_fixed_line_pattern = metadata.same_mobile_and_fixed_line_pattern();
  if (!metadata.national_prefix_for_parsing().empty()) {
    rules->national_prefix_for_parsing =
        DigitPattern::compile(metadata.national_prefix_for_parsing());
    if (!rules->national_prefix_for_parsing) return nullptr;
  }
  const std::pair<DescRule RegionRules::*, const i18n::phonenumbers::PhoneNumberDesc*> descs[] = {
      {&RegionRules::general, &metadata.general_desc()},
      {&RegionRules::premium_rate, &metadata.premium_rate()},
      {&RegionRules::toll_free, &metadata.toll_free()},
      {&RegionRules::shared_cost, &metadata.shared_cost()},
      {&RegionRules::voip, &metadata.voip()},
      {&RegionRules::personal_number, &metadata.personal_number()},
      {&RegionRules::pager, &metadata.pager()},
      {&RegionRules::uan, &metadata.uan()},
      {&RegionRules::voicemail, &metadata.voicemail()},
      {&RegionRules::fixed_line, &metadata.fixed_line()},
      {&RegionRules::mobile, &metadata.mobile()}};
  for (const auto& [member, desc] : descs) {
    auto rule = compile_desc(*desc);
    if (!rule) return nullptr;
    (*rules).*member = std::move(*rule);
  }
  return rules;
}

// Compiled on first use per region, kept for the process. nullptr: no fast path for that region
// (unknown, not its calling code's main region, or unsupported pattern syntax).
const RegionRules* rules_for(std::string_view region) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<const RegionRules>, std::less<>> compiled;
  // Most callers ask for one region over and over: remember the last answer per thread.
  thread_local std::string last_region;
  thread_local const RegionRules* last_rules = nullptr;
  if (!last_region.empty() && last_region == region) return last_rules;

  std::lock_guard lock(mutex);
  auto it = compiled.find(region);
  if (it == compiled.end()) {
    std::unique_ptr<const RegionRules> rules;
    const auto* util = PhoneNumberUtil::GetInstance();
    const int calling_code = util->GetCountryCodeForRegion(std::string(region));
    std::string main_region;
    util->GetRegionCodeForCountryCode(calling_code, &main_region);
    if (calling_code != 0 && main_region == region) {
      i18n::phonenumbers::PhoneMetadataCollection collection;
      if (collection.ParseFromArray(i18n::phonenumbers::metadata_get(),
                                    i18n::phonenumbers::metadata_size())) {
        for (const auto& metadata : collection.metadata()) {
          if (metadata.id() == region) {
            rules = compile_region(metadata);
            break;
          }
        }
      }
    }
    it = compiled.emplace(std::string(region), std::move(rules)).first;
  }
  last_region = std::string(region);
  last_rules = it->second.get();
  return last_rules;
}

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Libphonenumber's limits on a national significant number (kMinLengthForNsn, kMaxLengthForNsn).
constexpr std::size_t kMinNsnLength = 2;
constexpr std::size_t kMaxNsnLength = 17;

}  // namespace

FastVerdict decide_msisdn_fast(std::string_view text, std::string_view region) {
  if (text.size() < 2 || text[0] != '+' || !all_digits(text.substr(1))) {
    return FastVerdict::undecided;
  }
  const RegionRules* rules = rules_for(region);
  if (rules == nullptr) return FastVerdict::undecided;
  const std::string_view digits = text.substr(1);
  // Calling codes are prefix-free: any other start is another country (or none).
  if (digits.substr(0, rules->country_code.size()) != rules->country_code)
    return FastVerdict::invalid;
  const std::string_view nsn = digits.substr(rules->country_code.size());
  if (nsn.size() < kMinNsnLength || nsn.size() > kMaxNsnLength || nsn[0] == '0')
    return FastVerdict::undecided;
  if (rules->national_prefix_for_parsing &&
      rules->national_prefix_for_parsing->matches_prefix(nsn)) {
    return FastVerdict::undecided;
  }
  return rules->sim_capable(nsn) ? FastVerdict::valid : FastVerdict::invalid;
}

bool msisdn_fast_path_available(std::string_view region) { return rules_for(region) != nullptr; }

}  // namespace simreg::jurisdiction

#include "jurisdiction/us_drivers_license.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

namespace simreg::jurisdiction {

namespace {

struct StateFormat {
  std::string_view state;
  std::string_view pattern;  // ECMAScript, matched against the whole normalized number
};

// One alternation per state. "L" = letter, "N" = digit in the comments of the source table.
constexpr std::array<StateFormat, 51> kStateFormats{{
    {"AK", R"(\d{1,7})"},
    {"AL", R"(\d{1,8})"},
    {"AR", R"(\d{4,9})"},
    {"AZ", R"([A-Z]\d{8}|\d{9})"},
    {"CA", R"([A-Z]\d{7})"},
    {"CO", R"(\d{9}|[A-Z]\d{3,6}|[A-Z]{2}\d{2,5})"},
    {"CT", R"(\d{9})"},
    {"DC", R"(\d{7}|\d{9})"},
    {"DE", R"(\d{1,7})"},
    {"FL", R"([A-Z]\d{12})"},
    {"GA", R"(\d{7,9})"},
    {"HI", R"([A-Z]\d{8}|\d{9})"},
    {"IA", R"(\d{9}|\d{3}[A-Z]{2}\d{4})"},
    {"ID", R"([A-Z]{2}\d{6}[A-Z]|\d{9})"},
    {"IL", R"([A-Z]\d{11,12})"},
    {"IN", R"([A-Z]\d{9}|\d{9,10})"},
    {"KS", R"([A-Z]\d[A-Z]\d[A-Z]|[A-Z]\d{8}|\d{9})"},
    {"KY", R"([A-Z]\d{8,9}|\d{9})"},
    {"LA", R"(\d{1,9})"},
    {"MA", R"([A-Z]\d{8}|\d{9})"},
    {"MD", R"([A-Z]\d{12})"},
    {"ME", R"(\d{7,8}|\d{7}[A-Z])"},
    {"MI", R"([A-Z]\d{10}|[A-Z]\d{12})"},
    {"MN", R"([A-Z]\d{12})"},
    {"MO", R"([A-Z]\d{5,9}|[A-Z]\d{6}R|\d{8}[A-Z]{2}|\d{9}[A-Z]?)"},
    {"MS", R"(\d{9})"},
    {"MT", R"([A-Z]\d[A-Z0-9]{2}\d{3}[A-Z]\d|\d{9}|\d{13,14})"},
    {"NC", R"(\d{1,12})"},
    {"ND", R"([A-Z]{3}\d{6}|\d{9})"},
    {"NE", R"([A-Z]\d{6,8})"},
    {"NH", R"(\d{2}[A-Z]{3}\d{5})"},
    {"NJ", R"([A-Z]\d{14})"},
    {"NM", R"(\d{8,9})"},
    {"NV", R"(\d{9,10}|\d{12}|X\d{8})"},
    {"NY", R"([A-Z]\d{7}|[A-Z]\d{18}|\d{8,9}|\d{16}|[A-Z]{8})"},
    {"OH", R"([A-Z]\d{4,8}|[A-Z]{2}\d{3,7}|\d{8})"},
    {"OK", R"([A-Z]\d{9}|\d{9})"},
    {"OR", R"(\d{1,9}|[A-Z]\d{6})"},
    {"PA", R"(\d{8})"},
    {"RI", R"(\d{7}|[A-Z]\d{6})"},
    {"SC", R"(\d{5,11})"},
    {"SD", R"(\d{6,10}|\d{12})"},
    {"TN", R"(\d{7,9})"},
    {"TX", R"(\d{7,8})"},
    {"UT", R"(\d{4,10})"},
    {"VA", R"([A-Z]\d{8,11}|\d{9})"},
    {"VT", R"(\d{8}|\d{7}A)"},
    {"WA", R"(WDL[A-Z0-9]{9}|(?=[A-Z*0-9]{12}$)[A-Z*]{1,7}[A-Z0-9*]{5,11})"},
    {"WI", R"([A-Z]\d{13})"},
    {"WV", R"(\d{7}|[A-Z]{1,2}\d{5,6})"},
    {"WY", R"(\d{9,10})"},
}};

struct CompiledFormat {
  std::string_view state;
  std::regex regex;
};

// Compiled once; std::regex matching on a const object is safe from many threads.
const std::vector<CompiledFormat>& compiled_formats() {
  static const std::vector<CompiledFormat> formats = [] {
    std::vector<CompiledFormat> out;
    out.reserve(kStateFormats.size());
    for (const auto& format : kStateFormats) {
      out.push_back({format.state, std::regex(std::string(format.pattern),
                                              std::regex::ECMAScript | std::regex::optimize)});
    }
    return out;
  }();
  return formats;
}

constexpr std::size_t kMaxLength = 24;

ValidationResult check_dmv_number(std::string_view number, const DocumentCheckContext& context) {
  ValidationResult result;
  std::string state = context.state;
  for (char& c : state) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const auto& formats = compiled_formats();
  if (!state.empty() && std::none_of(formats.begin(), formats.end(),
                                     [&](const CompiledFormat& f) { return f.state == state; })) {
    result.fail("id.region_unknown");
    return result;
  }
  std::string normalized;
  for (char c : number) {
    if (c == '-' || c == ' ') continue;
    normalized.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  std::vector<std::string> matching;
  if (!normalized.empty() && normalized.size() <= kMaxLength) {
    for (const auto& format : formats) {
      if ((state.empty() || format.state == state) && std::regex_match(normalized, format.regex)) {
        matching.emplace_back(format.state);
      }
    }
  }
  if (matching.empty()) {
    result.fail("id.format");
    return result;
  }
  result.fields["normalized"] = normalized;
  if (!state.empty()) result.fields["state"] = state;
  result.fields["matching_states"] = matching;
  return result;
}

}  // namespace

ValidationResult check_us_drivers_license(std::string_view number,
                                          const DocumentCheckContext& context) {
  return check_dmv_number(number, context);
}

ValidationResult check_us_state_id(std::string_view number, const DocumentCheckContext& context) {
  return check_dmv_number(number, context);
}

std::vector<std::string> us_state_codes() {
  std::vector<std::string> codes;
  for (const auto& format : kStateFormats) codes.emplace_back(format.state);
  return codes;
}

}  // namespace simreg::jurisdiction

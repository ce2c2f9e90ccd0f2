#include "sims/sim_csv.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "jurisdiction/dates.hpp"

namespace simreg::sims {
namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;
constexpr int kMaxOffsetMinutes = 14 * 60;  // UTC-12 .. UTC+14 are the zones in use

Error header_error(std::string detail) {
  return Error::make(ErrorKind::invalid_input, "sims.import_header", std::move(detail));
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// `count` digits at `at`, or -1.
int digits_at(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (!is_digit(text[i])) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::string_view trim_field(std::string_view field) {
  while (!field.empty() && (field.front() == ' ' || field.front() == '\t')) field.remove_prefix(1);
  while (!field.empty() && (field.back() == ' ' || field.back() == '\t')) field.remove_suffix(1);
  return field;
}

bool split_csv_record(std::string_view record, std::vector<std::string_view>& fields,
                      std::string& scratch) {
  fields.clear();
  scratch.clear();
  // Unescaped text is never longer than the record; reserving it keeps earlier views valid.
  scratch.reserve(record.size());
  std::size_t at = 0;
  for (;;) {
    // Quotes open a field only at its start (after optional blanks), as RFC 4180 has it.
    std::size_t start = at;
    while (start < record.size() && (record[start] == ' ' || record[start] == '\t')) ++start;
    if (start < record.size() && record[start] == '"') {
      const std::size_t begin = scratch.size();
      std::size_t i = start + 1;
      for (;;) {
        if (i >= record.size()) return false;  // unterminated
        if (record[i] == '"') {
          if (i + 1 < record.size() && record[i + 1] == '"') {
            scratch.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        scratch.push_back(record[i++]);
      }
      while (i < record.size() && (record[i] == ' ' || record[i] == '\t')) ++i;
      fields.emplace_back(scratch.data() + begin, scratch.size() - begin);
      if (i == record.size()) return true;
      if (record[i] != ',') return false;  // text after the closing quote
      at = i + 1;
      continue;
    }
    const std::size_t comma = record.find(',', at);
    const std::string_view field =
        record.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at);
    if (field.find('"') != std::string_view::npos) return false;  // a stray quote inside a field
    fields.push_back(field);
    if (comma == std::string_view::npos) return true;
    at = comma + 1;
  }
}

Result<CsvLayout> detect_layout(const std::vector<std::string_view>& first_record) {
  const bool header = std::none_of(
      first_record.begin(), first_record.end(),
      [](std::string_view field) { return std::any_of(field.begin(), field.end(), is_digit); });
  if (!header) return CsvLayout{};
  CsvLayout layout{-1, -1, -1, -1, first_record.size(), first_record.size(), true};
  const std::array<std::pair<std::string_view, int*>, 4> names = {
      {{"msisdn", &layout.msisdn},
       {"iccid", &layout.iccid},
       {"imsi", &layout.imsi},
       {"activated_at", &layout.activated_at}}};
  for (std::size_t i = 0; i < first_record.size(); ++i) {
    std::string name(trim_field(first_record[i]));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    const auto known = std::find_if(names.begin(), names.end(),
                                    [&](const auto& entry) { return entry.first == name; });
    if (known == names.end()) {
      return header_error("Column " + std::to_string(i + 1) +
                          " of the header is not one of msisdn, iccid, imsi, activated_at.");
    }
    if (*known->second != -1) return header_error("The header names " + name + " twice.");
    *known->second = static_cast<int>(i);
  }
  if (layout.msisdn == -1 || layout.iccid == -1)
    return header_error("The header must name msisdn and iccid.");
  return layout;
}

ParsedTime parse_activation_time(std::string_view text) {
  const auto date =
      jurisdiction::parse_date(text.substr(0, std::min<std::size_t>(text.size(), 10)));
  if (!date) return {0, date.error().code == "date.impossible" ? "date.impossible" : "date.format"};
  std::int64_t ms = jurisdiction::days_from_civil(*date) * kMsPerDay;
  if (text.size() == 10) return {ms, {}};

  // Time of day: [T ]HH:MM[:SS[.f+]]
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return {0, "date.format"};
  const int hour = digits_at(text, 11, 2);
  const int minute = text.size() > 13 && text[13] == ':' ? digits_at(text, 14, 2) : -1;
  if (hour < 0 || minute < 0) return {0, "date.format"};
  std::size_t at = 16;
  int second = 0;
  int millis = 0;
  if (at < text.size() && text[at] == ':') {
    second = digits_at(text, at + 1, 2);
    if (second < 0) return {0, "date.format"};
    at += 3;
    if (at < text.size() && text[at] == '.') {
      std::size_t digits = 0;
      for (++at; at < text.size() && is_digit(text[at]); ++at, ++digits) {
        if (digits < 3) millis = millis * 10 + (text[at] - '0');
      }
      if (digits == 0) return {0, "date.format"};
      for (; digits < 3; ++digits) millis *= 10;
    }
  }
  // Zone: Z, ±HH:MM, or none (UTC).
  int offset_minutes = 0;
  if (at < text.size()) {
    if ((text[at] == 'Z' || text[at] == 'z') && at + 1 == text.size()) {
      at = text.size();
    } else if ((text[at] == '+' || text[at] == '-') && at + 6 == text.size() &&
               text[at + 3] == ':') {
      const int hours = digits_at(text, at + 1, 2);
      const int minutes = digits_at(text, at + 4, 2);
      if (hours < 0 || minutes < 0) return {0, "date.format"};
      if (minutes > 59) return {0, "date.impossible"};
      offset_minutes = (hours * 60 + minutes) * (text[at] == '-' ? -1 : 1);
      at = text.size();
    } else {
      return {0, "date.format"};
    }
  }
  if (hour > 23 || minute > 59 || second > 59 || offset_minutes > kMaxOffsetMinutes ||
      offset_minutes < -kMaxOffsetMinutes) {
    return {0, "date.impossible"};
  }
  ms += ((hour * 60 + minute - offset_minutes) * 60 + second) * std::int64_t{1000} + millis;
  return {ms, {}};
}

}  // namespace simreg::sims

#include "jurisdiction/mrz.hpp"

#include <algorithm>
#include <cctype>

#include "jurisdiction/country_codes.hpp"

namespace simreg::jurisdiction {

namespace {

constexpr std::size_t kTd3Length = 44;
constexpr std::size_t kTd1Length = 30;
// Expiry years further ahead than this belong to the previous century.
constexpr int kExpiryYearsAhead = 50;

bool is_mrz_char(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '<'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Copy-paste adds spaces and line ends around a line; case is kept, because an MRZ is upper case
// by definition and lower case means the text did not come from one.
std::string trim_line(const std::string& line) {
  std::size_t begin = 0;
  std::size_t end = line.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(line[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(line[end - 1]))) --end;
  return line.substr(begin, end - begin);
}

// Outer fillers dropped, inner fillers become spaces ("ANNA<MARIA<<<" -> "ANNA MARIA").
std::string readable(std::string_view field) {
  while (!field.empty() && field.front() == '<') field.remove_prefix(1);
  while (!field.empty() && field.back() == '<') field.remove_suffix(1);
  std::string out(field);
  std::replace(out.begin(), out.end(), '<', ' ');
  return out;
}

// A check character verifies `data` when it is the digit computed from it. Optional fields that
// are all fillers may carry '<' as their check character (9303 Part 3, 4.9).
bool verifies(std::string_view data, char check, bool optional_field) {
  if (check == '<') {
    return optional_field && std::all_of(data.begin(), data.end(), [](char c) { return c == '<'; });
  }
  return is_digit(check) && mrz_check_digit(data) == check - '0';
}

bool all_digits(std::string_view text) { return std::all_of(text.begin(), text.end(), is_digit); }

int two_digits(std::string_view text) { return (text[0] - '0') * 10 + (text[1] - '0'); }

// YYMMDD -> Date with the century chosen; nullopt when the date does not exist.
std::optional<Date> birth_date(std::string_view yymmdd, const Date& today) {
  const int yy = two_digits(yymmdd.substr(0, 2));
  const int month = two_digits(yymmdd.substr(2, 2));
  const int day = two_digits(yymmdd.substr(4, 2));
  int year = (today.year / 100) * 100 + yy;
  if (Date{year, month, day} > today) year -= 100;
  if (!is_valid_date(year, month, day)) return std::nullopt;
  return Date{year, month, day};
}

std::optional<Date> expiry_date(std::string_view yymmdd, const Date& today) {
  const int yy = two_digits(yymmdd.substr(0, 2));
  const int month = two_digits(yymmdd.substr(2, 2));
  const int day = two_digits(yymmdd.substr(4, 2));
  int year = (today.year / 100) * 100 + yy;
  if (year > today.year + kExpiryYearsAhead) year -= 100;
  if (!is_valid_date(year, month, day)) return std::nullopt;
  return Date{year, month, day};
}

void parse_name(std::string_view name_field, nlohmann::json& fields) {
  const auto separator = name_field.find("<<");
  if (separator == std::string_view::npos) {
    fields["surname"] = readable(name_field);
    fields["given_names"] = "";
    return;
  }
  fields["surname"] = readable(name_field.substr(0, separator));
  fields["given_names"] = readable(name_field.substr(separator + 2));
}

nlohmann::json alpha2_or_null(std::string_view code) {
  auto alpha2 = alpha2_from_mrz_code(code);
  return alpha2 ? nlohmann::json(*alpha2) : nlohmann::json(nullptr);
}

// The fields both formats share, from their positions in each.
struct CommonFields {
  std::string_view document_code;
  std::string_view issuing_state;
  std::string_view nationality;
  std::string_view birth;  // YYMMDD
  char sex;
  std::string_view expiry;  // YYMMDD
};

bool common_fields_well_formed(const CommonFields& f) {
  const auto letters_or_filler = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return (c >= 'A' && c <= 'Z') || c == '<'; });
  };
  return f.document_code[0] != '<' && letters_or_filler(f.document_code) &&
         letters_or_filler(f.issuing_state) && f.issuing_state[0] != '<' &&
         letters_or_filler(f.nationality) && f.nationality[0] != '<' && all_digits(f.birth) &&
         all_digits(f.expiry) && (f.sex == 'F' || f.sex == 'M' || f.sex == 'X' || f.sex == '<');
}

void fill_common(const CommonFields& f, const Date& today, MrzResult& out) {
  auto& fields = out.result.fields;
  fields["document_type"] = readable(f.document_code);
  fields["issuing_state"] = readable(f.issuing_state);
  fields["issuing_state_alpha2"] = alpha2_or_null(f.issuing_state);
  fields["nationality"] = readable(f.nationality);
  fields["nationality_alpha2"] = alpha2_or_null(f.nationality);
  fields["sex"] = f.sex == 'F' || f.sex == 'M' ? nlohmann::json(std::string(1, f.sex))
                                               : nlohmann::json(nullptr);
  const auto birth = birth_date(f.birth, today);
  const auto expiry = expiry_date(f.expiry, today);
  fields["date_of_birth"] = birth ? nlohmann::json(format_date(*birth)) : nlohmann::json(nullptr);
  fields["date_of_expiry"] =
      expiry ? nlohmann::json(format_date(*expiry)) : nlohmann::json(nullptr);
  if (!birth || !expiry) out.result.fail("date.impossible");
}

void finish(MrzResult& out) {
  const auto& c = *out.checks;
  if (!c.document_number || !c.date_of_birth || !c.date_of_expiry ||
      !c.personal_number.value_or(true) || !c.composite) {
    out.result.fail("mrz.check_digit");
  }
}

void check_td3(const std::string& l1, const std::string& l2, const Date& today, MrzResult& out) {
  const std::string_view line1(l1);
  const std::string_view line2(l2);
  const CommonFields common{line1.substr(0, 2),  line1.substr(2, 3), line2.substr(10, 3),
                            line2.substr(13, 6), line2[20],          line2.substr(21, 6)};
  if (line1[0] != 'P' || !common_fields_well_formed(common)) {
    out.result.fail("mrz.format");
    return;
  }
  MrzChecks checks;
  checks.document_number = verifies(line2.substr(0, 9), line2[9], false);
  checks.date_of_birth = verifies(line2.substr(13, 6), line2[19], false);
  checks.date_of_expiry = verifies(line2.substr(21, 6), line2[27], false);
  checks.personal_number = verifies(line2.substr(28, 14), line2[42], true);
  const std::string composite = std::string(line2.substr(0, 10)) +
                                std::string(line2.substr(13, 7)) +
                                std::string(line2.substr(21, 22));
  checks.composite = verifies(composite, line2[43], false);
  out.checks = checks;

  auto& fields = out.result.fields;
  fields["format"] = "TD3";
  parse_name(line1.substr(5), fields);
  fields["document_number"] = readable(line2.substr(0, 9));
  fields["personal_number"] = readable(line2.substr(28, 14));
  fill_common(common, today, out);
  finish(out);
}

void check_td1(const std::string& l1, const std::string& l2, const std::string& l3,
               const Date& today, MrzResult& out) {
  const std::string_view line1(l1);
  const std::string_view line2(l2);
  const CommonFields common{line1.substr(0, 2), line1.substr(2, 3), line2.substr(15, 3),
                            line2.substr(0, 6), line2[7],           line2.substr(8, 6)};
  if (!(line1[0] == 'I' || line1[0] == 'A' || line1[0] == 'C') ||
      !common_fields_well_formed(common)) {
    out.result.fail("mrz.format");
    return;
  }
  MrzChecks checks;
  std::string document_number = readable(line1.substr(5, 9));
  std::string_view optional_data_1 = line1.substr(15, 15);
  if (line1[14] == '<' && line1[15] != '<') {
    // Numbers longer than 9 characters continue in the optional data; the last character before
    // the first filler there is the check digit (9303 Part 5, 4.2.4).
    const auto end = optional_data_1.find('<');
    const std::string_view overflow = optional_data_1.substr(0, end);
    const std::string full =
        std::string(line1.substr(5, 9)) + std::string(overflow.substr(0, overflow.size() - 1));
    checks.document_number = overflow.size() >= 2 && verifies(full, overflow.back(), false);
    document_number = full;
    optional_data_1 =
        end == std::string_view::npos ? std::string_view() : optional_data_1.substr(end);
  } else {
    checks.document_number = verifies(line1.substr(5, 9), line1[14], false);
  }
  checks.date_of_birth = verifies(line2.substr(0, 6), line2[6], false);
  checks.date_of_expiry = verifies(line2.substr(8, 6), line2[14], false);
  const std::string composite = std::string(line1.substr(5, 25)) + std::string(line2.substr(0, 7)) +
                                std::string(line2.substr(8, 7)) + std::string(line2.substr(18, 11));
  checks.composite = verifies(composite, line2[29], false);
  out.checks = checks;

  auto& fields = out.result.fields;
  fields["format"] = "TD1";
  parse_name(l3, fields);
  fields["document_number"] = document_number;
  fields["optional_data_1"] = readable(optional_data_1);
  fields["optional_data_2"] = readable(line2.substr(18, 11));
  fill_common(common, today, out);
  finish(out);
}

}  // namespace

int mrz_check_digit(std::string_view data) {
  static constexpr int kWeights[] = {7, 3, 1};
  int sum = 0;
  for (std::size_t i = 0; i < data.size(); ++i) {
    const char c = data[i];
    int value = 0;
    if (c >= '0' && c <= '9') {
      value = c - '0';
    } else if (c >= 'A' && c <= 'Z') {
      value = c - 'A' + 10;
    } else if (c != '<') {
      return -1;
    }
    sum += value * kWeights[i % 3];
  }
  return sum % 10;
}

nlohmann::ordered_json MrzChecks::to_json() const {
  nlohmann::ordered_json out;
  out["document_number"] = document_number;
  out["date_of_birth"] = date_of_birth;
  out["date_of_expiry"] = date_of_expiry;
  if (personal_number) out["personal_number"] = *personal_number;
  out["composite"] = composite;
  return out;
}

nlohmann::ordered_json MrzResult::to_json() const {
  auto out = result.to_json();
  out["checks"] = checks ? checks->to_json() : nlohmann::ordered_json::object();
  return out;
}

MrzResult check_mrz(const std::vector<std::string>& lines, const Date& today) {
  MrzResult out;
  std::vector<std::string> normalized;
  normalized.reserve(lines.size());
  for (const auto& line : lines) normalized.push_back(trim_line(line));
  const bool charset_ok = std::all_of(
      normalized.begin(), normalized.end(),
      [](const std::string& line) { return std::all_of(line.begin(), line.end(), is_mrz_char); });
  const auto all_length = [&](std::size_t length) {
    return std::all_of(normalized.begin(), normalized.end(),
                       [length](const std::string& line) { return line.size() == length; });
  };
  if (!charset_ok) {
    out.result.fail("mrz.format");
  } else if (normalized.size() == 2 && all_length(kTd3Length)) {
    check_td3(normalized[0], normalized[1], today, out);
  } else if (normalized.size() == 3 && all_length(kTd1Length)) {
    check_td1(normalized[0], normalized[1], normalized[2], today, out);
  } else {
    out.result.fail("mrz.format");
  }
  return out;
}

}  // namespace simreg::jurisdiction

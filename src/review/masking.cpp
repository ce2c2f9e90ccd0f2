#include "review/masking.hpp"

#include <algorithm>
#include <vector>

namespace simreg::review {
namespace {

// Splits UTF-8 text into characters (a lead byte and its continuation bytes).
std::vector<std::string_view> characters(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t n = 1;
    while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) ++n;
    out.push_back(text.substr(i, n));
    i += n;
  }
  return out;
}

}  // namespace

std::string mask_name(std::string_view name) {
  std::string out;
  bool word_start = true;
  for (const auto ch : characters(name)) {
    if (ch == " ") {
      out += ' ';
      word_start = true;
    } else if (word_start) {
      out += ch;
      word_start = false;
    } else {
      out += '*';
    }
  }
  // A one-character name would be shown whole: hide it.
  if (characters(name).size() == 1) return "*";
  return out;
}

std::string mask_number(std::string_view number) {
  const auto chars = characters(number);
  // Short numbers keep at most half, so a 4-character number is not shown whole.
  const std::size_t keep = std::min<std::size_t>(4, chars.size() / 2);
  std::string out;
  for (std::size_t i = 0; i < chars.size(); ++i) out += i + keep < chars.size() ? std::string("*") : std::string(chars[i]);
  return out;
}

std::string mask_all(std::string_view value) { return std::string(characters(value).size(), '*'); }

nlohmann::json mask_field(std::string_view field, const std::optional<std::string>& value) {
  if (!value) return nullptr;
  if (field == "document_type" || field == "nationality") return *value;
  if (field == "full_name") return mask_name(*value);
  if (field == "document_number" || field == "contact_phone") return mask_number(*value);
  return mask_all(*value);
}

}  // namespace simreg::review

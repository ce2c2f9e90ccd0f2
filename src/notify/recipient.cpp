#include "notify/recipient.hpp"

#include <cctype>

namespace simreg::notify {
namespace {

constexpr std::size_t kMaxEmailLength = 320;
constexpr std::size_t kMinPhoneDigits = 3;
constexpr std::size_t kMaxPhoneDigits = 15;  // E.164

Error invalid(std::string_view what) {
  return Error::make(ErrorKind::invalid_input, "notify.invalid_recipient",
                     std::string("The recipient is not a valid ") + std::string(what) + ".");
}

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

Result<std::string> normalize_email(std::string_view to) {
  std::string out;
  out.reserve(to.size());
  for (const char c : to) {
    const auto byte = static_cast<unsigned char>(c);
    // Header injection and address-list tricks are rejected, not escaped.
    if (byte < 0x20 || byte == 0x7f || c == '<' || c == '>' || c == ',' || c == ' ' || c == '"') {
      return invalid("e-mail address");
    }
    out.push_back(static_cast<char>(std::tolower(byte)));
  }
  const auto at = out.find('@');
  if (out.size() > kMaxEmailLength || at == std::string::npos || at == 0 || at + 1 == out.size() ||
      out.find('@', at + 1) != std::string::npos) {
    return invalid("e-mail address");
  }
  return out;
}

Result<std::string> normalize_phone(std::string_view to) {
  std::string out;
  std::size_t digits = 0;
  for (std::size_t i = 0; i < to.size(); ++i) {
    const char c = to[i];
    if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') continue;
    if (c == '+' && out.empty()) {
      out.push_back(c);
    } else if (c >= '0' && c <= '9') {
      out.push_back(c);
      ++digits;
    } else {
      return invalid("phone number");
    }
  }
  if (digits < kMinPhoneDigits || digits > kMaxPhoneDigits) return invalid("phone number");
  return out;
}

}  // namespace

Result<std::string> normalize_recipient(Channel channel, std::string_view to) {
  const std::string_view trimmed = trim(to);
  return channel == Channel::email ? normalize_email(trimmed) : normalize_phone(trimmed);
}

Channel guess_channel(std::string_view to) {
  return to.find('@') == std::string_view::npos ? Channel::sms : Channel::email;
}

}  // namespace simreg::notify

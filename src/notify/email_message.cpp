#include "notify/email_message.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

#include "crypto/encoding.hpp"

namespace simreg::notify {
namespace {

constexpr std::size_t kLineLength = 76;
// "=?UTF-8?B?" + "?=" is 12 characters; 39 bytes → 52 base64 characters: a word is 64, and
// "Subject: " plus one word stays under the 78-character line limit.
constexpr std::size_t kWordBytes = 39;

bool is_plain_ascii(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7e) return false;
  }
  // "=?" could be read as the start of an encoded-word.
  return text.find("=?") == std::string_view::npos;
}

// Length of the UTF-8 sequence starting with `lead` (1 for stray continuation bytes).
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

std::string crlf_lines(std::string_view body) {
  std::string out;
  out.reserve(body.size() + body.size() / 32);
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\r') continue;
    if (body[i] == '\n') {
      out += "\r\n";
    } else {
      out.push_back(body[i]);
    }
  }
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

Mailbox parse_mailbox(std::string_view text) {
  if (text.find_first_of("\r\n") != std::string_view::npos) return {};
  text = trim(text);
  const auto open = text.rfind('<');
  if (open == std::string_view::npos) {
    if (text.find_first_of("<>\" ,") != std::string_view::npos ||
        text.find('@') == std::string_view::npos)
      return {};
    return {"", std::string(text)};
  }
  const auto close = text.find('>', open);
  if (close == std::string_view::npos || close + 1 != text.size()) return {};
  const std::string_view address = trim(text.substr(open + 1, close - open - 1));
  if (address.find_first_of("<>\" ,") != std::string_view::npos ||
      address.find('@') == std::string_view::npos) {
    return {};
  }
  std::string_view name = trim(text.substr(0, open));
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
    name = name.substr(1, name.size() - 2);
  return {std::string(name), std::string(address)};
}

std::string format_mailbox(const Mailbox& mailbox) {
  if (mailbox.display_name.empty()) return "<" + mailbox.address + ">";
  if (!is_plain_ascii(mailbox.display_name)) {
    return encode_header_text(mailbox.display_name) + " <" + mailbox.address + ">";
  }
  std::string quoted = "\"";
  for (const char c : mailbox.display_name) {
    if (c == '"' || c == '\\') quoted.push_back('\\');
    quoted.push_back(c);
  }
  return quoted + "\" <" + mailbox.address + ">";
}

std::string rfc5322_date(std::int64_t unix_ms) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[utc.tm_wday],
                utc.tm_mday, kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                utc.tm_sec);
  return buffer;
}

std::string encode_header_text(std::string_view text) {
  if (is_plain_ascii(text)) return std::string(text);
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = pos;
    while (end < text.size()) {
      const std::size_t next = end + sequence_length(static_cast<unsigned char>(text[end]));
      if (next - pos > kWordBytes) break;
      end = std::min(next, text.size());
    }
    if (end == pos) end = std::min(pos + kWordBytes, text.size());
    if (!out.empty()) out += "\r\n ";  // folding whitespace between words is not displayed
    out += "=?UTF-8?B?" + crypto::base64_encode(text.substr(pos, end - pos)) + "?=";
    pos = end;
  }
  return out;
}

std::string base64_lines(std::string_view data) {
  const std::string encoded = crypto::base64_encode(data);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / kLineLength * 2 + 2);
  for (std::size_t i = 0; i < encoded.size(); i += kLineLength) {
    out.append(encoded, i, kLineLength);
    out += "\r\n";
  }
  return out;
}

std::string build_email_message(const EmailParts& parts) {
  std::string message;
  message += "Date: " + rfc5322_date(parts.date_ms) + "\r\n";
  message += "From: " + format_mailbox(parts.from) + "\r\n";
  message += "To: <" + parts.to + ">\r\n";
  message += "Subject: " + encode_header_text(parts.subject) + "\r\n";
  message += "Message-ID: <" + parts.message_id + ">\r\n";
  message += "MIME-Version: 1.0\r\n";
  message += "Content-Type: text/plain; charset=utf-8\r\n";
  message += "Content-Transfer-Encoding: base64\r\n";
  message += "Auto-Submitted: auto-generated\r\n";
  message += "\r\n";
  message += base64_lines(crlf_lines(parts.body));
  return message;
}

}  // namespace simreg::notify

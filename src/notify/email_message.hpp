// Builds the RFC 5322 / MIME text of a plain-text UTF-8 e-mail: CRLF line ends, RFC 2047
// encoded-words for a non-ASCII subject, base64 body (so any UTF-8 and any line length survive
// servers without 8BITMIME). Header values are validated by the caller (no CR/LF). Pure;
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace simreg::notify {

// "Name <address>" or a bare address, as configured for --smtp-from.
struct Mailbox {
  std::string display_name;  // may be empty
  std::string address;
};

// Empty address when `text` is not one mailbox or holds CR/LF.
Mailbox parse_mailbox(std::string_view text);

struct EmailParts {
  Mailbox from;
  std::string to;          // bare address
  std::string subject;     // UTF-8
  std::string body;        // UTF-8, "\n" line ends
  std::string message_id;  // without angle brackets, e.g. "msg_...@example.org"
  std::int64_t date_ms = 0;
};

// "Tue, 24 Nov 2026 16:18:02 +0000"
std::string rfc5322_date(std::int64_t unix_ms);

// Printable ASCII is returned as-is (simreg's subjects are short); anything else becomes
// "=?UTF-8?B?...?=" words that never split a UTF-8 sequence, folded so that "Subject: " plus any
// line stays within 78 characters.
std::string encode_header_text(std::string_view text);

std::string base64_lines(std::string_view data);  // 76-character CRLF-terminated lines

// The header form of a mailbox: "\"Name\" <address>" (an encoded-word name when not ASCII).
std::string format_mailbox(const Mailbox& mailbox);

std::string build_email_message(const EmailParts& parts);

}  // namespace simreg::notify

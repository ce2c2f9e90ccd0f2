// The values the outbox works with: a message to enqueue and an outbox entry read back (opened).
// Message parameters carry codes only (never other personal data); the recipient is the one
// personal value and the outbox seals it. Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace simreg::notify {

enum class Channel { email, sms };

// "email" | "sms": the names stored in the outbox table and shown by the CLI and the demo page.
std::string_view channel_code(Channel channel);

struct OutboundMessage {
  Channel channel = Channel::email;
  std::string to;           // e-mail address or phone number
  std::string template_id;  // see templates.hpp
  std::string locale;       // "en" | "zh-CN"; anything else falls back to "en"
  nlohmann::json params = nlohmann::json::object();
};

struct OutboxEntry {
  std::string id;
  std::string to;
  Channel channel = Channel::email;
  std::string template_id;
  std::string status;  // "pending" | "sending" | "sent" | "failed"
  std::int64_t created_at_ms = 0;
  std::optional<std::int64_t> sent_at_ms;
  int attempts = 0;
  std::string subject;  // empty for SMS
  std::string body;
  std::string last_error_code;
};

}  // namespace simreg::notify

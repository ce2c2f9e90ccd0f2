// SmsGatewaySender: delivers SMS through an HTTP gateway: POST {"to": ..., "text": ...} as JSON
// with "Authorization: Bearer <token>" to one configured URL; any 2xx means accepted. Redirects
// are not followed (the token must not travel elsewhere). Errors carry codes only.
// Thread-safe: each send uses its own connection.
#pragma once

#include <chrono>
#include <string>

#include "notify/message_sender.hpp"

namespace simreg::notify {

class SmsGatewaySender final : public MessageSender {
 public:
  SmsGatewaySender(std::string url, std::string token,
                   std::chrono::milliseconds timeout = std::chrono::seconds(30));

  // Errors: notify.sms_misconfigured, notify.invalid_recipient, notify.sms_unreachable,
  // notify.sms_rejected (non-2xx; the status is in the detail), notify.sms_failed.
  Result<void> send(const OutboxEntry& message) override;

 private:
  std::string url_;
  std::string token_;
  std::chrono::milliseconds timeout_;
};

}  // namespace simreg::notify

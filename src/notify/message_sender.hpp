// MessageSender: one transport (SMTP, an SMS gateway, local delivery). send() either hands the
// message to the transport (success) or returns an error with a stable code, never a detail that
// echoes the recipient or the body. Implementations must be safe to call from the dispatcher
// thread while other threads construct or destroy other senders.
#pragma once

#include "core/result.hpp"
#include "notify/message.hpp"

namespace simreg::notify {

class MessageSender {
 public:
  virtual ~MessageSender() = default;
  virtual Result<void> send(const OutboxEntry& message) = 0;
};

}  // namespace simreg::notify

// LocalDeliverySender: the demo/development transport. It delivers nowhere and reports success;
// the message stays readable (sealed) in the outbox, through `simreg outbox list` or the demo
// outbox page. Never use it where real subscribers expect mail. Thread-safe (stateless).
#pragma once

#include "notify/message_sender.hpp"

namespace simreg::notify {

class LocalDeliverySender final : public MessageSender {
 public:
  Result<void> send(const OutboxEntry&) override { return success(); }
};

}  // namespace simreg::notify

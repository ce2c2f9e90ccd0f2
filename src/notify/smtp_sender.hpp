// SmtpSender: delivers e-mail with libcurl to one SMTP server (smtp:// with STARTTLS when offered
// — required when credentials are set — or smtps://). Messages are RFC 5322 plain text in UTF-8
// (email_message.hpp). Errors carry codes only (the server's reply may echo the address).
// Thread-safe: each send uses its own connection.
#pragma once

#include <chrono>
#include <string>

#include "notify/email_message.hpp"
#include "notify/message_sender.hpp"

namespace simreg::notify {

class SmtpSender final : public MessageSender {
 public:
  // `from`: "Name <address>" or an address. Empty user: no authentication.
  SmtpSender(std::string url, std::string from, std::string user = {}, std::string password = {},
             std::chrono::milliseconds timeout = std::chrono::seconds(30));

  // Errors: notify.smtp_misconfigured, notify.invalid_recipient, notify.smtp_unreachable,
  // notify.smtp_auth_failed, notify.smtp_rejected, notify.smtp_failed.
  Result<void> send(const OutboxEntry& message) override;

 private:
  std::string url_;
  Mailbox from_;
  std::string user_;
  std::string password_;
  std::chrono::milliseconds timeout_;
};

}  // namespace simreg::notify

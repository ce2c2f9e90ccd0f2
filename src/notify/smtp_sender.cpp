#include "notify/smtp_sender.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "crypto/random.hpp"
#include "notify/curl_handle.hpp"
#include "notify/recipient.hpp"

namespace simreg::notify {
namespace {

struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

Error smtp_error(std::string code, std::string detail) {
  return Error::make(ErrorKind::unavailable, std::move(code), std::move(detail));
}

Error from_curl(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_USE_SSL_FAILED:
      return smtp_error("notify.smtp_unreachable",
                        std::string("The SMTP server could not be reached securely: ") +
                            curl_easy_strerror(code) + ".");
    case CURLE_LOGIN_DENIED:
      return smtp_error("notify.smtp_auth_failed",
                        "The SMTP server refused the configured credentials.");
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_UPLOAD_FAILED:
      return smtp_error("notify.smtp_rejected",
                        std::string("The SMTP server did not accept the message: ") +
                            curl_easy_strerror(code) + ".");
    default:
      return smtp_error("notify.smtp_failed",
                        std::string("Sending e-mail failed: ") + curl_easy_strerror(code) + ".");
  }
}

std::string domain_of(std::string_view address) {
  return std::string(address.substr(address.rfind('@') + 1));
}

}  // namespace

SmtpSender::SmtpSender(std::string url, std::string from, std::string user, std::string password,
                       std::chrono::milliseconds timeout)
    : url_(std::move(url)),
      from_(parse_mailbox(from)),
      user_(std::move(user)),
      password_(std::move(password)),
      timeout_(timeout) {}

Result<void> SmtpSender::send(const OutboxEntry& message) {
  const bool implicit_tls = url_.starts_with("smtps://");
  if ((!implicit_tls && !url_.starts_with("smtp://")) || from_.address.empty()) {
    return Error::make(
        ErrorKind::internal, "notify.smtp_misconfigured",
        "The SMTP URL must start with smtp:// or smtps:// and the sender address must be valid.");
  }
  if (message.channel != Channel::email) {
    return Error::make(ErrorKind::internal, "notify.wrong_channel",
                       "The SMTP sender only sends e-mail.");
  }
  SIMREG_TRY_ASSIGN(const std::string to, normalize_recipient(Channel::email, message.to));

  EmailParts parts;
  parts.from = from_;
  parts.to = to;
  parts.subject = message.subject;
  parts.body = message.body;
  parts.message_id = message.id + "." + crypto::random_id("m") + "@" + domain_of(from_.address);
  parts.date_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  const std::string payload = build_email_message(parts);
  Upload upload{payload};

  CurlHandle curl = make_curl_handle();
  if (!curl) return smtp_error("notify.smtp_failed", "libcurl could not start a transfer.");
  CURL* h = curl.get();
  const std::string mail_from = "<" + from_.address + ">";
  CurlList recipients;
  curl_list_append(recipients, ("<" + to + ">").c_str());
  curl_easy_setopt(h, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(payload.size()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min<std::int64_t>(timeout_.count(), 10000)));
  if (!implicit_tls) {
    // Credentials never cross the network in the clear: with a password, STARTTLS is mandatory.
    curl_easy_setopt(
        h, CURLOPT_USE_SSL,
        user_.empty() ? static_cast<long>(CURLUSESSL_TRY) : static_cast<long>(CURLUSESSL_ALL));
  }
  if (!user_.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, user_.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, password_.c_str());
  }
  const CURLcode result = curl_easy_perform(h);
  if (result != CURLE_OK) return from_curl(result);
  return success();
}

}  // namespace simreg::notify

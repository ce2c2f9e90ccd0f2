#include "notify/sms_gateway_sender.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "notify/curl_handle.hpp"
#include "notify/recipient.hpp"

namespace simreg::notify {
namespace {

// The gateway's reply is not needed (and may echo the number): read and drop it.
std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

Error sms_error(std::string code, std::string detail) {
  return Error::make(ErrorKind::unavailable, std::move(code), std::move(detail));
}

}  // namespace

SmsGatewaySender::SmsGatewaySender(std::string url, std::string token,
                                   std::chrono::milliseconds timeout)
    : url_(std::move(url)), token_(std::move(token)), timeout_(timeout) {}

Result<void> SmsGatewaySender::send(const OutboxEntry& message) {
  if (!url_.starts_with("https://") && !url_.starts_with("http://")) {
    return Error::make(ErrorKind::internal, "notify.sms_misconfigured",
                       "The SMS gateway URL must start with https:// or http://.");
  }
  if (message.channel != Channel::sms) {
    return Error::make(ErrorKind::internal, "notify.wrong_channel",
                       "The SMS gateway sender only sends SMS.");
  }
  SIMREG_TRY_ASSIGN(const std::string to, normalize_recipient(Channel::sms, message.to));
  const std::string payload = nlohmann::json{{"to", to}, {"text", message.body}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);

  CurlHandle curl = make_curl_handle();
  if (!curl) return sms_error("notify.sms_failed", "libcurl could not start a transfer.");
  CURL* h = curl.get();
  CurlList headers;
  curl_list_append(headers, "Content-Type: application/json");
  curl_list_append(headers, "Accept: application/json");
  if (!token_.empty()) curl_list_append(headers, ("Authorization: Bearer " + token_).c_str());
  curl_easy_setopt(h, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, payload.c_str());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(payload.size()));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min<std::int64_t>(timeout_.count(), 10000)));
  const CURLcode result = curl_easy_perform(h);
  if (result == CURLE_COULDNT_RESOLVE_HOST || result == CURLE_COULDNT_CONNECT ||
      result == CURLE_OPERATION_TIMEDOUT || result == CURLE_SSL_CONNECT_ERROR ||
      result == CURLE_PEER_FAILED_VERIFICATION) {
    return sms_error("notify.sms_unreachable",
                     std::string("The SMS gateway could not be reached securely: ") +
                         curl_easy_strerror(result) + ".");
  }
  if (result != CURLE_OK) {
    return sms_error("notify.sms_failed",
                     std::string("Sending the SMS failed: ") + curl_easy_strerror(result) + ".");
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) {
    return sms_error("notify.sms_rejected",
                     "The SMS gateway answered HTTP " + std::to_string(status) + ".");
  }
  return success();
}

}  // namespace simreg::notify

#include "webhooks/webhook_client.hpp"

#include <algorithm>

#include "notify/curl_handle.hpp"

namespace simreg::webhooks {
namespace {

// Receivers' answers are not used (and are not trusted to be small): read and drop them.
std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

std::string error_code(CURLcode result) {
  switch (result) {
    case CURLE_OPERATION_TIMEDOUT:
      return "webhooks.timeout";
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      return "webhooks.connection_failed";
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
      return "webhooks.tls_failed";
    default:
      return "webhooks.transfer_failed";
  }
}

}  // namespace

PostOutcome post_json(const std::string& url, const std::vector<std::string>& headers, std::string_view body,
                      std::chrono::milliseconds timeout) {
  const auto started = std::chrono::steady_clock::now();
  PostOutcome outcome;
  const auto finish = [&]() {
    outcome.duration_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    return outcome;
  };
  notify::CurlHandle curl = notify::make_curl_handle();
  if (!curl) {
    outcome.error = "webhooks.transfer_failed";
    return finish();
  }
  CURL* h = curl.get();
  notify::CurlList list;
  for (const auto& header : headers) notify::curl_list_append(list, header.c_str());
  // No "Expect: 100-continue" round trip: receivers answer the whole request at once.
  notify::curl_list_append(list, "Expect:");
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, list.get());
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min<std::int64_t>(timeout.count(), 10000)));
  const CURLcode result = curl_easy_perform(h);
  if (result != CURLE_OK) {
    outcome.error = error_code(result);
    return finish();
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  outcome.status_code = static_cast<int>(status);
  return finish();
}

}  // namespace simreg::webhooks

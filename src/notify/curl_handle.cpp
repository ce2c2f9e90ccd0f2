#include "notify/curl_handle.hpp"

#include <mutex>

namespace simreg::notify {

CurlHandle make_curl_handle() {
  static std::once_flag initialized;
  std::call_once(initialized, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CurlHandle handle(curl_easy_init());
  if (handle) curl_easy_setopt(handle.get(), CURLOPT_NOSIGNAL, 1L);
  return handle;
}

void curl_list_append(CurlList& list, const char* value) {
  curl_slist* appended = curl_slist_append(list.get(), value);
  if (appended != nullptr) {
    (void)list.release();
    list.reset(appended);
  }
}

}  // namespace simreg::notify

// RAII for libcurl easy handles and header lists, with libcurl's global initialization done once
// per process (curl_global_init is not thread-safe, so it runs under std::call_once).
// A CurlHandle is used by one thread at a time.
#pragma once

#include <memory>

#include <curl/curl.h>

namespace simreg::notify {

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct CurlListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlHandle = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlList = std::unique_ptr<curl_slist, CurlListDeleter>;

// A fresh easy handle (nullptr if libcurl cannot allocate one) with signals off, as threads need.
CurlHandle make_curl_handle();

// Appends to a header/recipient list, keeping ownership in `list`.
void curl_list_append(CurlList& list, const char* value);

}  // namespace simreg::notify

// The built web UI, read into memory once at startup so serving a file is a map lookup on the I/O
// thread: no filesystem access per request, hence no way to reach outside web_root. Hidden files
// and symlinks are skipped. Immutable after load(); lookups are safe from any thread.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace simreg::http {

struct StaticFile {
  std::string content;
  std::string content_type;
  std::string cache_control;  // immutable for /assets/*, no-cache otherwise
};

class StaticFiles {
 public:
  // Loads every regular file under root; error "server.web_root_unreadable" when root is not a
  // readable directory or has no index.html.
  static Result<StaticFiles> load(const std::filesystem::path& root);

  // Resolves decoded path segments: an exact file, else for extension-less paths outside /api/
  // the SPA's index.html; nullptr when nothing should be served (404).
  const StaticFile* resolve(const std::vector<std::string>& segments) const;

  // The file at "/a/b.js" exactly, or nullptr.
  const StaticFile* find(std::string_view path) const;

  std::size_t size() const { return files_.size(); }

 private:
  std::map<std::string, StaticFile, std::less<>> files_;  // "/index.html", "/assets/app-1a2b.js"
};

// Content-Type for a file name by extension; application/octet-stream when unknown.
std::string_view content_type_for(std::string_view file_name);

}  // namespace simreg::http

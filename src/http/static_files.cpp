#include "http/static_files.hpp"

#include <array>
#include <fstream>
#include <iterator>
#include <utility>

namespace simreg::http {
namespace {

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kContentTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".json", "application/json"},
    {".webmanifest", "application/manifest+json"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json"},
}};

Error unreadable(const std::string& detail) {
  return Error::make(ErrorKind::internal, "server.web_root_unreadable", detail);
}

bool has_extension(std::string_view segment) { return segment.find('.') != std::string_view::npos; }

}  // namespace

std::string_view content_type_for(std::string_view file_name) {
  const auto dot = file_name.rfind('.');
  if (dot != std::string_view::npos) {
    const std::string_view extension = file_name.substr(dot);
    for (const auto& [known, type] : kContentTypes) {
      if (known == extension) return type;
    }
  }
  return "application/octet-stream";
}

Result<StaticFiles> StaticFiles::load(const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return unreadable("web_root is not a directory");
  StaticFiles out;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
  if (ec) return unreadable("web_root cannot be listed");
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return unreadable("web_root cannot be listed");
    const fs::path& path = it->path();
    const std::string name = path.filename().string();
    if (!name.empty() && name.front() == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
    std::ifstream in(path, std::ios::binary);
    if (!in) return unreadable("a file under web_root cannot be read");
    StaticFile file;
    file.content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    const std::string key = "/" + fs::relative(path, root).generic_string();
    file.content_type = std::string(content_type_for(name));
    file.cache_control = std::string(key.rfind("/assets/", 0) == 0 ? kImmutable : kRevalidate);
    out.files_.emplace(key, std::move(file));
  }
  if (!out.find("/index.html")) return unreadable("web_root has no index.html");
  return out;
}

const StaticFile* StaticFiles::find(std::string_view path) const {
  const auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

const StaticFile* StaticFiles::resolve(const std::vector<std::string>& segments) const {
  if (!segments.empty() && segments.front() == "api") return nullptr;
  std::string path;
  for (const auto& segment : segments) {
    // Decoded segments containing '/' or '\' would let "a%2Fb" alias "a/b"; nothing real is named
    // so.
    if (segment.find_first_of("/\\") != std::string::npos) return nullptr;
    path += "/" + segment;
  }
  if (path.empty()) return find("/index.html");
  if (const StaticFile* file = find(path)) return file;
  if (has_extension(segments.back())) return nullptr;
  return find("/index.html");
}

}  // namespace simreg::http

#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include "http/http_test_client.hpp"

namespace simreg::http {
namespace {

using testing::TempDir;

TEST(StaticFilesTest, ContentTypesTable) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"index.html", "text/html; charset=utf-8"},
      {"app.js", "text/javascript; charset=utf-8"},
      {"worker.mjs", "text/javascript; charset=utf-8"},
      {"app.css", "text/css; charset=utf-8"},
      {"logo.svg", "image/svg+xml"},
      {"logo.png", "image/png"},
      {"favicon.ico", "image/x-icon"},
      {"data.json", "application/json"},
      {"app.webmanifest", "application/manifest+json"},
      {"font.woff2", "font/woff2"},
      {"robots.txt", "text/plain; charset=utf-8"},
      {"app.js.map", "application/json"},
      {"archive.tar.gz", "application/octet-stream"},
      {"README", "application/octet-stream"},
  };
  for (const auto& [name, type] : cases) {
    SCOPED_TRACE(name);
    EXPECT_EQ(content_type_for(name), type);
  }
}

TEST(StaticFilesTest, ResolvesTable) {
  TempDir dir;
  dir.write("index.html", "<html>index</html>");
  dir.write("favicon.ico", "ico");
  dir.write("assets/app-1a2b3c.js", "js");
  dir.write(".env", "SECRET=1");
  dir.write(".hidden/inner.txt", "hidden");
  auto files = StaticFiles::load(dir.path());
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(files->size(), 3u);

  struct Case {
    std::vector<std::string> segments;
    std::optional<std::string> content;
    std::string cache_control;
  };
  const std::vector<Case> cases = {
      {{}, "<html>index</html>", "no-cache"},
      {{"index.html"}, "<html>index</html>", "no-cache"},
      {{"favicon.ico"}, "ico", "no-cache"},
      {{"assets", "app-1a2b3c.js"}, "js", "public, max-age=31536000, immutable"},
      {{"applications", "42"}, "<html>index</html>", "no-cache"},  // SPA route
      {{"staff", ""}, "<html>index</html>", "no-cache"},
      {{"missing.png"}, std::nullopt, ""},
      {{"assets", "gone-123.js"}, std::nullopt, ""},
      {{".env"}, std::nullopt, ""},
      {{".hidden", "inner.txt"}, std::nullopt, ""},
      {{"api", "v1", "nothing"}, std::nullopt, ""},
      {{"api"}, std::nullopt, ""},
      {{"assets/app-1a2b3c.js"}, std::nullopt, ""},  // a decoded %2F must not alias a directory
  };
  for (const auto& c : cases) {
    std::string path;
    for (const auto& s : c.segments) path += "/" + s;
    SCOPED_TRACE(path);
    const StaticFile* file = files->resolve(c.segments);
    ASSERT_EQ(file != nullptr, c.content.has_value());
    if (!file) continue;
    EXPECT_EQ(file->content, *c.content);
    EXPECT_EQ(file->cache_control, c.cache_control);
  }
}

TEST(StaticFilesTest, SkipsSymlinksOutOfRoot) {
  TempDir outside;
  outside.write("secret.txt", "secret");
  TempDir dir;
  dir.write("index.html", "i");
  std::filesystem::create_symlink(outside.path() / "secret.txt", dir.path() / "secret.txt");
  std::filesystem::create_directory_symlink(outside.path(), dir.path() / "linked");
  auto files = StaticFiles::load(dir.path());
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(files->find("/secret.txt"), nullptr);
  EXPECT_EQ(files->find("/linked/secret.txt"), nullptr);
  EXPECT_EQ(files->size(), 1u);
}

TEST(StaticFilesTest, LoadErrors) {
  TempDir empty;
  auto no_index = StaticFiles::load(empty.path());
  ASSERT_FALSE(no_index.ok());
  EXPECT_EQ(no_index.error().code, "server.web_root_unreadable");
  auto missing = StaticFiles::load(empty.path() / "nope");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "server.web_root_unreadable");
}

}  // namespace
}  // namespace simreg::http

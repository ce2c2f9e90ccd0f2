#include "config/config.hpp"

#include <gtest/gtest.h>

namespace simreg::config {
namespace {

struct ListenCase {
  std::string text;
  bool ok;
  std::string host;
  std::uint16_t port;
};

class ParseListenTest : public ::testing::TestWithParam<ListenCase> {};

TEST_P(ParseListenTest, Parses) {
  const auto& c = GetParam();
  auto parsed = parse_listen(c.text);
  ASSERT_EQ(parsed.ok(), c.ok) << c.text;
  if (c.ok) {
    EXPECT_EQ(parsed->host, c.host);
    EXPECT_EQ(parsed->port, c.port);
  }
}

INSTANTIATE_TEST_SUITE_P(Table, ParseListenTest,
                         ::testing::Values(ListenCase{"127.0.0.1:8080", true, "127.0.0.1", 8080},
                                           ListenCase{"0.0.0.0:0", true, "0.0.0.0", 0},
                                           ListenCase{"[::1]:443", true, "::1", 443},
                                           ListenCase{"localhost", false, "", 0},
                                           ListenCase{":80", false, "", 0},
                                           ListenCase{"host:65536", false, "", 0},
                                           ListenCase{"host:80x", false, "", 0}));

TEST(ConfigOptionsTest, CommandLineBeatsEnvironment) {
  ::setenv("SIMREG_LISTEN", "127.0.0.1:9000", 1);
  ::setenv("SIMREG_DATA_DIR", "/tmp/from-env", 1);
  CLI::App app;
  StorageConfig storage;
  ServerConfig server;
  add_storage_options(app, storage);
  add_server_options(app, server);
  const char* argv[] = {"simreg", "--listen", "127.0.0.1:7000"};
  app.parse(3, const_cast<char**>(argv));
  EXPECT_EQ(server.listen, "127.0.0.1:7000");
  EXPECT_EQ(storage.data_dir, "/tmp/from-env");
  EXPECT_EQ(storage.database_location(), "/tmp/from-env/simreg.db");
  ::unsetenv("SIMREG_LISTEN");
  ::unsetenv("SIMREG_DATA_DIR");
}

TEST(ConfigOptionsTest, ReviewOptions) {
  struct Case {
    std::vector<std::string> args;
    bool ok;
    int lease;
    double rate;
  };
  const std::vector<Case> cases{
      {{}, true, 900, 0.1},
      {{"--review-lease-seconds", "2"}, true, 2, 0.1},
      {{"--review-sample-rate", "1"}, true, 900, 1.0},
      {{"--review-sample-rate", "0"}, true, 900, 0.0},
      {{"--review-sample-rate", "1.5"}, false, 0, 0},
      {{"--review-lease-seconds", "0"}, false, 0, 0},
  };
  for (const auto& c : cases) {
    CLI::App app;
    ServerConfig server;
    add_server_options(app, server);
    std::vector<const char*> argv{"simreg"};
    for (const auto& arg : c.args) argv.push_back(arg.c_str());
    bool parsed = true;
    try {
      app.parse(static_cast<int>(argv.size()), const_cast<char**>(argv.data()));
    } catch (const CLI::ParseError&) {
      parsed = false;
    }
    EXPECT_EQ(parsed, c.ok) << (c.args.empty() ? "" : c.args[0]);
    if (!parsed || !c.ok) continue;
    EXPECT_EQ(server.review_lease_seconds, c.lease);
    EXPECT_DOUBLE_EQ(server.review_sample_rate, c.rate);
  }
}

}  // namespace
}  // namespace simreg::config

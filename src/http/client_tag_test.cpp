#include "http/client_tag.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace simreg::http {
namespace {

TEST(ClientTagTest, StableOpaqueAndDistinct) {
  const std::vector<std::string> addresses = {"127.0.0.1", "127.0.0.2", "10.0.0.1", "::1", "2001:db8::7"};
  std::set<std::string> tags;
  for (const auto& address : addresses) {
    SCOPED_TRACE(address);
    const std::string tag = client_tag(address);
    EXPECT_TRUE(std::regex_match(tag, std::regex("[0-9a-f]{16}"))) << tag;
    EXPECT_EQ(tag, client_tag(address));  // stable within the process
    EXPECT_EQ(tag.find(address), std::string::npos);
    tags.insert(tag);
  }
  EXPECT_EQ(tags.size(), addresses.size());
}

}  // namespace
}  // namespace simreg::http

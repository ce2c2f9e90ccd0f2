#include "http/request_id.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace simreg::http {
namespace {

TEST(RequestIdTest, HexAndUnique) {
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = new_request_id();
    ASSERT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{32}"))) << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 1000u);
}

}  // namespace
}  // namespace simreg::http

#include "review/masking.hpp"

#include <gtest/gtest.h>

namespace simreg::review {
namespace {

TEST(Masking, Names) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"Zhang San", "Z**** S**"}, {"张三", "张*"}, {"欧阳 娜娜", "欧* 娜*"}, {"A", "*"}, {"", ""}, {"Li", "L*"}};
  for (const auto& [in, out] : cases) EXPECT_EQ(mask_name(in), out) << in;
}

TEST(Masking, Numbers) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"110101199003070011", "**************0011"},
      {"+8613800138000", "**********8000"},
      {"E1234", "***34"},
      {"1234", "**34"},
      {"7", "*"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(mask_number(in), out) << in;
}

TEST(Masking, FieldsByName) {
  EXPECT_EQ(mask_field("full_name", std::string("Zhang San")), "Z**** S**");
  EXPECT_EQ(mask_field("document_number", std::string("E12345678")), "*****5678");
  EXPECT_EQ(mask_field("date_of_birth", std::string("1990-03-07")), "**********");
  EXPECT_EQ(mask_field("address", std::string("北京")), "**");
  EXPECT_EQ(mask_field("document_type", std::string("passport")), "passport");
  EXPECT_EQ(mask_field("nationality", std::string("CN")), "CN");
  EXPECT_TRUE(mask_field("sex", std::nullopt).is_null());
}

}  // namespace
}  // namespace simreg::review

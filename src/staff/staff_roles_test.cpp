#include "staff/staff_roles.hpp"

#include <gtest/gtest.h>

namespace simreg::staff {
namespace {

struct RolesCase {
  const char* name;
  std::vector<std::string> roles;
  std::vector<std::string> codes;
};

class StaffRolesTest : public ::testing::TestWithParam<RolesCase> {};

TEST_P(StaffRolesTest, Checks) {
  std::vector<std::string> codes;
  for (const auto& e : check_roles(GetParam().roles)) {
    EXPECT_EQ(e.field, "/roles");
    codes.push_back(e.code);
  }
  EXPECT_EQ(codes, GetParam().codes);
}

INSTANTIATE_TEST_SUITE_P(
    Table, StaffRolesTest,
    ::testing::Values(RolesCase{"one", {"reviewer"}, {}},
                      RolesCase{"all_six", {"admin", "reviewer", "supervisor", "store_agent", "support", "compliance"}, {}},
                      RolesCase{"empty", {}, {"roles.empty"}},
                      RolesCase{"unknown", {"reviewer", "root"}, {"roles.invalid"}},
                      RolesCase{"case_matters", {"Admin"}, {"roles.invalid"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(StaffRolesTest, NormalizeSortsAndDeduplicates) {
  EXPECT_EQ(normalize_roles({"support", "admin", "support"}), (std::vector<std::string>{"admin", "support"}));
}

}  // namespace
}  // namespace simreg::staff

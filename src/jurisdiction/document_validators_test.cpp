#include "jurisdiction/document_validators.hpp"

#include <gtest/gtest.h>

namespace simreg::jurisdiction {
namespace {

struct RegistryCase {
  std::string document_type;
  std::string validator;
  std::string valid_number;
};

class DocumentValidatorsTest : public ::testing::TestWithParam<RegistryCase> {};

TEST_P(DocumentValidatorsTest, FindsByTypeAndByNameAndRuns) {
  const auto& c = GetParam();
  const auto* by_type = find_validator_by_document_type(c.document_type);
  const auto* by_name = find_validator_by_name(c.validator);
  ASSERT_NE(by_type, nullptr);
  EXPECT_EQ(by_type, by_name);
  DocumentCheckContext context;
  context.today = {2026, 3, 14};
  EXPECT_TRUE(by_type->check(c.valid_number, context).valid);
  EXPECT_FALSE(by_type->check("?", context).valid);
}

INSTANTIATE_TEST_SUITE_P(
    Table, DocumentValidatorsTest,
    ::testing::Values(RegistryCase{"cn_resident_id", "cn_resident_id", "11010519491231002X"},
                      RegistryCase{"passport", "passport_number", "L898902C3"},
                      RegistryCase{"ph_philsys_id", "ph_philsys_id", "1234-5678-9101-1213"},
                      RegistryCase{"ph_drivers_license", "ph_drivers_license", "N01-12-123456"},
                      RegistryCase{"ph_umid", "ph_umid", "0111-2345678-9"},
                      RegistryCase{"us_drivers_license", "us_drivers_license", "A1234567"},
                      RegistryCase{"us_state_id", "us_state_id", "A1234567"}));

TEST(DocumentValidatorsRegistryTest, UnknownNamesAreNotFound) {
  EXPECT_EQ(find_validator_by_document_type("passport_number"), nullptr);
  EXPECT_EQ(find_validator_by_name("passport"), nullptr);
  EXPECT_EQ(find_validator_by_name(""), nullptr);
  EXPECT_EQ(known_document_types().size(), 7u);
}

}  // namespace
}  // namespace simreg::jurisdiction

#include "jurisdiction/country_codes.hpp"

#include <gtest/gtest.h>

namespace simreg::jurisdiction {
namespace {

struct Alpha2Case {
  std::string code;
  bool known;
};

class CountryAlpha2Test : public ::testing::TestWithParam<Alpha2Case> {};

TEST_P(CountryAlpha2Test, KnowsAssignedCodes) {
  EXPECT_EQ(is_country_alpha2(GetParam().code), GetParam().known);
}

INSTANTIATE_TEST_SUITE_P(Table, CountryAlpha2Test,
                         ::testing::Values(Alpha2Case{"CN", true}, Alpha2Case{"PH", true},
                                           Alpha2Case{"US", true}, Alpha2Case{"AD", true},
                                           Alpha2Case{"ZW", true}, Alpha2Case{"XK", true},
                                           Alpha2Case{"cn", false}, Alpha2Case{"UK", false},
                                           Alpha2Case{"EU", false}, Alpha2Case{"ZZ", false},
                                           Alpha2Case{"C", false}, Alpha2Case{"CHN", false},
                                           Alpha2Case{"", false}));

struct MrzCodeCase {
  std::string code;
  std::optional<std::string> alpha2;
};

class MrzCodeTest : public ::testing::TestWithParam<MrzCodeCase> {};

TEST_P(MrzCodeTest, ConvertsToAlpha2) {
  EXPECT_EQ(alpha2_from_mrz_code(GetParam().code), GetParam().alpha2);
}

INSTANTIATE_TEST_SUITE_P(
    Table, MrzCodeTest,
    ::testing::Values(MrzCodeCase{"CHN", "CN"}, MrzCodeCase{"PHL", "PH"}, MrzCodeCase{"USA", "US"},
                      MrzCodeCase{"SWE", "SE"}, MrzCodeCase{"D<<", "DE"}, MrzCodeCase{"D", "DE"},
                      MrzCodeCase{"DEU", "DE"}, MrzCodeCase{"GBR", "GB"}, MrzCodeCase{"GBD", "GB"},
                      MrzCodeCase{"HKG", "HK"}, MrzCodeCase{"RKS", "XK"},
                      MrzCodeCase{"UTO", std::nullopt}, MrzCodeCase{"XXA", std::nullopt},
                      MrzCodeCase{"UNO", std::nullopt}, MrzCodeCase{"<<<", std::nullopt},
                      MrzCodeCase{"", std::nullopt}));

}  // namespace
}  // namespace simreg::jurisdiction

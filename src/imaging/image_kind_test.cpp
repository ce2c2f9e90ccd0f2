#include "imaging/image_kind.hpp"

#include <gtest/gtest.h>

#include <string>

namespace simreg::imaging {
namespace {

struct KindCase {
  const char* name;
  ImageKind kind;
  FacePolicy faces;
  bool document;
};
void PrintTo(const KindCase& c, std::ostream* os) { *os << c.name; }

class ImageKindTest : public ::testing::TestWithParam<KindCase> {};

TEST_P(ImageKindTest, ParsesNamesAndPolicies) {
  const auto& c = GetParam();
  EXPECT_EQ(parse_image_kind(c.name), c.kind);
  EXPECT_EQ(image_kind_name(c.kind), c.name);
  EXPECT_EQ(face_policy(c.kind), c.faces);
  EXPECT_EQ(is_document(c.kind), c.document);
}

INSTANTIATE_TEST_SUITE_P(
    Contract, ImageKindTest,
    ::testing::Values(KindCase{"id_front", ImageKind::id_front, FacePolicy::at_least_one, true},
                      KindCase{"id_back", ImageKind::id_back, FacePolicy::none, true},
                      KindCase{"passport", ImageKind::passport, FacePolicy::at_least_one, true},
                      KindCase{"selfie", ImageKind::selfie, FacePolicy::exactly_one, false}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ImageKind, RejectsAnythingElse) {
  for (const char* name : {"", "ID_FRONT", "id-front", "front", "selfie ", "passport_page", "id_front\n"}) {
    EXPECT_FALSE(parse_image_kind(name).has_value()) << name;
  }
}

TEST(ImageKind, ListsEveryKindOnce) {
  EXPECT_EQ(kAllImageKinds.size(), 4u);
  for (ImageKind kind : kAllImageKinds) EXPECT_EQ(parse_image_kind(image_kind_name(kind)), kind);
}

}  // namespace
}  // namespace simreg::imaging

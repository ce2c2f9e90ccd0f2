// flatten_onto_white: straight alpha composited over white, rounded; opaque pixels untouched.
#include "imaging/alpha_flatten_internal.hpp"

#include <gtest/gtest.h>

namespace simreg::imaging {
namespace {

struct FlattenCase {
  const char* name;
  cv::Vec4b bgra;
  cv::Vec3b bgr;
};
void PrintTo(const FlattenCase& c, std::ostream* os) { *os << c.name; }

class FlattenTest : public ::testing::TestWithParam<FlattenCase> {};

TEST_P(FlattenTest, CompositesOverWhite) {
  const auto& c = GetParam();
  const cv::Mat bgra(3, 5, CV_8UC4, cv::Scalar(c.bgra[0], c.bgra[1], c.bgra[2], c.bgra[3]));
  const cv::Mat bgr = flatten_onto_white(bgra);
  ASSERT_EQ(bgr.type(), CV_8UC3);
  ASSERT_EQ(bgr.size(), bgra.size());
  for (int y = 0; y < bgr.rows; ++y) {
    for (int x = 0; x < bgr.cols; ++x) EXPECT_EQ(bgr.at<cv::Vec3b>(y, x), c.bgr);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, FlattenTest,
    ::testing::Values(FlattenCase{"opaque_keeps_exact_colour", {12, 34, 56, 255}, {12, 34, 56}},
                      FlattenCase{"transparent_black_is_white", {0, 0, 0, 0}, {255, 255, 255}},
                      FlattenCase{"transparent_any_colour_is_white", {200, 10, 90, 0}, {255, 255, 255}},
                      FlattenCase{"half_black_is_mid_grey", {0, 0, 0, 128}, {127, 127, 127}},
                      FlattenCase{"quarter_red", {0, 0, 255, 64}, {191, 191, 255}},
                      FlattenCase{"nearly_opaque_blue", {255, 0, 0, 254}, {255, 1, 1}},
                      FlattenCase{"white_stays_white", {255, 255, 255, 77}, {255, 255, 255}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(FlattenRegionTest, ReadsRegionsOfLargerPictures) {
  cv::Mat bgra(4, 4, CV_8UC4, cv::Scalar(0, 0, 0, 0));
  bgra(cv::Rect(1, 1, 2, 2)).setTo(cv::Scalar(10, 20, 30, 255));
  const cv::Mat bgr = flatten_onto_white(bgra(cv::Rect(1, 1, 2, 3)));
  ASSERT_EQ(bgr.size(), cv::Size(2, 3));
  EXPECT_EQ(bgr.at<cv::Vec3b>(0, 0), cv::Vec3b(10, 20, 30));
  EXPECT_EQ(bgr.at<cv::Vec3b>(1, 1), cv::Vec3b(10, 20, 30));
  EXPECT_EQ(bgr.at<cv::Vec3b>(2, 0), cv::Vec3b(255, 255, 255));
}

}  // namespace
}  // namespace simreg::imaging

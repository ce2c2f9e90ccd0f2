#include "imaging/check_image_command.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "imaging/sample_photos_internal.hpp"

namespace simreg::imaging {
namespace {

namespace samples = testing;

class CheckImageCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(samples::sample_dir().has_value()) << "OpenCV sample photos are missing: install opencv-doc";
    dir_ = std::filesystem::temp_directory_path() /
           ("simreg-check-image-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& bytes) {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }

  struct Run {
    int exit_code;
    nlohmann::json json;
    std::string err;
  };
  Run run(const CheckImageOptions& options) {
    std::ostringstream out;
    std::ostringstream err;
    const int code = run_check_image(options, out, err);
    std::string text = out.str();
    // Exactly one JSON object on one line (or nothing on a read error).
    if (!text.empty()) {
      EXPECT_EQ(text.back(), '\n');
      EXPECT_EQ(text.find('\n'), text.size() - 1);
    }
    return {code, text.empty() ? nlohmann::json() : nlohmann::json::parse(text), err.str()};
  }

  std::filesystem::path dir_;
};

TEST_F(CheckImageCommandTest, AcceptedPictureExitsZero) {
  CheckImageOptions options;
  options.file = write("selfie.jpg", samples::encode(samples::selfie_photo(), ".jpg"));
  options.kind = ImageKind::selfie;
  const Run r = run(options);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.json.at("accepted"), true);
  EXPECT_EQ(r.json.at("reasons"), nlohmann::json::array());
  EXPECT_EQ(r.json.at("messages"), nlohmann::json::array());
  EXPECT_EQ(r.json.at("measurements").at("faces").at("count"), 1);
  EXPECT_EQ(r.json.at("measurements").at("width"), 640);
}

TEST_F(CheckImageCommandTest, RejectedPictureListsCodesAndLocalizedMessages) {
  CheckImageOptions options;
  options.file = write("blurred.jpg", samples::encode(samples::gaussian_blurred(samples::selfie_photo(), 2), ".jpg"));
  options.kind = ImageKind::selfie;
  options.locale = "zh-CN";
  const Run r = run(options);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.json.at("accepted"), false);
  EXPECT_EQ(r.json.at("reasons"), nlohmann::json::array({"image.blurred"}));
  ASSERT_EQ(r.json.at("messages").size(), 1u);
  EXPECT_EQ(r.json.at("messages")[0].at("code"), "image.blurred");
  EXPECT_EQ(r.json.at("messages")[0].at("message"), "图片模糊。");
  EXPECT_FALSE(r.json.at("messages")[0].at("hint").get<std::string>().empty());
  EXPECT_TRUE(r.json.at("measurements").contains("blur"));
}

TEST_F(CheckImageCommandTest, HardFailuresPrintTheSameShape) {
  struct Case {
    const char* name;
    std::string bytes;
    const char* content_type;
    const char* code;
  };
  const std::string png = samples::encode(samples::selfie_photo(), ".png");
  for (const auto& c : {Case{"flood.png", samples::png_claiming(60000, 60000), "", "image.too_many_pixels"},
                        Case{"cut.png", png.substr(0, png.size() / 2), "", "image.unreadable"},
                        Case{"note.txt", "not a picture", "", "image.unsupported_type"},
                        Case{"renamed.jpg", png, "image/jpeg", "image.type_mismatch"}}) {
    CheckImageOptions options;
    options.file = write(c.name, c.bytes);
    options.content_type = c.content_type;
    const Run r = run(options);
    EXPECT_EQ(r.exit_code, 1) << c.name;
    EXPECT_EQ(r.json.at("accepted"), false) << c.name;
    EXPECT_EQ(r.json.at("reasons"), nlohmann::json::array({c.code})) << c.name;
    ASSERT_EQ(r.json.at("messages").size(), 1u) << c.name;
    EXPECT_EQ(r.json.at("messages")[0].at("code"), c.code);
    EXPECT_EQ(r.json.at("measurements").at("bytes"), c.bytes.size());
  }
}

TEST_F(CheckImageCommandTest, UnreadableFileExitsTwo) {
  CheckImageOptions options;
  options.file = (dir_ / "missing.jpg").string();
  const Run r = run(options);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.json.is_null());
  EXPECT_NE(r.err.find("cannot read"), std::string::npos);
}

TEST_F(CheckImageCommandTest, ParsesTheCommandLine) {
  const std::string file = write("card.jpg", samples::encode(samples::document_photo(samples::DocumentKind::card_back), ".jpg"));
  CLI::App app;
  auto* check = app.add_subcommand("check");
  std::function<int()> action;
  add_check_image_command(*check, action);
  app.parse(std::vector<std::string>{"en", "--locale", "id_back", "--kind", file, "image", "check"});  // reversed argv
  ASSERT_TRUE(action);
  ::testing::internal::CaptureStdout();
  const int code = action();
  const auto json = nlohmann::json::parse(::testing::internal::GetCapturedStdout());
  EXPECT_EQ(code, 0);
  EXPECT_EQ(json.at("accepted"), true);
  EXPECT_TRUE(json.at("measurements").contains("frame"));
}

TEST_F(CheckImageCommandTest, RejectsUnknownKindsAndLocales) {
  for (const auto& args : {std::vector<std::string>{"x.jpg", "--kind", "front"},
                           std::vector<std::string>{"x.jpg", "--kind", "selfie", "--locale", "fr"},
                           std::vector<std::string>{"x.jpg"}}) {
    CLI::App app;
    auto* check = app.add_subcommand("check");
    std::function<int()> action;
    add_check_image_command(*check, action);
    std::vector<std::string> argv(args.rbegin(), args.rend());
    argv.push_back("image");
    argv.push_back("check");
    EXPECT_THROW(app.parse(argv), CLI::ParseError) << args.back();
    EXPECT_FALSE(action);
  }
}

}  // namespace
}  // namespace simreg::imaging

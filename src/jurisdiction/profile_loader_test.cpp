#include "jurisdiction/profile_loader.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace simreg::jurisdiction {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "simreg-profiles-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
  }

 private:
  std::filesystem::path path_;
};

class ShippedProfileTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ShippedProfileTest, LoadsAndIsPublishedVerbatim) {
  auto profile = load_profile(GetParam());
  ASSERT_TRUE(profile.ok()) << profile.error().detail;
  EXPECT_EQ(profile->id(), GetParam());
  const auto* source_dir = std::getenv("SIMREG_SOURCE_DIR");
  ASSERT_NE(source_dir, nullptr);
  const auto shipped =
      read_file(std::filesystem::path(source_dir) / "profiles" / (GetParam() + ".json"));
  EXPECT_EQ(profile_public_json(*profile), nlohmann::json::parse(shipped));
}

INSTANTIATE_TEST_SUITE_P(Shipped, ShippedProfileTest, ::testing::Values("cn", "ph", "us"));

TEST(ProfileLoaderTest, EmbedsEveryShippedFileByteForByte) {
  const auto* source_dir = std::getenv("SIMREG_SOURCE_DIR");
  ASSERT_NE(source_dir, nullptr);
  std::vector<std::string> shipped;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(source_dir) / "profiles")) {
    if (entry.path().extension() == ".json") shipped.push_back(entry.path().stem().string());
  }
  std::sort(shipped.begin(), shipped.end());
  std::vector<std::string> bundled;
  for (const auto& profile : bundled_profiles()) {
    bundled.emplace_back(profile.id);
    EXPECT_EQ(profile.json, read_file(std::filesystem::path(source_dir) / "profiles" /
                                      (std::string(profile.id) + ".json")));
  }
  EXPECT_EQ(bundled, shipped);
}

TEST(ProfileLoaderTest, UnknownIdsAreRejectedWithoutTouchingTheFilesystem) {
  for (const char* id : {"xx", "", "../cn", "CN", "cn.json"}) {
    auto profile = load_profile(id, "/nonexistent");
    ASSERT_FALSE(profile.ok()) << id;
    EXPECT_EQ(profile.error().code, "profile.unknown") << id;
  }
  EXPECT_NE(load_profile("xx").error().detail.find("cn, ph, us"), std::string::npos);
}

TEST(ProfileLoaderTest, OverrideDirectoryWins) {
  TempDir dir;
  auto document = nlohmann::json::parse(std::string(bundled_profiles().front().json));
  ASSERT_EQ(document["id"], "cn");
  document["sim_cap_per_person"] = 3;
  dir.write("cn.json", document.dump());
  auto overridden = load_profile("cn", dir.path().string());
  ASSERT_TRUE(overridden.ok()) << overridden.error().detail;
  EXPECT_EQ(overridden->sim_cap_per_person(), 3);
  EXPECT_EQ(profile_public_json(*overridden)["sim_cap_per_person"], 3);
  // Profiles the directory does not have still come from the binary.
  auto ph = load_profile("ph", dir.path().string());
  ASSERT_TRUE(ph.ok());
  EXPECT_EQ(ph->sim_cap_per_person(), 10);
}

TEST(ProfileLoaderTest, OverrideDirectoryMayAddProfiles) {
  TempDir dir;
  auto document = nlohmann::json::parse(std::string(bundled_profiles().front().json));
  document["id"] = "cn_test";
  dir.write("cn_test.json", document.dump());
  auto added = load_profile("cn_test", dir.path().string());
  ASSERT_TRUE(added.ok()) << added.error().detail;
  EXPECT_EQ(added->id(), "cn_test");
}

TEST(ProfileLoaderTest, MalformedOverrideIsRejected) {
  TempDir dir;
  dir.write("cn.json", "{\"id\": \"cn\", \"country\": \"CN\"}");
  auto missing = load_profile("cn", dir.path().string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "profile.invalid");
  EXPECT_NE(missing.error().detail.find("cn.json"), std::string::npos);
  EXPECT_GT(missing.error().fields.size(), 5u);

  dir.write("ph.json", "not json");
  auto syntax = load_profile("ph", dir.path().string());
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.error().code, "profile.invalid");

  auto document = nlohmann::json::parse(std::string(bundled_profiles().back().json));
  ASSERT_EQ(document["id"], "us");
  dir.write("us.json", document.dump());
  std::filesystem::rename(dir.path() / "us.json", dir.path() / "cn.json");
  auto renamed = load_profile("cn", dir.path().string());
  ASSERT_FALSE(renamed.ok());
  EXPECT_EQ(renamed.error().fields.front().field, "/id");
}

}  // namespace
}  // namespace simreg::jurisdiction

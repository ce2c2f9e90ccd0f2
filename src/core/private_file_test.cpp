// write_new_private_file and fsync_directory on a real temporary directory: contents, the 0600
// mode under a permissive umask, refusal to overwrite or follow a symlink, and clean-up on failure.
#include "core/private_file.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <string>

namespace simreg {
namespace {

class PrivateFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("simreg-private-file-" + std::to_string(::getpid()) + "-" +
                                                     std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  static std::string read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }
  std::filesystem::path dir_;
};

TEST_F(PrivateFileTest, WritesTheBytesOwnerOnlyWhateverTheUmask) {
  const mode_t previous = ::umask(0);
  const std::string bytes("sealed\0bytes\xff", 13);
  const auto failure = write_new_private_file(dir_ / "a", bytes);
  ::umask(previous);
  ASSERT_FALSE(failure) << failure->step;
  EXPECT_EQ(read(dir_ / "a"), bytes);
  struct stat info {};
  ASSERT_EQ(::stat((dir_ / "a").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_FALSE(fsync_directory(dir_));
}

TEST_F(PrivateFileTest, WritesAnEmptyFile) {
  ASSERT_FALSE(write_new_private_file(dir_ / "empty", ""));
  EXPECT_EQ(std::filesystem::file_size(dir_ / "empty"), 0u);
}

TEST_F(PrivateFileTest, NeverReplacesAnExistingFile) {
  ASSERT_FALSE(write_new_private_file(dir_ / "a", "first"));
  const auto failure = write_new_private_file(dir_ / "a", "second");
  ASSERT_TRUE(failure);
  EXPECT_STREQ(failure->step, "create");
  EXPECT_EQ(failure->error_number, EEXIST);
  EXPECT_EQ(read(dir_ / "a"), "first");
}

TEST_F(PrivateFileTest, DoesNotFollowASymlink) {
  ASSERT_FALSE(write_new_private_file(dir_ / "target", "kept"));
  std::filesystem::create_symlink(dir_ / "target", dir_ / "link");
  const auto failure = write_new_private_file(dir_ / "link", "planted");
  ASSERT_TRUE(failure);
  EXPECT_STREQ(failure->step, "create");
  EXPECT_EQ(read(dir_ / "target"), "kept");
}

TEST_F(PrivateFileTest, ReportsAMissingDirectory) {
  const auto write = write_new_private_file(dir_ / "missing" / "a", "x");
  ASSERT_TRUE(write);
  EXPECT_EQ(write->error_number, ENOENT);
  const auto sync = fsync_directory(dir_ / "missing");
  ASSERT_TRUE(sync);
  EXPECT_STREQ(sync->step, "open");
  EXPECT_EQ(sync->error_number, ENOENT);
}

TEST_F(PrivateFileTest, ADescriptorIsClosedOnceOwned) {
  FileDescriptor fd(::open(dir_.c_str(), O_RDONLY | O_DIRECTORY));
  ASSERT_GE(fd.get(), 0);
  const int raw = fd.release();
  EXPECT_EQ(fd.get(), -1);
  EXPECT_EQ(::close(raw), 0);  // release() handed ownership back: still open here
  int kept = -1;
  {
    FileDescriptor owned(::open(dir_.c_str(), O_RDONLY | O_DIRECTORY));
    ASSERT_GE(owned.get(), 0);
    kept = owned.get();
  }
  EXPECT_EQ(::fcntl(kept, F_GETFD), -1);  // closed by the destructor
  EXPECT_EQ(errno, EBADF);
}

}  // namespace
}  // namespace simreg

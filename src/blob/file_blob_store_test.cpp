#include "blob/file_blob_store.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <utime.h>

#include <atomic>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "crypto/field_sealer.hpp"
#include "crypto/keyring.hpp"
#include "crypto/random.hpp"

namespace simreg::blob {
namespace {

mode_t mode_of(const std::filesystem::path& path) {
  struct stat info {};
  EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
  return info.st_mode & 07777;
}

std::string raw_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class FileBlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Parameterized test names contain '/'; one flat directory per test keeps TearDown complete.
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& c : name) {
      if (c == '/') c = '_';
    }
    dir_ = std::filesystem::temp_directory_path() / ("simreg-blob-test-" + crypto::random_token(8) + "-" + name);
    root_ = dir_ / "blobs";
    auto store = FileBlobStore::open(root_);
    ASSERT_TRUE(store.ok()) << store.error().detail;
    store_ = std::move(*store);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::filesystem::path root_;
  std::unique_ptr<FileBlobStore> store_;
};

TEST_F(FileBlobStoreTest, RoundTripsAnyBytes) {
  for (const std::string& bytes : {std::string(), std::string("x"), std::string("nul\0inside\xff", 11),
                                   crypto::random_bytes(1 << 20)}) {
    auto id = store_->put(bytes);
    ASSERT_TRUE(id.ok()) << id.error().detail;
    EXPECT_TRUE(is_valid_blob_id(*id)) << *id;
    auto read = store_->get(*id);
    ASSERT_TRUE(read.ok()) << read.error().detail;
    EXPECT_EQ(*read, bytes);
  }
}

TEST_F(FileBlobStoreTest, LaysOutPrivateFilesUnderTwoLevelFanOut) {
  auto id = store_->put("sealed bytes");
  ASSERT_TRUE(id.ok());
  const auto path = root_ / id->substr(0, 2) / id->substr(2, 2) / *id;
  EXPECT_EQ(store_->path_of(*id), path);
  EXPECT_EQ(raw_file(path), "sealed bytes");
  EXPECT_EQ(mode_of(path), 0600u);
  EXPECT_EQ(mode_of(path.parent_path()), 0700u);
  EXPECT_EQ(mode_of(path.parent_path().parent_path()), 0700u);
  EXPECT_EQ(mode_of(root_), 0700u);
  // Nothing is left behind in the staging directory.
  EXPECT_TRUE(std::filesystem::is_empty(root_ / "tmp"));
}

TEST_F(FileBlobStoreTest, IdsAreRandomAndDistinct) {
  std::set<std::string> ids;
  for (int i = 0; i < 64; ++i) {
    auto id = store_->put("same bytes");
    ASSERT_TRUE(id.ok());
    ids.insert(*id);
  }
  EXPECT_EQ(ids.size(), 64u);
}

TEST_F(FileBlobStoreTest, HoldsOnlyWhatCallersSealed) {
  // The contract: document images are sealed before put(); the store keeps the ciphertext as is.
  const crypto::Keyring keyring = crypto::Keyring::generate();
  const crypto::FieldSealer sealer(keyring);
  const std::string image = "\xFF\xD8\xFF" + std::string("JFIF holder ZHANG SAN 11010519491231002X");
  const crypto::FieldContext context{"application_documents", "image", "doc_1"};
  auto id = store_->put(sealer.seal(image, context));
  ASSERT_TRUE(id.ok());
  const std::string on_disk = raw_file(store_->path_of(*id));
  EXPECT_EQ(on_disk.find("ZHANG"), std::string::npos);
  EXPECT_EQ(on_disk.find("JFIF"), std::string::npos);
  auto opened = sealer.open(*store_->get(*id), context);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, image);
}

TEST_F(FileBlobStoreTest, MissingBlobsAreNotFoundAndRemovalIsIdempotent) {
  auto id = store_->put("temporary");
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(store_->remove(*id).ok());
  EXPECT_FALSE(std::filesystem::exists(store_->path_of(*id)));
  auto gone = store_->get(*id);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, "blob.not_found");
  EXPECT_EQ(gone.error().kind, ErrorKind::not_found);
  EXPECT_TRUE(store_->remove(*id).ok());
  EXPECT_EQ(store_->get("0123456789abcdef0123456789abcdef").error().code, "blob.not_found");
}

struct IdCase {
  const char* name;
  std::string id;
};
void PrintTo(const IdCase& c, std::ostream* os) { *os << c.name; }

class InvalidIdTest : public FileBlobStoreTest, public ::testing::WithParamInterface<IdCase> {};

TEST_P(InvalidIdTest, IsRejectedBeforeTouchingTheDisk) {
  // A file the traversal attempts would reach if ids were used as paths.
  std::ofstream(dir_ / "secret") << "outside";
  auto read = store_->get(GetParam().id);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, "blob.invalid_id");
  EXPECT_EQ(read.error().kind, ErrorKind::invalid_input);
  auto removed = store_->remove(GetParam().id);
  ASSERT_FALSE(removed.ok());
  EXPECT_EQ(removed.error().code, "blob.invalid_id");
  EXPECT_TRUE(std::filesystem::exists(dir_ / "secret"));
}

INSTANTIATE_TEST_SUITE_P(
    Table, InvalidIdTest,
    ::testing::Values(IdCase{"empty", ""}, IdCase{"parent_traversal", "../secret"},
                      IdCase{"deep_traversal", "../../../../../../../../etc/passwd"},
                      IdCase{"traversal_padded_to_32", "../../secret/aaaaaaaaaaaaaaaaaaa"},
                      IdCase{"absolute", "/etc/passwd/aaaaaaaaaaaaaaaaaaaaa"},
                      IdCase{"upper_case", "0123456789ABCDEF0123456789ABCDEF"},
                      IdCase{"too_short", "0123456789abcdef0123456789abcde"},
                      IdCase{"too_long", "0123456789abcdef0123456789abcdef0"},
                      IdCase{"not_hex", "0123456789abcdef0123456789abcdeg"},
                      IdCase{"embedded_nul", std::string("0123456789abcdef\0" "123456789abcdef", 32)},
                      IdCase{"fan_out_dir", "01/23/0123456789abcdef0123456789"},
                      IdCase{"staging_file", "tmp/0123456789abcdef0123456789ab"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(FileBlobStoreTest, ConcurrentWritersAndReaders) {
  constexpr int kThreads = 8;
  constexpr int kEach = 8;
  std::vector<std::thread> threads;
  std::atomic<int> verified{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string bytes = "blob " + std::to_string(t) + "/" + std::to_string(i) + crypto::random_bytes(100);
        auto id = store_->put(bytes);
        if (!id.ok()) continue;
        auto read = store_->get(*id);
        if (read.ok() && *read == bytes) ++verified;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(verified.load(), kThreads * kEach);
}

TEST(FileBlobStoreOpen, CreatesTightensAndRefuses) {
  const auto dir = std::filesystem::temp_directory_path() / ("simreg-blob-open-" + crypto::random_token(8));
  std::filesystem::create_directories(dir);

  // A fresh nested path is created private.
  auto fresh = FileBlobStore::open(dir / "data" / "blobs");
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(mode_of(dir / "data" / "blobs"), 0700u);

  // An existing directory readable by others is tightened.
  std::filesystem::create_directories(dir / "open");
  ::chmod((dir / "open").c_str(), 0755);
  ASSERT_TRUE(FileBlobStore::open(dir / "open").ok());
  EXPECT_EQ(mode_of(dir / "open"), 0700u);

  // A regular file in the way, or no path at all, is an error.
  std::ofstream(dir / "file") << "x";
  auto on_file = FileBlobStore::open(dir / "file");
  ASSERT_FALSE(on_file.ok());
  EXPECT_EQ(on_file.error().code, "blob.io");
  EXPECT_FALSE(FileBlobStore::open("").ok());
  std::filesystem::remove_all(dir);
}

TEST(FileBlobStoreOpen, SweepsStaleTemporariesOnly) {
  const auto dir = std::filesystem::temp_directory_path() / ("simreg-blob-sweep-" + crypto::random_token(8));
  ASSERT_TRUE(FileBlobStore::open(dir).ok());
  const auto old_temp = dir / "tmp" / "0123456789abcdef0123456789abcdef.tmp";
  const auto new_temp = dir / "tmp" / "fedcba9876543210fedcba9876543210.tmp";
  std::ofstream(old_temp) << "half written before a crash";
  std::ofstream(new_temp) << "being written right now";
  const struct utimbuf two_hours_ago {
    ::time(nullptr) - 7200, ::time(nullptr) - 7200
  };
  ASSERT_EQ(::utime(old_temp.c_str(), &two_hours_ago), 0);
  ASSERT_TRUE(FileBlobStore::open(dir).ok());
  EXPECT_FALSE(std::filesystem::exists(old_temp));
  EXPECT_TRUE(std::filesystem::exists(new_temp));
  std::filesystem::remove_all(dir);
}

TEST(BlobId, AcceptsOnlyLowerHex128Bits) {
  EXPECT_TRUE(is_valid_blob_id("0123456789abcdef0123456789abcdef"));
  EXPECT_TRUE(is_valid_blob_id(std::string(32, 'f')));
  EXPECT_FALSE(is_valid_blob_id(std::string(32, 'F')));
  EXPECT_FALSE(is_valid_blob_id(std::string(32, '.')));
  EXPECT_FALSE(is_valid_blob_id(std::string(64, 'a')));
}

}  // namespace
}  // namespace simreg::blob

#include "blob/file_blob_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "core/private_file.hpp"
#include "crypto/encoding.hpp"
#include "crypto/random.hpp"

namespace simreg::blob {
namespace {

constexpr std::size_t kIdBytes = 16;
constexpr mode_t kDirectoryMode = 0700;
constexpr const char* kTempDirectory = "tmp";
constexpr const char* kTempSuffix = ".tmp";

// Paths hold only random ids, never personal data, so naming the operation and errno is enough.
Error io_error(const char* action, int error_number) {
  return Error::make(ErrorKind::internal, "blob.io",
                     std::string("Blob store: could not ") + action + ": " + std::strerror(error_number));
}

Error invalid_id() { return Error::make(ErrorKind::invalid_input, "blob.invalid_id", "The blob id is not valid."); }

Result<void> sync_directory(const std::filesystem::path& dir) {
  if (const auto failure = fsync_directory(dir)) {
    return io_error((std::string(failure->step) + " a directory").c_str(), failure->error_number);
  }
  return success();
}

// mkdir that tolerates a concurrent creator; a new directory's entry is made durable in its parent.
Result<void> ensure_directory(const std::filesystem::path& dir) {
  if (::mkdir(dir.c_str(), kDirectoryMode) == 0) return sync_directory(dir.parent_path());
  if (errno != EEXIST) return io_error("create a directory", errno);
  struct stat info {};
  if (::stat(dir.c_str(), &info) != 0) return io_error("inspect a directory", errno);
  if (!S_ISDIR(info.st_mode)) return io_error("use a directory", ENOTDIR);
  return success();
}

Result<void> write_durably(const std::filesystem::path& path, std::string_view bytes) {
  if (const auto failure = write_new_private_file(path, bytes)) {
    return io_error((std::string(failure->step) + " a blob file").c_str(), failure->error_number);
  }
  return success();
}

void remove_stale_temporaries(const std::filesystem::path& dir, std::chrono::seconds stale_after) {
  std::error_code ec;
  const auto cutoff = std::filesystem::file_time_type::clock::now() - stale_after;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const auto& path = entry.path();
    if (path.extension() != kTempSuffix || !entry.is_regular_file(ec)) continue;
    if (entry.last_write_time(ec) < cutoff) std::filesystem::remove(path, ec);
  }
}

}  // namespace

Result<std::unique_ptr<FileBlobStore>> FileBlobStore::open(std::filesystem::path root,
                                                           std::chrono::seconds stale_after) {
  if (root.empty()) return io_error("use an empty blob directory path", EINVAL);
  std::error_code ec;
  std::filesystem::create_directories(root, ec);
  if (ec) return io_error("create the blob directory", ec.value());
  struct stat info {};
  if (::stat(root.c_str(), &info) != 0) return io_error("inspect the blob directory", errno);
  if (!S_ISDIR(info.st_mode)) return io_error("use the blob directory", ENOTDIR);
  if ((info.st_mode & 0777) != kDirectoryMode && ::chmod(root.c_str(), kDirectoryMode) != 0) {
    return io_error("restrict the blob directory to its owner", errno);
  }
  SIMREG_TRY(ensure_directory(root / kTempDirectory));
  remove_stale_temporaries(root / kTempDirectory, stale_after);
  return std::unique_ptr<FileBlobStore>(new FileBlobStore(std::move(root)));
}

std::filesystem::path FileBlobStore::path_of(std::string_view valid_id) const {
  return root_ / std::string(valid_id.substr(0, 2)) / std::string(valid_id.substr(2, 2)) / std::string(valid_id);
}

Result<std::string> FileBlobStore::put(std::string_view bytes) {
  const std::string id = crypto::hex_encode(crypto::random_bytes(kIdBytes));
  const std::filesystem::path final_path = path_of(id);
  SIMREG_TRY(ensure_directory(final_path.parent_path().parent_path()));
  SIMREG_TRY(ensure_directory(final_path.parent_path()));

  const std::filesystem::path temp = root_ / kTempDirectory / (id + kTempSuffix);
  SIMREG_TRY(write_durably(temp, bytes));
  if (::rename(temp.c_str(), final_path.c_str()) != 0) {
    const int error_number = errno;
    ::unlink(temp.c_str());
    return io_error("move a blob into place", error_number);
  }
  SIMREG_TRY(sync_directory(final_path.parent_path()));
  return id;
}

Result<std::string> FileBlobStore::get(std::string_view id) const {
  if (!is_valid_blob_id(id)) return invalid_id();
  FileDescriptor fd(::open(path_of(id).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd.get() < 0) {
    if (errno == ENOENT) return Error::make(ErrorKind::not_found, "blob.not_found", "The blob does not exist.");
    return io_error("open a blob", errno);
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return io_error("inspect a blob", errno);
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(info.st_size));
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error("read a blob", errno);
    }
    if (n == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  return bytes;
}

Result<void> FileBlobStore::remove(std::string_view id) {
  if (!is_valid_blob_id(id)) return invalid_id();
  const std::filesystem::path path = path_of(id);
  if (::unlink(path.c_str()) != 0) {
    if (errno == ENOENT) return success();
    return io_error("remove a blob", errno);
  }
  return sync_directory(path.parent_path());
}

}  // namespace simreg::blob

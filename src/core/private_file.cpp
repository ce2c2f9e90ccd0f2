#include "core/private_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace simreg {

namespace {
constexpr mode_t kPrivateFileMode = 0600;
}  // namespace

FileDescriptor::~FileDescriptor() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<FileStepFailure> write_new_private_file(const std::filesystem::path& path, std::string_view bytes) {
  FileDescriptor fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, kPrivateFileMode));
  if (fd.get() < 0) return FileStepFailure{"create", errno};
  auto fail = [&](const char* step) {
    const int error_number = errno;
    ::unlink(path.c_str());
    return FileStepFailure{step, error_number};
  };
  // The umask can only remove bits; set them explicitly so the mode never depends on it.
  if (::fchmod(fd.get(), kPrivateFileMode) != 0) return fail("set permissions on");
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd.get(), bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("write");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd.get()) != 0) return fail("sync");
  if (::close(fd.release()) != 0) return fail("close");
  return std::nullopt;
}

std::optional<FileStepFailure> fsync_directory(const std::filesystem::path& dir) {
  FileDescriptor fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return FileStepFailure{"open", errno};
  if (::fsync(fd.get()) != 0) return FileStepFailure{"sync", errno};
  return std::nullopt;
}

}  // namespace simreg

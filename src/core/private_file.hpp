// POSIX steps for files that hold secrets or sealed data and must survive a crash: an owning file
// descriptor, a new owner-only (0600) file written and fsynced in full, and fsync of a directory so
// a rename or link into it is durable. Used by the blob store and the keyring file.
// Failures name the step and carry errno, so each caller words its own error. Thread-safe.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>
#include <utility>

namespace simreg {

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor();
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

struct FileStepFailure {
  const char* step;  // "create", "set permissions on", "write", "sync", "close", "open"
  int error_number;  // errno
};

// Creates `path` (which must not exist; a symlink there is refused), mode 0600 whatever the umask,
// writes `bytes`, fsyncs and closes it. On failure the partial file is removed.
std::optional<FileStepFailure> write_new_private_file(const std::filesystem::path& path, std::string_view bytes);

// Makes the directory's entries (a new file, a rename, a link) durable.
std::optional<FileStepFailure> fsync_directory(const std::filesystem::path& dir);

}  // namespace simreg

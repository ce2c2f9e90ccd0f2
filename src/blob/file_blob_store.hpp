// FileBlobStore: BlobStore on a local directory (the application passes DATA_DIR/blobs, outside any
// web root). Blob <id> lives at <root>/<id[0:2]>/<id[2:4]>/<id>, mode 0600, directories 0700. A put
// writes <root>/tmp/<id>.tmp, fsyncs it, renames it into place and fsyncs the directory, so an
// acknowledged blob survives a crash and a reader never sees a partial one. Thread-safe: no state
// beyond the root path; concurrent fan-out directory creation is tolerated.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>

#include "blob/blob_store.hpp"

namespace simreg::blob {

class FileBlobStore final : public BlobStore {
 public:
  // Creates `root` (0700) if needed and tightens an existing one to 0700; removes temporary files
  // older than `stale_after` left by a crash mid-put. Error: internal "blob.io".
  static Result<std::unique_ptr<FileBlobStore>> open(std::filesystem::path root,
                                                     std::chrono::seconds stale_after = std::chrono::hours(1));

  Result<std::string> put(std::string_view bytes) override;
  Result<std::string> get(std::string_view id) const override;
  Result<void> remove(std::string_view id) override;

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path path_of(std::string_view valid_id) const;

 private:
  explicit FileBlobStore(std::filesystem::path root) : root_(std::move(root)) {}
  std::filesystem::path root_;
};

}  // namespace simreg::blob

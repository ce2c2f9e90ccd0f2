// BlobStore: opaque byte blobs (sealed document images) under server-generated ids.
// The store never sees plaintext: callers seal the bytes with crypto::FieldSealer before put()
// (binding the ciphertext to table/column/row) and open them after get(). An id is 32 lowercase
// hex characters (128 random bits); anything else is rejected before touching storage.
// Implementations are thread-safe; put() returns only once the blob is durable.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace simreg::blob {

class BlobStore {
 public:
  virtual ~BlobStore() = default;

  // Stores `bytes` under a new id. Error: internal "blob.io".
  virtual Result<std::string> put(std::string_view bytes) = 0;
  // Errors: invalid_input "blob.invalid_id", not_found "blob.not_found", internal "blob.io".
  virtual Result<std::string> get(std::string_view id) const = 0;
  // Idempotent: removing a blob that is already gone succeeds (retention jobs can retry).
  // Errors: invalid_input "blob.invalid_id", internal "blob.io".
  virtual Result<void> remove(std::string_view id) = 0;
};

// True for exactly 32 lowercase hexadecimal characters.
bool is_valid_blob_id(std::string_view id);

}  // namespace simreg::blob

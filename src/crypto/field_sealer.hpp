// FieldSealer: encrypts personal data field by field with XChaCha20-Poly1305 (IETF AEAD) under the
// keyring's active data key, bound to where the value lives (table, column, row id), so a
// ciphertext copied to another row or column does not open. Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "crypto/keyring.hpp"

namespace simreg::crypto {

// Where a sealed value is stored. table and column are code constants and must not contain '|'
// (the associated-data separator; a violation aborts); row_id may be anything.
struct FieldContext {
  std::string_view table;
  std::string_view column;
  std::string_view row_id;
};

class FieldSealer {
 public:
  explicit FieldSealer(const Keyring& keyring);  // keeps a reference; keyring must outlive it

  // Binary layout: 0x01 | active key id (u32 big-endian) | 24-byte random nonce | ciphertext+tag.
  // Associated data = "simreg.v1|" + table + "|" + column + "|" + row_id.
  std::string seal(std::string_view plaintext, const FieldContext& ctx) const;
  // Error code "crypto.open_failed" for a bad version, unknown key id, truncation, tampering or a
  // wrong context; the error never carries the sealed or opened bytes.
  Result<std::string> open(std::string_view sealed, const FieldContext& ctx) const;

 private:
  const Keyring& keyring_;
};

}  // namespace simreg::crypto

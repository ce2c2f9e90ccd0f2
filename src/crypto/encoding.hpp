// Binary-to-text encodings: base64url (tokens), base64 (keyring), hex (digests), base32 (TOTP).
// Encoders take raw bytes; decoders are strict (canonical input only, except base32, which forgives
// the case, spaces and padding a person types) and never echo the input in errors. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace simreg::crypto {

std::string base64url_encode(std::string_view bytes);  // RFC 4648 §5, no padding
Result<std::string> base64url_decode(
    std::string_view text);  // rejects padding; code "encoding.invalid_base64url"

std::string base64_encode(std::string_view bytes);  // RFC 4648 §4, padded
Result<std::string> base64_decode(
    std::string_view text);  // padding required; code "encoding.invalid_base64"

std::string hex_encode(std::string_view bytes);         // lowercase
Result<std::string> hex_decode(std::string_view text);  // either case; code "encoding.invalid_hex"

std::string base32_encode(std::string_view bytes);  // RFC 4648 §6, uppercase, no padding
// Accepts lower case, spaces anywhere and trailing '=' padding; code "encoding.invalid_base32".
Result<std::string> base32_decode(std::string_view text);

}  // namespace simreg::crypto

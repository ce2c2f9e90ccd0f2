#include "crypto/encoding.hpp"

#include <sodium.h>

#include <cstdint>

#include "crypto/sodium_init.hpp"

namespace simreg::crypto {
namespace {

constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

Error invalid(const char* code, const char* detail) {
  return Error::make(ErrorKind::invalid_input, code, detail);
}

std::string sodium_base64_encode(std::string_view bytes, int variant) {
  initialize();
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), variant);
  out.resize(out.size() - 1);  // the encoder's NUL terminator
  return out;
}

// libsodium's decoder rejects characters outside the variant's alphabet, wrong padding and
// non-zero trailing bits; it stops early at anything else, so a short parse is also an error.
bool sodium_base64_decode(std::string_view text, int variant, std::string& out) {
  initialize();
  out.assign(text.size() / 4 * 3 + 3, '\0');
  std::size_t written = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &written, &end, variant) != 0 ||
      end != text.data() + text.size()) {
    return false;
  }
  out.resize(written);
  return true;
}

int base32_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  return sodium_base64_encode(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

Result<std::string> base64url_decode(std::string_view text) {
  std::string out;
  if (!sodium_base64_decode(text, sodium_base64_VARIANT_URLSAFE_NO_PADDING, out)) {
    return invalid("encoding.invalid_base64url", "The value is not valid unpadded base64url.");
  }
  return out;
}

std::string base64_encode(std::string_view bytes) {
  return sodium_base64_encode(bytes, sodium_base64_VARIANT_ORIGINAL);
}

Result<std::string> base64_decode(std::string_view text) {
  std::string out;
  if (!sodium_base64_decode(text, sodium_base64_VARIANT_ORIGINAL, out)) {
    return invalid("encoding.invalid_base64", "The value is not valid padded base64.");
  }
  return out;
}

std::string hex_encode(std::string_view bytes) {
  initialize();
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  out.resize(bytes.size() * 2);
  return out;
}

Result<std::string> hex_decode(std::string_view text) {
  initialize();
  if (text.size() % 2 != 0) {
    return invalid("encoding.invalid_hex", "The value is not valid hex.");
  }
  std::string out(text.size() / 2, '\0');
  std::size_t written = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                     text.size(), nullptr, &written, &end) != 0 ||
      end != text.data() + text.size() || written != out.size()) {
    return invalid("encoding.invalid_hex", "The value is not valid hex.");
  }
  return out;
}

std::string base32_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32Alphabet[(buffer >> (bits - 5)) & 0x1f]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 0x1f]);
  return out;
}

Result<std::string> base32_decode(std::string_view text) {
  const Error error =
      invalid("encoding.invalid_base32", "The value is not valid base32 (RFC 4648).");
  std::string out;
  out.reserve(text.size() * 5 / 8);
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t symbols = 0;
  bool padding = false;
  for (const char c : text) {
    if (c == ' ') continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    const int value = base32_value(c);
    if (value < 0 || padding) return error;  // data after padding is not base32
    buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
    bits += 5;
    ++symbols;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  // A final group of 1, 3 or 6 symbols cannot come from whole bytes, and the bits left over must
  // be zero; otherwise two different texts would decode to the same secret.
  const std::size_t tail = symbols % 8;
  if (tail == 1 || tail == 3 || tail == 6) return error;
  if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0) return error;
  return out;
}

}  // namespace simreg::crypto

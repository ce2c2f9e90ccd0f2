#include "db/postgres/pg_codec.hpp"

#include <charconv>
#include <type_traits>

#include <fmt/format.h>
#include <libpq-fe.h>

namespace simreg::db {
namespace {

// From PostgreSQL's pg_type.dat; stable across versions.
constexpr unsigned int kBoolOid = 16;
constexpr unsigned int kByteaOid = 17;
constexpr unsigned int kInt8Oid = 20;
constexpr unsigned int kInt2Oid = 21;
constexpr unsigned int kInt4Oid = 23;
constexpr unsigned int kOidOid = 26;
constexpr unsigned int kFloat4Oid = 700;
constexpr unsigned int kFloat8Oid = 701;
constexpr unsigned int kNumericOid = 1700;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<PgParams> encode_pg_params(const std::vector<Value>& params) {
  PgParams out;
  const std::size_t n = params.size();
  out.types.resize(n, 0);
  out.values.resize(n, nullptr);
  out.lengths.resize(n, 0);
  out.formats.resize(n, 0);
  out.signature.resize(n, 'n');
  // Sized up front: values[] points into these strings, so they must never reallocate.
  out.numbers.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const bool ok = std::visit(
        [&](const auto& v) -> bool {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, Null>) {
            return true;
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            out.types[i] = kInt8Oid;
            out.signature[i] = 'i';
            out.numbers[i] = fmt::format("{}", v);
            out.values[i] = out.numbers[i].c_str();
          } else if constexpr (std::is_same_v<T, double>) {
            out.types[i] = kFloat8Oid;
            out.signature[i] = 'd';
            // Shortest text that reads back to the same double; inf/nan are accepted by float8in.
            out.numbers[i] = fmt::format("{}", v);
            out.values[i] = out.numbers[i].c_str();
          } else if constexpr (std::is_same_v<T, std::string>) {
            if (v.find('\0') != std::string::npos) return false;
            out.signature[i] = 't';
            out.values[i] = v.c_str();
          } else {
            out.types[i] = kByteaOid;
            out.signature[i] = 'b';
            out.values[i] = v.data.data();
            out.lengths[i] = static_cast<int>(v.data.size());
            out.formats[i] = 1;
          }
          return true;
        },
        params[i]);
    if (!ok) return std::nullopt;
  }
  return out;
}

std::optional<std::string> decode_bytea(std::string_view text) {
  if (text.starts_with("\\x")) {
    text.remove_prefix(2);
    if (text.size() % 2 != 0) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 2);
    for (std::size_t i = 0; i < text.size(); i += 2) {
      const int high = hex_digit(text[i]);
      const int low = hex_digit(text[i + 1]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>((high << 4) | low));
    }
    return out;
  }
  // bytea_output = escape (set by an administrator): let libpq undo it.
  const std::string terminated(text);
  std::size_t length = 0;
  unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(terminated.c_str()), &length);
  if (raw == nullptr) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(raw), length);
  PQfreemem(raw);
  return out;
}

Value decode_pg_text(unsigned int type_oid, std::string_view text) {
  switch (type_oid) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid: {
      std::int64_t parsed = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
      if (ec == std::errc() && end == text.data() + text.size()) return parsed;
      break;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: {
      // from_chars is locale-independent and, like strtod in the C locale, reads PostgreSQL's
      // "Infinity" and "NaN".
      double parsed = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
      if (ec == std::errc() && end == text.data() + text.size()) return parsed;
      break;
    }
    case kBoolOid:
      return std::int64_t{text == "t" ? 1 : 0};
    case kByteaOid:
      if (auto raw = decode_bytea(text)) return Bytes{std::move(*raw)};
      break;
    default:
      break;
  }
  return std::string(text);
}

}  // namespace simreg::db

// How Values travel over libpq: parameters go in text format with a declared type (int8, float8)
// or as "unknown" for text and NULL (the server infers the column type), except Bytes, which go in
// binary format as bytea. Results arrive in text format and are mapped by column type OID. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace simreg::db {

// Parameter arrays for PQprepare / PQexecPrepared. Pointers refer to this object and to the
// encoded Values, so both must outlive the call. Not copyable (the pointers would dangle).
struct PgParams {
  std::vector<unsigned int> types;  // Oid; 0 = let the server infer
  std::vector<const char*> values;  // nullptr = SQL NULL
  std::vector<int> lengths;
  std::vector<int> formats;         // 0 text, 1 binary
  std::string signature;            // one letter per parameter type: part of the statement's identity
  std::vector<std::string> numbers; // text of integer / double parameters

  PgParams() = default;
  PgParams(const PgParams&) = delete;
  PgParams& operator=(const PgParams&) = delete;
  PgParams(PgParams&&) = default;
};

// nullopt when a text parameter holds a NUL byte, which PostgreSQL text cannot store.
std::optional<PgParams> encode_pg_params(const std::vector<Value>& params);

// One non-NULL result field in text format. int2/int4/int8/oid → int64; float4/float8/numeric →
// double; bool → 0/1; bytea → Bytes; anything else (or an unparsable number) → string.
Value decode_pg_text(unsigned int type_oid, std::string_view text);

// "\x0aff..." (bytea_output = hex) or the legacy escape format → raw bytes.
std::optional<std::string> decode_bytea(std::string_view text);

}  // namespace simreg::db

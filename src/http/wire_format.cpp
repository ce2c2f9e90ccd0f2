#include "http/wire_format.hpp"

#include <charconv>

namespace simreg::http {

std::string serialize_response(const Response& response, bool head_only) {
  std::string out;
  std::size_t size = 32 + (head_only ? 0 : response.body().size());
  for (const auto& field : response) size += field.name_string().size() + field.value().size() + 4;
  out.reserve(size);

  const unsigned version = response.version();
  char number[16];
  out += "HTTP/";
  out += static_cast<char>('0' + version / 10);
  out += '.';
  out += static_cast<char>('0' + version % 10);
  out += ' ';
  const auto [end, ec] = std::to_chars(number, number + sizeof number, response.result_int());
  out.append(number, ec == std::errc() ? static_cast<std::size_t>(end - number) : 0);
  out += ' ';
  const auto reason = response.reason();
  out += reason.empty() ? bhttp::obsolete_reason(response.result()) : reason;
  out += "\r\n";
  for (const auto& field : response) {
    out += field.name_string();
    out += ": ";
    out += field.value();
    out += "\r\n";
  }
  out += "\r\n";
  if (!head_only) out += response.body();
  return out;
}

}  // namespace simreg::http

#include "accounts/password_policy.hpp"

#include <algorithm>
#include <cctype>

namespace simreg::accounts {
namespace {

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::size_t count_code_points(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::vector<FieldError> check_password(std::string_view password, std::string_view email,
                                       std::string_view field) {
  std::vector<FieldError> errors;
  const std::size_t length = count_code_points(password);
  if (length < kMinPasswordLength) {
    errors.push_back({std::string(field), "password.too_short",
                      "Use at least 12 characters."});
  } else if (length > kMaxPasswordLength) {
    errors.push_back({std::string(field), "password.too_long",
                      "Use at most 128 characters."});
  }
  const auto at = email.find('@');
  const std::string local = ascii_lower(email.substr(0, at == std::string_view::npos ? email.size() : at));
  // A local part of one or two characters would forbid too many good passwords for no gain.
  if (local.size() >= 3 && ascii_lower(password).find(local) != std::string::npos) {
    errors.push_back({std::string(field), "password.contains_email",
                      "The password must not contain your e-mail name."});
  }
  return errors;
}

}  // namespace simreg::accounts

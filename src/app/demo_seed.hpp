// Demo data for `simreg demo` and `make run`: a verified subscriber and one staff member per role,
// with known passwords (demo only) and their TOTP secrets, so a person can try every screen.
// Idempotent: a second run prints the same logins.
#pragma once

#include <string>
#include <vector>

#include "app/application.hpp"

namespace simreg::app {

struct DemoLogin {
  std::string kind;  // "subscriber" | "staff"
  std::string email;
  std::string password;
  std::vector<std::string> roles;
  std::string totp_secret_base32;  // staff only
};

Result<std::vector<DemoLogin>> seed_demo(Application& app);
std::string describe_demo_logins(const std::vector<DemoLogin>& logins);

}  // namespace simreg::app

// Demo data for `simreg demo` and `make run`: a verified subscriber, one staff member per role and
// ten unregistered SIM lines in the profile's country,
// with known passwords (demo only) and their TOTP secrets, so a person can try every screen.
// Idempotent: a second run prints the same logins.
#pragma once

#include <string>
#include <vector>

#include "app/application.hpp"

namespace simreg::app {

struct DemoLogin {
  std::string kind;  // "subscriber" | "staff" | "line" (an unregistered demo SIM line)
  std::string email;  // a line's MSISDN for kind "line"
  std::string password;
  std::vector<std::string> roles;
  std::string totp_secret_base32;  // staff only
};

Result<std::vector<DemoLogin>> seed_demo(Application& app);
std::string describe_demo_logins(const std::vector<DemoLogin>& logins);

}  // namespace simreg::app

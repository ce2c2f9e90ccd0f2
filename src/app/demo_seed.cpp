#include "app/demo_seed.hpp"

#include <map>

#include <fmt/format.h>

#include "crypto/encoding.hpp"
#include "crypto/totp.hpp"
#include "sims/sim_import.hpp"

namespace simreg::app {
namespace {

struct DemoStaff {
  const char* email;
  std::vector<std::string> roles;
  std::optional<std::string> store_id;
};

const RequestMeta kOperator{"127.0.0.1", ""};

Result<DemoLogin> seed_staff(Application& app, const DemoStaff& spec, const std::string& password,
                             std::int64_t now_s) {
  DemoLogin login{"staff", spec.email, password, spec.roles, {}};
  SIMREG_TRY_ASSIGN(auto existing, app.staff().find_id_by_email(spec.email));
  if (existing) {
    SIMREG_TRY_ASSIGN(login.totp_secret_base32, app.staff().totp_secret_base32(*existing));
    return login;
  }
  SIMREG_TRY_ASSIGN(auto created, app.staff().add(spec.email, spec.roles, spec.store_id, {"", kOperator}));
  login.totp_secret_base32 = created.totp_secret_base32;
  // Finish the first sign-in the way a person would, so the demo password works right away. The
  // code of the previous 30-s step is used, leaving the current one free for the person.
  SIMREG_TRY_ASSIGN(auto secret, crypto::base32_decode(created.totp_secret_base32));
  const auto code = crypto::totp_code(secret, now_s - 30);
  SIMREG_TRY(app.staff().change_password(spec.email, created.one_time_password, password, code, kOperator));
  return login;
}

// Ten unregistered lines per profile country, so a person can link one and register it. The
// numbers are reserved for fiction or unassigned where the numbering plan has such ranges.
const std::map<std::string, std::vector<std::string>> kDemoNumbers{
    {"CN", {"+8613900000001", "+8613900000002", "+8613900000003", "+8613900000004", "+8613900000005",
            "+8613900000006", "+8613900000007", "+8613900000008", "+8613900000009", "+8613900000010"}},
    {"PH", {"+639170000001", "+639170000002", "+639170000003", "+639170000004", "+639170000005",
            "+639170000006", "+639170000007", "+639170000008", "+639170000009", "+639170000010"}},
    {"US", {"+12025550101", "+12025550102", "+12025550103", "+12025550104", "+12025550105",
            "+12025550106", "+12025550107", "+12025550108", "+12025550109", "+12025550110"}},
};

// An ICCID of the ITU-T E.118 shape: 89, the country's calling code, an issuer and serial, and the
// Luhn check digit over all of it.
std::string demo_iccid(const std::string& msisdn) {
  std::string digits = "8999" + msisdn.substr(msisdn.size() - 10) + "00000";
  int sum = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    int d = digits[digits.size() - 1 - i] - '0';
    if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits + std::to_string((10 - sum % 10) % 10);
}

Result<std::vector<std::string>> seed_lines(Application& app) {
  const auto numbers = kDemoNumbers.find(app.profile().msisdn_region());
  if (numbers == kDemoNumbers.end()) return std::vector<std::string>{};
  std::string csv = "msisdn,iccid\n";
  for (const auto& msisdn : numbers->second) csv += msisdn + "," + demo_iccid(msisdn) + "\n";
  sims::ImportOptions options;
  options.skip_invalid = true;  // a second run finds them stocked already
  sims::ImportEnvironment env{app.database(), app.sealer(), app.indexer(), app.clock(),
                              app.profile().msisdn_region(), app.profile().unregistered_restriction_days()};
  SIMREG_TRY(sims::import_sims(env, csv, options));
  return numbers->second;
}

}  // namespace

Result<std::vector<DemoLogin>> seed_demo(Application& app) {
  std::vector<DemoLogin> logins;
  const std::string subscriber_email = "demo@simreg.test";
  // Demo passwords follow the password policy: no e-mail local part inside them.
  const std::string subscriber_password = "Try-SimReg-2026!";
  auto subscriber = app.subscribers().create_verified(subscriber_email, subscriber_password, "en", kOperator);
  if (!subscriber && subscriber.error().code != "account.exists") return std::move(subscriber).error();
  logins.push_back({"subscriber", subscriber_email, subscriber_password, {}, {}});
  SIMREG_TRY_ASSIGN(auto lines, seed_lines(app));
  for (const auto& msisdn : lines) logins.push_back({"line", msisdn, {}, {}, {}});

  const std::vector<DemoStaff> staff = {
      {"admin@simreg.test", {"admin"}, std::nullopt},
      {"reviewer@simreg.test", {"reviewer"}, std::nullopt},
      {"supervisor@simreg.test", {"reviewer", "supervisor"}, std::nullopt},
      {"store@simreg.test", {"store_agent"}, "store-001"},
      {"support@simreg.test", {"support"}, std::nullopt},
      {"compliance@simreg.test", {"compliance"}, std::nullopt},
  };
  const std::int64_t now_s = SystemClock().now_s();
  for (std::size_t i = 0; i < staff.size(); ++i) {
    const std::string password = "Staff-Pass-2026-" + std::to_string(i + 1);
    SIMREG_TRY_ASSIGN(auto login, seed_staff(app, staff[i], password, now_s));
    logins.push_back(std::move(login));
  }
  return logins;
}

std::string describe_demo_logins(const std::vector<DemoLogin>& logins) {
  std::string out = "Demo logins (demo data only; never use these on a real deployment):\n";
  for (const auto& login : logins) {
    if (login.kind == "line") continue;
    if (login.kind == "subscriber") {
      out += fmt::format("  subscriber  {:<26} password {}\n", login.email, login.password);
    } else {
      out += fmt::format("  staff       {:<26} password {:<24} roles {}  TOTP secret {}\n", login.email,
                         login.password, fmt::join(login.roles, ","), login.totp_secret_base32);
    }
  }
  std::string lines;
  for (const auto& login : logins) {
    if (login.kind == "line") lines += (lines.empty() ? "" : " ") + login.email;
  }
  if (!lines.empty()) {
    out += "Demo SIM lines to link and register (the SMS code is in `simreg outbox list`):\n  " + lines + "\n";
  }
  out += "Staff sign in with the 6-digit code of an authenticator app enrolled with the TOTP secret\n"
         "(e.g. `oathtool --totp -b SECRET`). E-mail codes: `simreg outbox list` or /demo/outbox.\n";
  return out;
}

}  // namespace simreg::app

#include "app/demo_seed.hpp"

#include <fmt/format.h>

#include "crypto/encoding.hpp"
#include "crypto/totp.hpp"

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

}  // namespace

Result<std::vector<DemoLogin>> seed_demo(Application& app) {
  std::vector<DemoLogin> logins;
  const std::string subscriber_email = "demo@simreg.test";
  const std::string subscriber_password = "demo-subscriber-2026";
  auto subscriber = app.subscribers().create_verified(subscriber_email, subscriber_password, "en", kOperator);
  if (!subscriber && subscriber.error().code != "account.exists") return std::move(subscriber).error();
  logins.push_back({"subscriber", subscriber_email, subscriber_password, {}, {}});

  const std::vector<DemoStaff> staff = {
      {"admin@simreg.test", {"admin"}, std::nullopt},
      {"reviewer@simreg.test", {"reviewer"}, std::nullopt},
      {"supervisor@simreg.test", {"reviewer", "supervisor"}, std::nullopt},
      {"store@simreg.test", {"store_agent"}, "store-001"},
      {"support@simreg.test", {"support"}, std::nullopt},
      {"compliance@simreg.test", {"compliance"}, std::nullopt},
  };
  const std::int64_t now_s = SystemClock().now_s();
  for (const auto& spec : staff) {
    const std::string role = spec.roles.back();
    SIMREG_TRY_ASSIGN(auto login, seed_staff(app, spec, "demo-" + role + "-2026", now_s));
    logins.push_back(std::move(login));
  }
  return logins;
}

std::string describe_demo_logins(const std::vector<DemoLogin>& logins) {
  std::string out = "Demo logins (demo data only; never use these on a real deployment):\n";
  for (const auto& login : logins) {
    if (login.kind == "subscriber") {
      out += fmt::format("  subscriber  {:<26} password {}\n", login.email, login.password);
    } else {
      out += fmt::format("  staff       {:<26} password {:<24} roles {}  TOTP secret {}\n", login.email,
                         login.password, fmt::join(login.roles, ","), login.totp_secret_base32);
    }
  }
  out += "Staff sign in with the 6-digit code of an authenticator app enrolled with the TOTP secret\n"
         "(e.g. `oathtool --totp -b SECRET`). E-mail codes: `simreg outbox list` or /demo/outbox.\n";
  return out;
}

}  // namespace simreg::app

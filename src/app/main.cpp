// simreg command line: serve, migrate, demo, staff add, audit verify, outbox list/retry-failed, sims import,
// webhooks add/list, keyring status/rotate-*, check.
// Every command that touches data takes the storage options (--data-dir, --database-url, ...);
// `check` needs none. A usage error exits 2; see `simreg --help`.
#include <csignal>
#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/application.hpp"
#include "app/demo_seed.hpp"
#include "app/keyring_command.hpp"
#include "audit/audit_verifier.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "imaging/check_image_command.hpp"
#include "jurisdiction/check_commands.hpp"
#include "notify/outbox.hpp"
#include "sims/import_command.hpp"
#include "webhooks/webhooks_command.hpp"

namespace {

using simreg::app::Application;

int fail(const simreg::Error& error) {
  std::cerr << "simreg: " << error.detail << " (" << error.code << ")\n";
  for (const auto& field : error.fields) std::cerr << "  " << field.field << ": " << field.message << " (" << field.code << ")\n";
  return 1;
}

std::string channel_name(simreg::notify::Channel channel) {
  return channel == simreg::notify::Channel::email ? "email" : "sms";
}

int run_outbox_list(Application& app, const std::optional<std::string>& to, bool json, int limit,
                    const std::optional<std::string>& status) {
  auto entries = app.outbox().list(to, limit, status);
  if (!entries) return fail(entries.error());
  for (const auto& entry : *entries) {
    if (json) {
      nlohmann::json line = {{"id", entry.id},
                             {"to", entry.to},
                             {"channel", channel_name(entry.channel)},
                             {"template", entry.template_id},
                             {"status", entry.status},
                             {"created_at", simreg::format_utc_ms(entry.created_at_ms)},
                             {"subject", entry.subject},
                             {"body", entry.body}};
      std::cout << line.dump() << "\n";
    } else {
      std::cout << simreg::format_utc_ms(entry.created_at_ms) << "  " << channel_name(entry.channel) << "  "
                << entry.status << "  " << entry.template_id << "  to " << entry.to << "\n    " << entry.body
                << "\n";
    }
  }
  if (!json && entries->empty()) std::cout << "No messages.\n";
  return 0;
}

int run_outbox_retry_failed(Application& app, bool json) {
  auto report = app.outbox().retry_failed();
  if (!report) return fail(report.error());
  if (json) {
    std::cout << nlohmann::json{{"requeued", report->requeued}, {"skipped_codes", report->skipped_codes}}.dump()
              << "\n";
  } else {
    std::cout << "Requeued " << report->requeued << " failed message" << (report->requeued == 1 ? "" : "s")
              << "; the running server sends them now.\n";
    if (report->skipped_codes > 0) {
      std::cout << report->skipped_codes << " failed message" << (report->skipped_codes == 1 ? "" : "s")
                << " with a one-time code left as failed: the codes have expired.\n";
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"simreg: real-name SIM registration (telecom KYC) server"};
  cli.require_subcommand(1);
  cli.set_config("--config", "", "Config file (TOML/INI: key = value, same names as the long options)");
  simreg::config::StorageConfig storage;
  simreg::config::ServerConfig server;

  auto* serve = cli.add_subcommand("serve", "Run the HTTP server (applies pending migrations first)");
  simreg::config::add_storage_options(*serve, storage);
  simreg::config::add_server_options(*serve, server);

  auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations and exit");
  simreg::config::add_storage_options(*migrate, storage);

  auto* demo = cli.add_subcommand("demo", "Seed demo data and print the demo logins");
  simreg::config::add_storage_options(*demo, storage);

  auto* staff = cli.add_subcommand("staff", "Manage staff members");
  staff->require_subcommand(1);
  auto* staff_add = staff->add_subcommand("add", "Add a staff member; prints a one-time password and the TOTP URI");
  simreg::config::add_storage_options(*staff_add, storage);
  std::string staff_email;
  std::vector<std::string> staff_roles;
  std::string staff_store;
  bool staff_json = false;
  staff_add->add_option("--email", staff_email, "E-mail address")->required();
  staff_add->add_option("--role", staff_roles,
                        "Role: admin, reviewer, supervisor, store_agent, support, compliance (repeatable)")
      ->required();
  staff_add->add_option("--store-id", staff_store, "Store of a store agent");
  staff_add->add_flag("--json", staff_json, "Print one JSON object");

  auto* audit = cli.add_subcommand("audit", "Audit log tools");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "Check the audit chain and its signed checkpoints");
  simreg::config::add_storage_options(*audit_verify, storage);

  auto* outbox = cli.add_subcommand("outbox", "Outgoing e-mail and SMS");
  outbox->require_subcommand(1);
  auto* outbox_list = outbox->add_subcommand("list", "List messages, newest first");
  simreg::config::add_storage_options(*outbox_list, storage);
  std::string outbox_to;
  bool outbox_json = false;
  int outbox_limit = 100;
  outbox_list->add_option("--to", outbox_to, "Only messages to this address or number");
  outbox_list->add_flag("--json", outbox_json, "One JSON object per line");
  outbox_list->add_option("--limit", outbox_limit, "At most this many messages")->check(CLI::Range(1, 100000));
  std::string outbox_status;
  outbox_list->add_option("--status", outbox_status, "Only messages in this state")
      ->check(CLI::IsMember({"pending", "sending", "sent", "failed"}));
  auto* outbox_retry = outbox->add_subcommand(
      "retry-failed", "After an outage: send the failed messages again (not expired one-time codes)");
  simreg::config::add_storage_options(*outbox_retry, storage);
  bool outbox_retry_json = false;
  outbox_retry->add_flag("--json", outbox_retry_json, "Print one JSON object");

  auto* check = cli.add_subcommand("check", "Validate an ID number, MRZ, ICCID, MSISDN or image; prints one JSON object");
  check->require_subcommand(1);
  std::function<int()> check_action;
  simreg::jurisdiction::add_check_commands(*check, check_action, storage.profile);
  simreg::imaging::add_check_image_command(*check, check_action);

  auto* sims = cli.add_subcommand("sims", "SIM line inventory");
  sims->require_subcommand(1);
  std::function<int()> sims_action;
  std::unique_ptr<Application> sims_app;  // opened only when a sims command runs
  simreg::sims::add_sims_commands(
      *sims, sims_action,
      [&]() -> simreg::Result<simreg::sims::ImportEnvironment> {
        SIMREG_TRY_ASSIGN(sims_app, Application::open(storage, server, true));
        return simreg::sims::ImportEnvironment{sims_app->database(), sims_app->sealer(), sims_app->indexer(),
                                               sims_app->clock(), sims_app->profile().msisdn_region(),
                                               sims_app->profile().unregistered_restriction_days()};
      },
      [&storage](CLI::App& command) { simreg::config::add_storage_options(command, storage); });

  auto* webhooks = cli.add_subcommand("webhooks", "Webhook endpoints of the carrier's systems");
  webhooks->require_subcommand(1);
  std::function<int()> webhooks_action;
  std::unique_ptr<Application> webhooks_app;  // opened only when a webhooks command runs
  simreg::webhooks::add_webhooks_commands(
      *webhooks, webhooks_action,
      [&]() -> simreg::Result<simreg::webhooks::WebhookService*> {
        SIMREG_TRY_ASSIGN(webhooks_app, Application::open(storage, server, true));
        return &webhooks_app->webhooks();
      },
      [&storage](CLI::App& command) { simreg::config::add_storage_options(command, storage); });

  auto* keyring = cli.add_subcommand("keyring", "Keyring: key ids and key rotation");
  keyring->require_subcommand(1);
  std::function<int()> keyring_action;
  simreg::app::add_keyring_commands(*keyring, keyring_action, storage);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version exit 0; every usage error exits 2, as scripts expect.
    return cli.exit(error) == 0 ? 0 : 2;
  }
  simreg::log::configure(serve->parsed() ? server.log_level : "warn");
  if (check->parsed()) return check_action ? check_action() : 2;
  if (sims->parsed()) return sims_action ? sims_action() : 2;
  if (webhooks->parsed()) return webhooks_action ? webhooks_action() : 2;
  if (keyring->parsed()) return keyring_action ? keyring_action() : 2;

  const bool migrate_on_open = serve->parsed() || migrate->parsed() || demo->parsed();
  auto app = Application::open(storage, server, migrate_on_open);
  if (!app) return fail(app.error());

  if (serve->parsed()) return (*app)->serve();
  if (migrate->parsed()) {
    std::cout << "Database schema is current.\n";
    return 0;
  }
  if (demo->parsed()) {
    auto logins = simreg::app::seed_demo(**app);
    if (!logins) return fail(logins.error());
    std::cout << simreg::app::describe_demo_logins(*logins);
    return 0;
  }
  if (staff_add->parsed()) {
    std::optional<std::string> store = staff_store.empty() ? std::nullopt : std::optional<std::string>(staff_store);
    auto created = (*app)->staff().add(staff_email, staff_roles, store, {"", {"127.0.0.1", ""}});
    if (!created) return fail(created.error());
    if (staff_json) {
      std::cout << nlohmann::json{{"id", created->staff.id},
                                  {"email", created->staff.email},
                                  {"roles", created->staff.roles},
                                  {"one_time_password", created->one_time_password},
                                  {"totp_secret", created->totp_secret_base32},
                                  {"totp_uri", created->totp_uri}}
                       .dump()
                << "\n";
    } else {
      std::cout << "Added staff member " << created->staff.id << " (" << created->staff.email << ")\n"
                << "  One-time password: " << created->one_time_password << "\n"
                << "  TOTP secret:       " << created->totp_secret_base32 << "\n"
                << "  TOTP URI:          " << created->totp_uri << "\n"
                << "At first sign-in they enrol the TOTP secret and replace the one-time password.\n";
    }
    return 0;
  }
  if (audit_verify->parsed()) {
    auto report = simreg::audit::verify_audit_log((*app)->database(), (*app)->keyring());
    if (!report) return fail(report.error());
    if (!report->intact) {
      std::cerr << "Audit log TAMPERED: " << report->problem << "\n";
      return 3;
    }
    std::cout << "Audit log intact: " << report->entries << " entries, " << report->checkpoints
              << " signed checkpoints verified.\n";
    return 0;
  }
  if (outbox_list->parsed()) {
    return run_outbox_list(**app, outbox_to.empty() ? std::nullopt : std::optional<std::string>(outbox_to),
                           outbox_json, outbox_limit,
                           outbox_status.empty() ? std::nullopt : std::optional<std::string>(outbox_status));
  }
  if (outbox_retry->parsed()) return run_outbox_retry_failed(**app, outbox_retry_json);
  return 2;
}

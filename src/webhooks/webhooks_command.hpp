// `simreg webhooks add URL --events a,b [--secret S] [--json]` (prints the id and the secret, the
// only time it is shown) and `simreg webhooks list [--json]`. Problems go to stderr as codes and
// field names; exit 0 on success, 1 on failure. Not thread-safe (a command line runs once).
#pragma once

#include <functional>
#include <iosfwd>

#include "core/result.hpp"
#include "webhooks/webhook_service.hpp"

namespace CLI {
class App;
}

namespace simreg::webhooks {

// Opens the service (database, keys) only once a command runs; the pointer stays valid until the
// action has returned.
using WebhookServiceSource = std::function<Result<WebhookService*>()>;

// Adds `add` and `list` under `webhooks`. When one is parsed its callback sets `action`; main runs
// it after parsing. `add_shared_options` (the storage options) is applied to each subcommand.
void add_webhooks_commands(CLI::App& webhooks, std::function<int()>& action, WebhookServiceSource source,
                           const std::function<void(CLI::App&)>& add_shared_options = {});
// The same, writing to `out` / `err` (which must outlive the action).
void add_webhooks_commands(CLI::App& webhooks, std::function<int()>& action, WebhookServiceSource source,
                           const std::function<void(CLI::App&)>& add_shared_options, std::ostream& out,
                           std::ostream& err);

}  // namespace simreg::webhooks

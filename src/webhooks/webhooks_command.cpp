#include "webhooks/webhooks_command.hpp"

#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "webhooks/webhook_json.hpp"
#include "webhooks/webhook_rules.hpp"

namespace simreg::webhooks {
namespace {

struct AddArguments {
  std::string url;
  std::string events;
  std::string secret;
  bool json = false;
};

int fail(std::ostream& err, const Error& error, bool json) {
  if (json) {
    nlohmann::ordered_json fields = nlohmann::ordered_json::array();
    for (const auto& field : error.fields) fields.push_back({{"field", field.field}, {"code", field.code}});
    err << nlohmann::ordered_json{{"error", error.code}, {"detail", error.detail}, {"fields", fields}}.dump() << "\n";
    return 1;
  }
  err << "simreg: " << error.detail << " (" << error.code << ")\n";
  for (const auto& field : error.fields) err << "  " << field.field << ": " << field.message << " (" << field.code << ")\n";
  return 1;
}

int run_add(const AddArguments& args, const WebhookServiceSource& source, std::ostream& out, std::ostream& err) {
  auto service = source();
  if (!service) return fail(err, service.error(), args.json);
  const std::optional<std::string> secret = args.secret.empty() ? std::nullopt : std::optional<std::string>(args.secret);
  auto created = (*service)->add_endpoint(args.url, split_events(args.events), secret, {"", {"127.0.0.1", ""}});
  if (!created) return fail(err, created.error(), args.json);
  if (args.json) {
    nlohmann::json line = endpoint_json(created->endpoint);
    line["secret"] = created->secret;
    out << line.dump() << "\n";
    return 0;
  }
  out << "Added webhook endpoint " << created->endpoint.id << " for " << join_events(created->endpoint.events) << "\n"
      << "  Secret: " << created->secret << "\n"
      << "The secret is shown only now: give it to the receiver to verify Simreg-Signature.\n";
  return 0;
}

int run_list(bool json, const WebhookServiceSource& source, std::ostream& out, std::ostream& err) {
  auto service = source();
  if (!service) return fail(err, service.error(), json);
  auto endpoints = (*service)->list_endpoints();
  if (!endpoints) return fail(err, endpoints.error(), json);
  for (const auto& endpoint : *endpoints) {
    if (json) {
      out << endpoint_json(endpoint).dump() << "\n";
    } else {
      out << endpoint.id << "  " << (endpoint.active ? "active  " : "inactive") << "  "
          << format_utc_ms(endpoint.created_at_ms) << "  " << endpoint.url << "  " << join_events(endpoint.events)
          << "  secret " << endpoint.secret_hint << "\n";
    }
  }
  if (!json && endpoints->empty()) out << "No webhook endpoints.\n";
  return 0;
}

struct DeliveryArguments {
  std::string endpoint_id;
  std::string delivery_id;
  int limit = 50;
  bool json = false;
};

void print_delivery(const Delivery& delivery, bool json, std::ostream& out) {
  if (json) {
    out << delivery_json(delivery).dump() << "\n";
    return;
  }
  out << delivery.id << "  " << delivery.event_id << "  " << delivery.event_type << "  " << delivery.status << "  "
      << format_utc_ms(delivery.created_at_ms) << "  " << delivery.attempts.size() << " attempt"
      << (delivery.attempts.size() == 1 ? "" : "s");
  if (!delivery.attempts.empty()) {
    const auto& last = delivery.attempts.back();
    out << ", last " << (last.status_code ? std::to_string(*last.status_code) : last.error.value_or("no answer"));
  }
  if (delivery.next_attempt_at_ms) out << ", next " << format_utc_ms(*delivery.next_attempt_at_ms);
  out << "\n";
}

int run_deliveries(const DeliveryArguments& args, const WebhookServiceSource& source, std::ostream& out,
                   std::ostream& err) {
  auto service = source();
  if (!service) return fail(err, service.error(), args.json);
  auto deliveries = (*service)->list_deliveries(args.endpoint_id, args.limit);
  if (!deliveries) return fail(err, deliveries.error(), args.json);
  for (const auto& delivery : *deliveries) print_delivery(delivery, args.json, out);
  if (!args.json && deliveries->empty()) out << "No deliveries.\n";
  return 0;
}

int run_redeliver(const DeliveryArguments& args, const WebhookServiceSource& source, std::ostream& out,
                  std::ostream& err) {
  auto service = source();
  if (!service) return fail(err, service.error(), args.json);
  auto queued = (*service)->redeliver(args.endpoint_id, args.delivery_id, {"", {"127.0.0.1", ""}});
  if (!queued) return fail(err, queued.error(), args.json);
  if (args.json) {
    print_delivery(*queued, true, out);
  } else {
    out << "Event " << queued->event_id << " will be sent again to " << args.endpoint_id
        << " by the running server (delivery " << queued->id << ").\n";
  }
  return 0;
}

}  // namespace

void add_webhooks_commands(CLI::App& webhooks, std::function<int()>& action, WebhookServiceSource source,
                           const std::function<void(CLI::App&)>& add_shared_options) {
  add_webhooks_commands(webhooks, action, std::move(source), add_shared_options, std::cout, std::cerr);
}

void add_webhooks_commands(CLI::App& webhooks, std::function<int()>& action, WebhookServiceSource source,
                           const std::function<void(CLI::App&)>& add_shared_options, std::ostream& out,
                           std::ostream& err) {
  auto shared_source = std::make_shared<WebhookServiceSource>(std::move(source));

  auto add_args = std::make_shared<AddArguments>();
  auto* add = webhooks.add_subcommand("add", "Register an endpoint; prints its id and signing secret");
  add->add_option("url", add_args->url, "Endpoint URL (http:// or https://)")->required();
  add->add_option("--events", add_args->events,
                  "Comma-separated: application.submitted, application.decided, sim.status_changed")
      ->required();
  add->add_option("--secret", add_args->secret, "Signing secret (16-256 printable characters; default: generated)");
  add->add_flag("--json", add_args->json, "Print one JSON object");
  if (add_shared_options) add_shared_options(*add);
  add->callback([&action, add_args, shared_source, &out, &err] {
    action = [add_args, shared_source, &out, &err] { return run_add(*add_args, *shared_source, out, err); };
  });

  auto list_json = std::make_shared<bool>(false);
  auto* list = webhooks.add_subcommand("list", "List endpoints, newest first (secrets only as a hint)");
  list->add_flag("--json", *list_json, "One JSON object per line");
  if (add_shared_options) add_shared_options(*list);
  list->callback([&action, list_json, shared_source, &out, &err] {
    action = [list_json, shared_source, &out, &err] { return run_list(*list_json, *shared_source, out, err); };
  });

  auto deliveries_args = std::make_shared<DeliveryArguments>();
  auto* deliveries = webhooks.add_subcommand("deliveries", "An endpoint's deliveries, newest first, with their attempts");
  deliveries->add_option("endpoint", deliveries_args->endpoint_id, "Endpoint id (whe_…)")->required();
  deliveries->add_option("--limit", deliveries_args->limit, "How many, 1-500")->check(CLI::Range(1, 500));
  deliveries->add_flag("--json", deliveries_args->json, "One JSON object per line");
  if (add_shared_options) add_shared_options(*deliveries);
  deliveries->callback([&action, deliveries_args, shared_source, &out, &err] {
    action = [deliveries_args, shared_source, &out, &err] {
      return run_deliveries(*deliveries_args, *shared_source, out, err);
    };
  });

  auto redeliver_args = std::make_shared<DeliveryArguments>();
  auto* redeliver = webhooks.add_subcommand(
      "redeliver", "Send a failed or delivered delivery again (same event id and body); the server sends it");
  redeliver->add_option("endpoint", redeliver_args->endpoint_id, "Endpoint id (whe_…)")->required();
  redeliver->add_option("delivery", redeliver_args->delivery_id, "Delivery id (whd_…)")->required();
  redeliver->add_flag("--json", redeliver_args->json, "Print the delivery as one JSON object");
  if (add_shared_options) add_shared_options(*redeliver);
  redeliver->callback([&action, redeliver_args, shared_source, &out, &err] {
    action = [redeliver_args, shared_source, &out, &err] {
      return run_redeliver(*redeliver_args, *shared_source, out, err);
    };
  });
}

}  // namespace simreg::webhooks

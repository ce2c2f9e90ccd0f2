// Application::serve: the HTTP side of the composition root.
#include <filesystem>
#include <iostream>
#include <thread>

#include "accounts/public_routes.hpp"
#include "app/account_routes.hpp"
#include "app/application.hpp"
#include "app/authenticator.hpp"
#include "app/periodic_task.hpp"
#include "core/log.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/worker_pool.hpp"
#include "notify/demo_routes.hpp"
#include "notify/outbox_dispatcher.hpp"
#include "notify/senders.hpp"
#include "registration/subscriber_routes.hpp"
#include "review/review_routes.hpp"
#include "sims/sim_routes.hpp"
#include "staff/staff_routes.hpp"
#include "webhooks/webhook_dispatcher.hpp"
#include "webhooks/webhook_routes.hpp"

namespace simreg::app {
namespace {

std::optional<std::filesystem::path> find_web_root(const std::string& configured) {
  if (!configured.empty()) return std::filesystem::path(configured);
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  for (const auto& candidate : {std::filesystem::path("web/dist"),
                                exe.parent_path().parent_path() / "web" / "dist"}) {
    if (std::filesystem::exists(candidate / "index.html", ec)) return candidate;
  }
  return std::nullopt;
}

std::unique_ptr<notify::MessageSender> email_sender(const config::ServerConfig& config) {
  if (config.smtp_url.empty()) return std::make_unique<notify::LocalDeliverySender>();
  return std::make_unique<notify::SmtpSender>(config.smtp_url, config.smtp_from, config.smtp_user,
                                              config.smtp_password);
}

std::unique_ptr<notify::MessageSender> sms_sender(const config::ServerConfig& config) {
  if (config.sms_gateway_url.empty()) return std::make_unique<notify::LocalDeliverySender>();
  return std::make_unique<notify::SmsGatewaySender>(config.sms_gateway_url, config.sms_gateway_token);
}

std::string db_pool_metrics(db::Database& database) {
  const auto stats = database.pool_stats();
  return "# HELP simreg_db_pool_size Database connections in the pool.\n"
         "# TYPE simreg_db_pool_size gauge\n"
         "simreg_db_pool_size " + std::to_string(stats.size) + "\n" +
         "# HELP simreg_db_pool_in_use Database connections in use.\n"
         "# TYPE simreg_db_pool_in_use gauge\n"
         "simreg_db_pool_in_use " + std::to_string(stats.in_use) + "\n";
}

}  // namespace

int Application::serve() {
  auto listen = config::parse_listen(server_config_.listen);
  if (!listen) {
    std::cerr << "simreg: " << listen.error().detail << "\n";
    return 2;
  }
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int workers = server_config_.workers > 0 ? server_config_.workers : std::max(4, 2 * cores);
  http::WorkerPool pool(workers, static_cast<std::size_t>(server_config_.queue_capacity));
  http::Metrics metrics;
  metrics.add_collector([this] { return db_pool_metrics(*database_); });

  http::Router router;
  accounts::register_public_routes(router, *subscribers_, *sessions_);
  staff::register_staff_auth_routes(router, *staff_, *sessions_);
  staff::register_admin_routes(router, *staff_);
  webhooks::register_webhook_admin_routes(router, *webhooks_);
  register_me_routes(router, *subscribers_, *staff_);
  register_readiness_route(router, *database_);
  sims::register_sim_routes(router, *sims_);
  registration::register_subscriber_routes(router, *registrations_, *sims_);
  registration::register_jurisdiction_route(router, *profile_);
  review::register_review_routes(router, *reviews_);
  review::add_review_metrics(metrics, *reviews_);
  if (server_config_.demo) notify::register_demo_outbox_routes(router, *outbox_);

  auto email = email_sender(server_config_);
  auto sms = sms_sender(server_config_);
  notify::OutboxDispatcher dispatcher(*database_, *outbox_, *email, *sms, clock_);
  dispatcher.start();
  webhooks::DispatcherOptions webhook_options;
  webhook_options.timeout = std::chrono::seconds(server_config_.webhook_timeout_seconds);
  webhook_options.retry_base_ms = std::int64_t{server_config_.webhook_retry_base_seconds} * 1000;
  webhooks::WebhookDispatcher webhook_dispatcher(*database_, *webhooks_, clock_, webhook_options);
  webhook_dispatcher.start();
  PeriodicTask checkpoints(std::chrono::seconds(30), [this] {
    if (auto written = audit_->write_checkpoint(); !written) {
      log::error("audit.checkpoint_failed", {{"code", written.error().code}});
    }
  });

  // review: lapsed leases go back to the queue; the /metrics copy of the review figures is renewed.
  reviews_->refresh_metrics();
  PeriodicTask review_upkeep(std::chrono::seconds(5), [this] {
    if (auto released = reviews_->release_lapsed(); !released) {
      log::error("review.release_lapsed_failed", {{"code", released.error().code}});
    }
    reviews_->refresh_metrics();
  });

  http::ServerOptions options;
  options.host = listen->host;
  options.port = listen->port;
  options.io_threads = server_config_.io_threads;
  options.web_root = find_web_root(server_config_.web_root);
  if (!server_config_.tls_cert.empty()) options.tls_cert_file = server_config_.tls_cert;
  if (!server_config_.tls_key.empty()) options.tls_key_file = server_config_.tls_key;
  http::Server server(options, router, pool, metrics, make_authenticator(*sessions_, *staff_));
  auto port = server.start();
  if (!port) {
    std::cerr << "simreg: " << port.error().detail << "\n";
    return 1;
  }
  const std::string scheme = options.tls_cert_file ? "https" : "http";
  std::vector<std::string> origins = server_config_.public_origins;
  if (origins.empty()) {
    const std::string host = listen->host == "0.0.0.0" ? "127.0.0.1" : listen->host;
    origins.push_back(scheme + "://" + host + ":" + std::to_string(*port));
    origins.push_back(scheme + "://localhost:" + std::to_string(*port));
  }
  server.set_allowed_origins(origins);
  log::info("server.started", {{"port", *port},
                               {"workers", workers},
                               {"database", database_->dialect() == db::Dialect::postgres ? "postgres" : "sqlite"},
                               {"demo", server_config_.demo},
                               {"web_ui", options.web_root.has_value()}});
  std::cout << "simreg listening on " << scheme << "://" << (listen->host == "0.0.0.0" ? "127.0.0.1" : listen->host)
            << ":" << *port << std::endl;

  server.run();

  log::info("server.draining", {});
  checkpoints.stop();
  review_upkeep.stop();
  dispatcher.stop();
  webhook_dispatcher.stop();
  pool.shutdown();
  if (auto written = audit_->write_checkpoint(); !written) {
    log::error("audit.checkpoint_failed", {{"code", written.error().code}});
  }
  log::info("server.stopped", {});
  return 0;
}

}  // namespace simreg::app

// Test support for webhooks_test: a fresh migrated database per engine (SQLite, and PostgreSQL
// when SIMREG_TEST_PG_URL is set), a ManualClock, keys, an audit log and a WebhookService, plus a
// recording HTTP receiver run as a Python child process on loopback. Test-only; one thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "audit/audit_log.hpp"
#include "crypto/sodium_init.hpp"
#include "db/testing/migrated_database_test.hpp"
#include "notify/loopback_server.hpp"
#include "webhooks/webhook_service.hpp"

namespace simreg::webhooks::testing {

using db::testing::Engine;

class WebhooksTest : public db::testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    crypto::initialize();
    MigratedDatabaseTest::SetUp();
    if (database_unavailable()) return;
    audit_ = std::make_unique<audit::AuditLog>(db(), keyring_, clock_);
    service_ = std::make_unique<WebhookService>(WebhookServiceDeps{db(), sealer_, *audit_, clock_});
  }

  Endpoint add(const std::string& url, const std::vector<std::string>& events,
               const std::string& secret = "whsec_test_0123456789") {
    auto created = service_->add_endpoint(url, events, secret, {"stf_admin", {"127.0.0.1", "req_1"}});
    EXPECT_TRUE(created) << (created ? "" : created.error().code);
    return created ? created->endpoint : Endpoint{};
  }

  Result<void> publish(std::string_view type, const nlohmann::json& data) {
    return db().transaction([&](db::Session& tx) { return service_->publish(tx, type, data); });
  }

  std::vector<Delivery> deliveries(const std::string& endpoint_id) {
    auto listed = service_->list_deliveries(endpoint_id, 500);
    EXPECT_TRUE(listed) << (listed ? "" : listed.error().code);
    return listed ? *listed : std::vector<Delivery>{};
  }

  ManualClock clock_{1'800'000'000'000};
  crypto::Keyring keyring_ = crypto::Keyring::generate();
  crypto::FieldSealer sealer_{keyring_};
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<WebhookService> service_;
};

// A webhook receiver: records every POST as one JSON line {"event_id","event_type","signature",
// "user_agent","content_type","body"} and answers with the statuses given (comma-separated; the
// last repeats). The first `slow` requests are answered only after `delay` seconds.
inline constexpr const char* kReceiver = R"PY(
import json, os, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

out = sys.argv[1]
statuses = [int(s) for s in sys.argv[2].split(",")]
slow, delay = int(sys.argv[3]), float(sys.argv[4])
lock = threading.Lock()
seen = [0]

class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock:
            n = seen[0]
            seen[0] += 1
            record = {"event_id": self.headers.get("Simreg-Event-Id"),
                      "event_type": self.headers.get("Simreg-Event-Type"),
                      "signature": self.headers.get("Simreg-Signature"),
                      "user_agent": self.headers.get("User-Agent"),
                      "content_type": self.headers.get("Content-Type"),
                      "body": body.decode("utf-8")}
            with open(out, "a") as f:
                f.write(json.dumps(record) + "\n")
        if n < slow:
            time.sleep(delay)
        status = statuses[min(n, len(statuses) - 1)]
        try:
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_port, flush=True)
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
server.serve_forever()
)PY";

class Receiver {
 public:
  // Empty on success, else why the receiver did not start.
  std::string start(const std::string& statuses, int slow = 0, double delay_seconds = 0) {
    if (!server_.start(kReceiver, {server_.path("posts.jsonl").string(), statuses, std::to_string(slow),
                                   std::to_string(delay_seconds)})) {
      return server_.error();
    }
    return "";
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_.port()) + "/hooks"; }
  std::vector<nlohmann::json> posts() const {
    std::vector<nlohmann::json> out;
    const std::string text = notify::testing::read_file(server_.path("posts.jsonl"));
    std::size_t start = 0;
    while (start < text.size()) {
      const auto end = text.find('\n', start);
      out.push_back(nlohmann::json::parse(text.substr(start, end - start)));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return out;
  }

 private:
  notify::testing::LoopbackServer server_;
};

}  // namespace simreg::webhooks::testing

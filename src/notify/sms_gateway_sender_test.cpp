#include "notify/sms_gateway_sender.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "notify/loopback_server.hpp"

namespace simreg::notify {
namespace {

// A fake SMS gateway: records each POST (path, headers, JSON body) and answers with the status
// given on the command line.
constexpr const char* kGateway = R"PY(
import json, os, sys
from http.server import BaseHTTPRequestHandler, HTTPServer

out, status = sys.argv[1], int(sys.argv[2])

class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        record = {"path": self.path, "authorization": self.headers.get("Authorization"),
                  "content_type": self.headers.get("Content-Type"), "body": json.loads(body)}
        with open(out, "a") as f:
            f.write(json.dumps(record) + "\n")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"echo":"+8613800138000"}')

    def log_message(self, *args):
        pass

server = HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_port, flush=True)
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
server.serve_forever()
)PY";

OutboxEntry sms_entry(const std::string& to) {
  OutboxEntry entry;
  entry.id = "msg_sms";
  entry.to = to;
  entry.channel = Channel::sms;
  entry.template_id = "email_verification";
  entry.body = "您的 simreg 验证码是 123456，15 分钟内有效。";
  return entry;
}

TEST(SmsGatewaySenderTest, PostsJsonWithTheBearerToken) {
  testing::LoopbackServer gateway;
  ASSERT_TRUE(gateway.start(kGateway, {gateway.path("sms.jsonl").string(), "202"}))
      << gateway.error();
  SmsGatewaySender sender("http://127.0.0.1:" + std::to_string(gateway.port()) + "/v1/messages",
                          "tok_secret");
  auto sent = sender.send(sms_entry("+86 138-0013-8000"));
  ASSERT_TRUE(sent) << sent.error().code;
  const auto record = nlohmann::json::parse(testing::read_file(gateway.path("sms.jsonl")));
  EXPECT_EQ(record["path"], "/v1/messages");
  EXPECT_EQ(record["authorization"], "Bearer tok_secret");
  EXPECT_EQ(record["content_type"], "application/json");
  EXPECT_EQ(record["body"],
            (nlohmann::json{{"to", "+8613800138000"}, {"text", sms_entry("").body}}));
}

TEST(SmsGatewaySenderTest, NonSuccessStatusesAreRejections) {
  for (const std::string status : {"400", "401", "500", "302"}) {
    testing::LoopbackServer gateway;
    ASSERT_TRUE(gateway.start(kGateway, {gateway.path("sms.jsonl").string(), status}))
        << gateway.error();
    SmsGatewaySender sender("http://127.0.0.1:" + std::to_string(gateway.port()) + "/", "tok");
    auto sent = sender.send(sms_entry("+8613800138000"));
    ASSERT_FALSE(sent) << status;
    EXPECT_EQ(sent.error().code, "notify.sms_rejected");
    EXPECT_NE(sent.error().detail.find(status), std::string::npos);
    EXPECT_EQ(sent.error().detail.find("8613800138000"), std::string::npos);
  }
}

TEST(SmsGatewaySenderTest, ConfigurationAndTransportErrors) {
  struct Case {
    std::string url;
    std::string to;
    Channel channel;
    std::string code;
  };
  const Case cases[] = {
      {"ftp://127.0.0.1/", "+8613800138000", Channel::sms, "notify.sms_misconfigured"},
      {"http://127.0.0.1:1/", "not a number", Channel::sms, "notify.invalid_recipient"},
      {"http://127.0.0.1:1/", "+8613800138000", Channel::email, "notify.wrong_channel"},
      {"http://127.0.0.1:1/", "+8613800138000", Channel::sms, "notify.sms_unreachable"},
  };
  for (const auto& c : cases) {
    OutboxEntry entry = sms_entry(c.to);
    entry.channel = c.channel;
    auto sent = SmsGatewaySender(c.url, "tok", std::chrono::seconds(5)).send(entry);
    ASSERT_FALSE(sent) << c.url;
    EXPECT_EQ(sent.error().code, c.code) << c.url;
  }
}

}  // namespace
}  // namespace simreg::notify

#include "webhooks/signature.hpp"

#include <gtest/gtest.h>

#include "crypto/encoding.hpp"
#include "crypto/hashing.hpp"

namespace simreg::webhooks {
namespace {

// The MAC underneath, against RFC 4231 (cases 4 and 7; crypto's own tests cover 1, 2, 3 and 6).
TEST(SignatureTest, MacIsRfc4231HmacSha256) {
  std::string key4;
  for (char c = 1; c <= 25; ++c) key4 += c;
  const std::pair<std::pair<std::string, std::string>, std::string> cases[] = {
      {{key4, std::string(50, '\xcd')}, "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
      {{std::string(131, '\xaa'),
        "This is a test using a larger than block-size key and a larger than block-size data. The key needs to "
        "be hashed before being used by the HMAC algorithm."},
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
  };
  for (const auto& [input, hex] : cases) EXPECT_EQ(crypto::hex_encode(crypto::hmac_sha256(input.first, input.second)), hex);
}

// Expected values computed independently with Python's hmac module over "<t>.<body>".
TEST(SignatureTest, KnownSignatures) {
  struct Case {
    std::string secret;
    std::int64_t t;
    std::string body;
    std::string hex;
  };
  const Case cases[] = {
      {"whsec_0123456789abcdef", 1795000000, R"({"id":"evt_1","type":"application.submitted"})",
       "7afcd0606355dc51a428b2e460d0c41707688662eec9ff43005c29288c462e58"},
      {"Jefe", 0, "", "813f643c8863ba9754215e64cdab172f2e96c1a413d772978aba7398cc864e55"},
      {std::string(20, '\x0b'), 1700000000, "{\"data\":{\"status\":\"已提交\"}}",
       "88ecd627eecf67e01b27d12cf059cbecf64dd482d6b746baed8206cbc6f1dc5a"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(compute_signature(c.secret, c.t, c.body), c.hex) << c.t;
    EXPECT_EQ(signature_header(c.secret, c.t, c.body), "t=" + std::to_string(c.t) + ",v1=" + c.hex);
  }
}

TEST(SignatureTest, ParseHeader) {
  const std::string mac(64, 'a');
  const std::string other(64, 'b');
  struct Case {
    std::string header;
    bool ok;
    std::int64_t t;
    std::size_t macs;
  };
  const Case cases[] = {
      {"t=1795000000,v1=" + mac, true, 1795000000, 1},
      {"v1=" + mac + ",t=12", true, 12, 1},
      {"t=5,v1=" + mac + ",v1=" + other, true, 5, 2},
      {"t=5,v0=zz,v1=" + mac, true, 5, 1},  // unknown schemes are ignored
      {"", false, 0, 0},
      {"t=5", false, 0, 0},
      {"v1=" + mac, false, 0, 0},
      {"t=5,t=6,v1=" + mac, false, 0, 0},
      {"t=-5,v1=" + mac, false, 0, 0},
      {"t=5x,v1=" + mac, false, 0, 0},
      {"t=,v1=" + mac, false, 0, 0},
      {"t=5,v1=" + mac.substr(1), false, 0, 0},
      {"t=5,v1=" + std::string(64, 'A'), false, 0, 0},
      {"t=5,v1=" + mac + ",", false, 0, 0},
      {"t=5;v1=" + mac, false, 0, 0},
      {"t=99999999999999999999,v1=" + mac, false, 0, 0},
  };
  for (const auto& c : cases) {
    auto parsed = parse_signature_header(c.header);
    ASSERT_EQ(parsed.ok(), c.ok) << c.header;
    if (!c.ok) {
      EXPECT_EQ(parsed.error().code, "webhooks.signature_malformed");
      continue;
    }
    EXPECT_EQ(parsed->timestamp, c.t);
    EXPECT_EQ(parsed->v1.size(), c.macs);
  }
}

TEST(SignatureTest, Verify) {
  const std::string secret = "whsec_0123456789abcdef";
  const std::string body = R"({"id":"evt_1"})";
  const std::int64_t t = 1795000000;
  const std::string good = signature_header(secret, t, body);
  const std::string wrong_mac = "t=1795000000,v1=" + std::string(64, '0');
  struct Case {
    std::string name;
    std::string secret;
    std::string header;
    std::string body;
    std::int64_t now;
    std::string code;  // "" = verified
  };
  const Case cases[] = {
      {"exact", secret, good, body, t, ""},
      {"within tolerance after", secret, good, body, t + 300, ""},
      {"within tolerance before", secret, good, body, t - 300, ""},
      {"one of two macs", secret, good + ",v1=" + std::string(64, 'c'), body, t, ""},
      {"too old", secret, good, body, t + 301, "webhooks.signature_expired"},
      {"from the future", secret, good, body, t - 301, "webhooks.signature_expired"},
      {"other body", secret, good, body + " ", t, "webhooks.signature_mismatch"},
      {"other secret", secret + "x", good, body, t, "webhooks.signature_mismatch"},
      {"other timestamp", secret, "t=1795000001," + good.substr(good.find("v1=")), body, t,
       "webhooks.signature_mismatch"},
      {"wrong mac", secret, wrong_mac, body, t, "webhooks.signature_mismatch"},
      {"garbage", secret, "sha256=abc", body, t, "webhooks.signature_malformed"},
  };
  for (const auto& c : cases) {
    auto verified = verify_signature(c.secret, c.header, c.body, c.now);
    EXPECT_EQ(verified ? "" : verified.error().code, c.code) << c.name;
  }
}

}  // namespace
}  // namespace simreg::webhooks

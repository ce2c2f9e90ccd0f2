#include "crypto/signer.hpp"

#include <gtest/gtest.h>

#include <string>

#include "crypto/encoding.hpp"

namespace simreg::crypto {
namespace {

// RFC 8032 §7.1 TEST 1 and TEST 2.
constexpr const char* kSeedHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr const char* kPublicHex =
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
constexpr const char* kEmptyMessageSignatureHex =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b4"
    "6bd25bf5f0595bbe"
    "24655141438e7a100b";

Keyring rfc8032_keyring() {
  const std::string seed = *hex_decode(kSeedHex);
  const std::string pk = *hex_decode(kPublicHex);
  const std::string key = base64_encode(std::string(32, 'k'));
  const std::string json = R"({"version":1,"active_key_id":1,"data_keys":[{"id":1,"key":")" + key +
                           R"("}],"blind_index_key":")" + key + R"(","signing":{"secret_key":")" +
                           base64_encode(seed + pk) + R"(","public_key":")" + base64_encode(pk) +
                           R"("}})";
  return *Keyring::from_json(json);
}

TEST(Signer, MatchesRfc8032) {
  const Keyring keyring = rfc8032_keyring();
  const Signer signer(keyring);
  EXPECT_EQ(hex_encode(signer.sign("")), kEmptyMessageSignatureHex);
  EXPECT_EQ(hex_encode(signer.public_key()), kPublicHex);
  EXPECT_EQ(signer.key_id(), keyring.signing_key_id());
  EXPECT_TRUE(Signer::verify(*hex_decode(kPublicHex), "", *hex_decode(kEmptyMessageSignatureHex)));
}

TEST(Signer, VerifyTable) {
  const Keyring keyring = Keyring::generate();
  const Signer signer(keyring);
  const std::string message = "checkpoint 42: 9f86d081884c7d65";
  const std::string signature = signer.sign(message);
  ASSERT_EQ(signature.size(), 64u);
  std::string flipped_signature = signature;
  flipped_signature[10] = static_cast<char>(flipped_signature[10] ^ 0x04);
  const std::string other_key = Keyring::generate().signing_public_key();
  struct Case {
    const char* name;
    std::string public_key;
    std::string message;
    std::string signature;
    bool valid;
  };
  const Case cases[] = {
      {"genuine", signer.public_key(), message, signature, true},
      {"tampered message", signer.public_key(), "checkpoint 43: 9f86d081884c7d65", signature,
       false},
      {"truncated message", signer.public_key(), message.substr(1), signature, false},
      {"tampered signature", signer.public_key(), message, flipped_signature, false},
      {"other public key", other_key, message, signature, false},
      {"short signature", signer.public_key(), message, signature.substr(0, 63), false},
      {"short public key", signer.public_key().substr(0, 31), message, signature, false},
      {"empty signature", signer.public_key(), message, "", false},
  };
  for (const Case& c : cases)
    EXPECT_EQ(Signer::verify(c.public_key, c.message, c.signature), c.valid) << c.name;
}

}  // namespace
}  // namespace simreg::crypto

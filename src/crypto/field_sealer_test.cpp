#include "crypto/field_sealer.hpp"

#include <gtest/gtest.h>

#include <string>

#include "crypto/random.hpp"

namespace simreg::crypto {
namespace {

const FieldContext kContext{"subscribers", "national_id", "sub_abc"};

// Layout offsets: version | key id | nonce | ciphertext | tag.
constexpr std::size_t kKeyIdAt = 1;
constexpr std::size_t kNonceAt = 5;
constexpr std::size_t kCiphertextAt = 29;
constexpr std::size_t kOverhead = 29 + 16;

std::uint32_t key_id_of(const std::string& sealed) {
  std::uint32_t id = 0;
  for (std::size_t i = kKeyIdAt; i < kNonceAt; ++i)
    id = (id << 8) | static_cast<unsigned char>(sealed[i]);
  return id;
}

std::string with_key_id(std::string sealed, std::uint32_t id) {
  for (std::size_t i = 0; i < 4; ++i) sealed[kKeyIdAt + i] = static_cast<char>(id >> (8 * (3 - i)));
  return sealed;
}

TEST(FieldSealer, RoundTrips) {
  const Keyring keyring = Keyring::generate();
  const FieldSealer sealer(keyring);
  for (const std::string& plaintext :
       {std::string(), std::string("A1234567"), std::string("Ünïcødé ✓"),
        std::string("nul\0inside", 10), random_bytes(5000)}) {
    const std::string sealed = sealer.seal(plaintext, kContext);
    EXPECT_EQ(sealed.size(), plaintext.size() + kOverhead);
    EXPECT_EQ(sealed[0], '\x01');
    EXPECT_EQ(key_id_of(sealed), 1u);
    if (!plaintext.empty()) {
      EXPECT_EQ(sealed.find(plaintext), std::string::npos);
    }
    auto opened = sealer.open(sealed, kContext);
    ASSERT_TRUE(opened.ok()) << opened.error().detail;
    EXPECT_EQ(*opened, plaintext);
  }
}

TEST(FieldSealer, UsesAFreshNonceEverySeal) {
  const Keyring keyring = Keyring::generate();
  const FieldSealer sealer(keyring);
  const std::string a = sealer.seal("same", kContext);
  const std::string b = sealer.seal("same", kContext);
  EXPECT_NE(a.substr(kNonceAt, 24), b.substr(kNonceAt, 24));
  EXPECT_NE(a, b);
}

TEST(FieldSealer, RejectsTamperingInEveryRegion) {
  const Keyring keyring = Keyring::generate();
  const FieldSealer sealer(keyring);
  const std::string sealed = sealer.seal("A1234567", kContext);
  struct Case {
    const char* region;
    std::size_t offset;
  };
  const Case cases[] = {
      {"version", 0},
      {"key id high byte", kKeyIdAt},
      {"key id low byte", kNonceAt - 1},
      {"nonce first byte", kNonceAt},
      {"nonce last byte", kCiphertextAt - 1},
      {"ciphertext first byte", kCiphertextAt},
      {"ciphertext last byte", kCiphertextAt + 7},
      {"tag first byte", sealed.size() - 16},
      {"tag last byte", sealed.size() - 1},
  };
  for (const Case& c : cases) {
    for (const unsigned char flip : {0x01, 0x80}) {
      std::string tampered = sealed;
      tampered[c.offset] = static_cast<char>(tampered[c.offset] ^ flip);
      auto opened = sealer.open(tampered, kContext);
      ASSERT_FALSE(opened.ok()) << c.region;
      EXPECT_EQ(opened.error().code, "crypto.open_failed") << c.region;
    }
  }
}

TEST(FieldSealer, RejectsAnotherContext) {
  const Keyring keyring = Keyring::generate();
  const FieldSealer sealer(keyring);
  const std::string sealed = sealer.seal("A1234567", kContext);
  struct Case {
    const char* name;
    FieldContext ctx;
  };
  const Case cases[] = {
      {"swapped row id", {"subscribers", "national_id", "sub_abd"}},
      {"empty row id", {"subscribers", "national_id", ""}},
      {"swapped column", {"subscribers", "phone", "sub_abc"}},
      {"swapped table", {"staff", "national_id", "sub_abc"}},
      {"fields shifted", {"subscribers", "national_id|sub_abc", ""}},
  };
  for (const Case& c : cases) {
    auto opened = sealer.open(sealed, c.ctx);
    ASSERT_FALSE(opened.ok()) << c.name;
    EXPECT_EQ(opened.error().code, "crypto.open_failed") << c.name;
  }
}

TEST(FieldSealer, RejectsWrongOrUnknownKeyIds) {
  Keyring keyring = Keyring::generate();
  keyring.rotate();  // ids 1 and 2 both known
  const FieldSealer sealer(keyring);
  const std::string sealed = sealer.seal("A1234567", kContext);
  ASSERT_EQ(key_id_of(sealed), 2u);
  for (const std::uint32_t id : {1u, 3u, 0u, 0xffffffffu}) {
    auto opened = sealer.open(with_key_id(sealed, id), kContext);
    ASSERT_FALSE(opened.ok()) << id;
    EXPECT_EQ(opened.error().code, "crypto.open_failed") << id;
  }
}

TEST(FieldSealer, RejectsTruncatedInput) {
  const Keyring keyring = Keyring::generate();
  const FieldSealer sealer(keyring);
  const std::string sealed = sealer.seal("A1234567", kContext);
  for (const std::size_t length : {std::size_t{0}, std::size_t{1}, std::size_t{5}, std::size_t{29},
                                   kOverhead - 1, kOverhead, sealed.size() - 1}) {
    auto opened = sealer.open(sealed.substr(0, length), kContext);
    ASSERT_FALSE(opened.ok()) << length;
    EXPECT_EQ(opened.error().code, "crypto.open_failed") << length;
  }
}

TEST(FieldSealer, AnotherKeyringCannotOpen) {
  const Keyring mine = Keyring::generate();
  const Keyring theirs = Keyring::generate();  // also has a key with id 1
  const std::string sealed = FieldSealer(mine).seal("A1234567", kContext);
  EXPECT_FALSE(FieldSealer(theirs).open(sealed, kContext).ok());
}

TEST(FieldSealer, OldKeyStillOpensAfterRotate) {
  Keyring keyring = Keyring::generate();
  const FieldSealer sealer(keyring);
  const std::string before = sealer.seal("old secret", kContext);
  keyring.rotate();
  const std::string after = sealer.seal("new secret", kContext);
  EXPECT_EQ(key_id_of(before), 1u);
  EXPECT_EQ(key_id_of(after), 2u);
  EXPECT_EQ(*sealer.open(before, kContext), "old secret");
  EXPECT_EQ(*sealer.open(after, kContext), "new secret");
  // And after a reload from JSON, as a restarted server would see it.
  const Keyring reloaded = *Keyring::from_json(keyring.to_json());
  EXPECT_EQ(*FieldSealer(reloaded).open(before, kContext), "old secret");
}

TEST(FieldSealer, ErrorsNeverCarryThePlaintext) {
  const Keyring keyring = Keyring::generate();
  const FieldSealer sealer(keyring);
  std::string sealed = sealer.seal("SECRET-ID-123", kContext);
  sealed.back() = static_cast<char>(sealed.back() ^ 1);
  auto opened = sealer.open(sealed, kContext);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().detail.find("SECRET"), std::string::npos);
  EXPECT_TRUE(opened.error().fields.empty());
  EXPECT_TRUE(opened.error().extensions.empty());
}

TEST(FieldSealerDeathTest, SealRefusesAnAmbiguousContext) {
  const Keyring keyring = Keyring::generate();
  const FieldSealer sealer(keyring);
  EXPECT_DEATH(sealer.seal("x", FieldContext{"sub|scribers", "national_id", "1"}),
               "contains '\\|'");
}

}  // namespace
}  // namespace simreg::crypto

#include "crypto/password_hasher.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace simreg::crypto {
namespace {

constexpr std::size_t kMiB = 1024 * 1024;

// Argon2id at 19 MiB costs ~50 ms a hash, so the suite shares the hashes it needs.
class PasswordHasherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto minimum = PasswordHasher().hash("correct horse battery staple");
    ASSERT_TRUE(minimum.ok());
    minimum_hash_ = new std::string(*minimum);
    auto stronger = PasswordHasher({3, 32 * kMiB}).hash("correct horse battery staple");
    ASSERT_TRUE(stronger.ok());
    stronger_hash_ = new std::string(*stronger);
  }
  static void TearDownTestSuite() {
    delete minimum_hash_;
    delete stronger_hash_;
  }
  static std::string* minimum_hash_;   // t=2, m=19 MiB
  static std::string* stronger_hash_;  // t=3, m=32 MiB
};

std::string* PasswordHasherTest::minimum_hash_ = nullptr;
std::string* PasswordHasherTest::stronger_hash_ = nullptr;

TEST_F(PasswordHasherTest, EncodesArgon2idWithItsParameters) {
  EXPECT_TRUE(minimum_hash_->starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << *minimum_hash_;
  EXPECT_TRUE(stronger_hash_->starts_with("$argon2id$v=19$m=32768,t=3,p=1$")) << *stronger_hash_;
  EXPECT_EQ(minimum_hash_->find("correct horse"), std::string::npos);
}

TEST_F(PasswordHasherTest, SaltsEveryHash) {
  auto again = PasswordHasher().hash("correct horse battery staple");
  ASSERT_TRUE(again.ok());
  EXPECT_NE(*again, *minimum_hash_);
}

TEST_F(PasswordHasherTest, VerifiesOnlyTheRightPassword) {
  struct Case {
    const std::string* encoded;
    std::string password;
    bool ok;
  };
  const Case cases[] = {
      {minimum_hash_, "correct horse battery staple", true},
      {stronger_hash_, "correct horse battery staple", true},  // parameters travel with the hash
      {minimum_hash_, "correct horse battery stapler", false},
      {minimum_hash_, "Correct horse battery staple", false},
      {minimum_hash_, "", false},
      {stronger_hash_, "wrong", false},
  };
  const PasswordHasher hasher;
  for (const Case& c : cases) EXPECT_EQ(hasher.verify(*c.encoded, c.password), c.ok) << c.password;
}

TEST(PasswordHasher, VerifyRejectsMalformedEncodings) {
  const PasswordHasher hasher;
  const std::string cases[] = {
      "",
      "$argon2id$",
      "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$",
      "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",  // bcrypt
      std::string("$argon2id$v=19\0$m=19456", 23),
      std::string(200, 'a'),
  };
  for (const std::string& encoded : cases)
    EXPECT_FALSE(hasher.verify(encoded, "password")) << encoded;
}

TEST_F(PasswordHasherTest, NeedsRehashOnlyWhenWeaker) {
  struct Case {
    const char* name;
    PasswordHashParams params;
    const std::string* encoded;
    bool needs_rehash;
  };
  const Case cases[] = {
      {"same parameters", {}, minimum_hash_, false},
      {"time cost raised", {3, 19 * kMiB}, minimum_hash_, true},
      {"memory raised", {2, 32 * kMiB}, minimum_hash_, true},
      {"both raised", {4, 64 * kMiB}, minimum_hash_, true},
      {"hash stronger than policy", {}, stronger_hash_, false},
      {"hash matches raised policy", {3, 32 * kMiB}, stronger_hash_, false},
      {"memory raised beyond hash", {3, 64 * kMiB}, stronger_hash_, true},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PasswordHasher(c.params).needs_rehash(*c.encoded), c.needs_rehash) << c.name;
  }
}

TEST(PasswordHasher, NeedsRehashForOtherAlgorithmsAndGarbage) {
  char argon2i[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(argon2i, "pw", 2, 3, 19 * kMiB, crypto_pwhash_ALG_ARGON2I13), 0);
  const PasswordHasher hasher;
  EXPECT_TRUE(hasher.needs_rehash(argon2i));
  EXPECT_TRUE(hasher.verify(argon2i, "pw"));  // still verifies, so the user can sign in and upgrade
  EXPECT_TRUE(hasher.needs_rehash(""));
  EXPECT_TRUE(hasher.needs_rehash("not a hash"));
}

TEST(PasswordHasher, ClampsToOwaspMinimum) {
  struct Case {
    PasswordHashParams requested;
    std::uint64_t ops;
    std::size_t mem;
  };
  const Case cases[] = {
      {{}, 2, 19 * kMiB},
      {{1, 1024}, 2, 19 * kMiB},
      {{0, 0}, 2, 19 * kMiB},
      {{1, 64 * kMiB}, 2, 64 * kMiB},
      {{5, 8 * kMiB}, 5, 19 * kMiB},
      {{3, 32 * kMiB}, 3, 32 * kMiB},
  };
  for (const Case& c : cases) {
    const PasswordHasher hasher(c.requested);
    EXPECT_EQ(hasher.params().ops_limit, c.ops)
        << c.requested.ops_limit << "/" << c.requested.mem_limit_bytes;
    EXPECT_EQ(hasher.params().mem_limit_bytes, c.mem)
        << c.requested.ops_limit << "/" << c.requested.mem_limit_bytes;
  }
}

TEST(PasswordHasher, ClampedHasherHashesAtTheMinimum) {
  auto encoded = PasswordHasher({1, 1024}).hash("pw");
  ASSERT_TRUE(encoded.ok());
  EXPECT_TRUE(encoded->starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << *encoded;
}

TEST(PasswordHasher, ConcurrencyCapDefaultsToOnePerCore) {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  struct Case {
    int requested;
    int expected;
  };
  const Case cases[] = {{0, cores}, {-3, cores}, {1, 1}, {5, 5}};
  for (const Case& c : cases) {
    EXPECT_EQ(PasswordHasher({}, c.requested).max_concurrent(), c.expected) << c.requested;
  }
}

// A sign-in flood must not run more Argon2id computations (19 MiB each) than the cap: more
// threads than slots hash and verify at once while a sampler watches the in-flight gauge.
TEST(PasswordHasher, NeverRunsMoreHashesThanTheCap) {
  constexpr int kThreads = 5;
  for (const int cap : {1, 2, 3}) {
    SCOPED_TRACE("cap " + std::to_string(cap));
    const PasswordHasher hasher({}, cap);
    const PasswordHasher copy = hasher;  // copies share the slots
    std::atomic<bool> done{false};
    std::atomic<int> peak{0};
    std::thread sampler([&] {
      while (!done.load()) {
        peak.store(std::max(peak.load(), hasher.in_flight()));
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      }
    });
    std::atomic<int> verified{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        const PasswordHasher& mine = t % 2 == 0 ? hasher : copy;
        const std::string password = "password number " + std::to_string(t);
        auto encoded = mine.hash(password);
        if (encoded && mine.verify(*encoded, password)) ++verified;
      });
    }
    for (auto& thread : threads) thread.join();
    done.store(true);
    sampler.join();
    EXPECT_EQ(verified.load(), kThreads);
    EXPECT_LE(peak.load(), cap);
    EXPECT_EQ(peak.load(), cap) << "the sampler never saw every slot in use";
    EXPECT_EQ(hasher.in_flight(), 0);
  }
}

}  // namespace
}  // namespace simreg::crypto

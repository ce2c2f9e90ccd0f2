// OutboxDispatcher against real SQLite and PostgreSQL: delivery, retries with backoff on a
// ManualClock, expired leases, competing dispatchers, and the background thread.
#include "notify/outbox_dispatcher.hpp"

#include <map>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "crypto/sodium_init.hpp"
#include "db/testing/migrated_database_test.hpp"

namespace simreg::notify {
namespace {

using db::testing::Engine;
using nlohmann::json;

// Records what it was asked to send; fails while `failing` is set.
class RecordingSender final : public MessageSender {
 public:
  Result<void> send(const OutboxEntry& message) override {
    std::lock_guard lock(mutex_);
    sent_.push_back(message);
    if (failing_) return Error::make(ErrorKind::unavailable, "notify.smtp_unreachable", "down");
    return success();
  }
  void set_failing(bool failing) {
    std::lock_guard lock(mutex_);
    failing_ = failing;
  }
  std::vector<OutboxEntry> sent() const {
    std::lock_guard lock(mutex_);
    return sent_;
  }

 private:
  mutable std::mutex mutex_;
  bool failing_ = false;
  std::vector<OutboxEntry> sent_;
};

TEST(RetryDelayTest, DoublesFromOneSecondAndCapsAtOneHour) {
  const std::pair<int, std::int64_t> cases[] = {
      {1, 1'000},      {2, 2'000},      {3, 4'000},      {9, 256'000},
      {12, 2'048'000}, {13, 3'600'000}, {40, 3'600'000}, {0, 1'000},
  };
  for (const auto& [attempts, delay] : cases)
    EXPECT_EQ(retry_delay_ms(attempts), delay) << attempts;
}

class OutboxDispatcherTest : public db::testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    crypto::initialize();
    MigratedDatabaseTest::SetUp();
    if (database_unavailable()) return;
    outbox_ = std::make_unique<Outbox>(db(), sealer_, indexer_, clock_);
    dispatcher_ = std::make_unique<OutboxDispatcher>(db(), *outbox_, email_, sms_, clock_);
  }

  std::string enqueue(Channel channel, const std::string& to) {
    std::string id;
    const OutboundMessage message{channel, to, "email_verification", "en", {{"code", "123456"}}};
    EXPECT_TRUE(db().transaction([&](db::Session& tx) -> Result<void> {
      SIMREG_TRY_ASSIGN(id, outbox_->enqueue(tx, message));
      return success();
    }));
    return id;
  }

  OutboxEntry entry(const std::string& id) {
    auto found = outbox_->get(id);
    EXPECT_TRUE(found && found->has_value());
    return found && found->has_value() ? **found : OutboxEntry{};
  }

  int deliver() {
    auto handled = dispatcher_->deliver_due();
    EXPECT_TRUE(handled) << handled.error().detail;
    return handled ? *handled : -1;
  }

  ManualClock clock_{1'800'000'000'000};
  crypto::Keyring keyring_ = crypto::Keyring::generate();
  crypto::FieldSealer sealer_{keyring_};
  crypto::BlindIndexer indexer_{keyring_};
  RecordingSender email_;
  RecordingSender sms_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<OutboxDispatcher> dispatcher_;
};

TEST_P(OutboxDispatcherTest, SuccessMarksSentAndRoutesByChannel) {
  const std::string mail = enqueue(Channel::email, "alice@example.org");
  const std::string text = enqueue(Channel::sms, "+8613800138000");
  clock_.advance_ms(5);
  EXPECT_EQ(deliver(), 2);
  EXPECT_EQ(deliver(), 0);  // nothing left

  ASSERT_EQ(email_.sent().size(), 1u);
  EXPECT_EQ(email_.sent()[0].to, "alice@example.org");
  EXPECT_NE(email_.sent()[0].body.find("123456"), std::string::npos);
  ASSERT_EQ(sms_.sent().size(), 1u);
  EXPECT_EQ(sms_.sent()[0].to, "+8613800138000");

  for (const auto& id : {mail, text}) {
    const OutboxEntry e = entry(id);
    EXPECT_EQ(e.status, "sent");
    EXPECT_EQ(e.attempts, 1);
    EXPECT_EQ(e.sent_at_ms, clock_.now_ms());
    EXPECT_TRUE(e.last_error_code.empty());
  }
}

TEST_P(OutboxDispatcherTest, FailingSenderRetriesWithBackoffThenFails) {
  const std::string id = enqueue(Channel::email, "alice@example.org");
  email_.set_failing(true);
  for (int attempt = 1; attempt < kMaxAttempts; ++attempt) {
    ASSERT_EQ(deliver(), 1) << attempt;
    OutboxEntry e = entry(id);
    EXPECT_EQ(e.status, "pending");
    EXPECT_EQ(e.attempts, attempt);
    EXPECT_EQ(e.last_error_code, "notify.smtp_unreachable");
    // Not due one millisecond early; due exactly after 1 s · 2^(attempt-1).
    clock_.advance_ms(retry_delay_ms(attempt) - 1);
    EXPECT_EQ(deliver(), 0) << attempt;
    clock_.advance_ms(1);
  }
  ASSERT_EQ(deliver(), 1);
  const OutboxEntry failed = entry(id);
  EXPECT_EQ(failed.status, "failed");
  EXPECT_EQ(failed.attempts, kMaxAttempts);
  EXPECT_EQ(failed.last_error_code, "notify.smtp_unreachable");
  EXPECT_FALSE(failed.sent_at_ms.has_value());
  clock_.advance_ms(24 * 3600 * 1000);
  EXPECT_EQ(deliver(), 0);
  EXPECT_EQ(email_.sent().size(), std::size_t{kMaxAttempts});
}

TEST_P(OutboxDispatcherTest, RecoversAfterTransientFailure) {
  const std::string id = enqueue(Channel::email, "alice@example.org");
  email_.set_failing(true);
  ASSERT_EQ(deliver(), 1);
  email_.set_failing(false);
  clock_.advance_ms(retry_delay_ms(1));
  ASSERT_EQ(deliver(), 1);
  const OutboxEntry e = entry(id);
  EXPECT_EQ(e.status, "sent");
  EXPECT_EQ(e.attempts, 2);
  EXPECT_TRUE(e.last_error_code.empty());
}

TEST_P(OutboxDispatcherTest, ExpiredLeaseIsReclaimedOrFailsOnTheLastAttempt) {
  const std::string crashed = enqueue(Channel::email, "alice@example.org");
  const std::string exhausted = enqueue(Channel::email, "bob@example.org");
  // As if a dispatcher claimed both and died mid-send.
  const std::int64_t lease = clock_.now_ms() + kLeaseMs;
  ASSERT_TRUE(db().execute(
      "UPDATE outbox SET status = 'sending', attempts = 1, lease_expires_at = $1 WHERE id = $2",
      {lease, crashed}));
  ASSERT_TRUE(db().execute(
      "UPDATE outbox SET status = 'sending', attempts = $1, lease_expires_at = $2 WHERE id = $3",
      {std::int64_t{kMaxAttempts}, lease, exhausted}));
  EXPECT_EQ(deliver(), 0);  // leases still held
  clock_.advance_ms(kLeaseMs);
  EXPECT_EQ(deliver(), 1);
  EXPECT_EQ(entry(crashed).status, "sent");
  EXPECT_EQ(entry(crashed).attempts, 2);
  EXPECT_EQ(entry(exhausted).status, "failed");
  EXPECT_EQ(entry(exhausted).last_error_code, "notify.lease_expired");
  ASSERT_EQ(email_.sent().size(), 1u);
}

TEST_P(OutboxDispatcherTest, CompetingDispatchersSendEachMessageOnce) {
  constexpr int kMessages = 30;
  for (int i = 0; i < kMessages; ++i)
    enqueue(Channel::email, "user" + std::to_string(i) + "@example.org");
  OutboxDispatcher second(db(), *outbox_, email_, sms_, clock_);
  int first_count = 0;
  int second_count = 0;
  std::thread other([&] {
    auto handled = second.deliver_due();
    if (handled) second_count = *handled;
  });
  first_count = deliver();
  other.join();
  EXPECT_EQ(first_count + second_count, kMessages);
  const auto sent = email_.sent();
  ASSERT_EQ(sent.size(), std::size_t{kMessages});
  std::map<std::string, int> per_id;
  for (const auto& message : sent) ++per_id[message.id];
  EXPECT_EQ(per_id.size(), std::size_t{kMessages});
}

TEST_P(OutboxDispatcherTest, BackgroundThreadDeliversAndStops) {
  OutboxDispatcher background(db(), *outbox_, email_, sms_, clock_, std::chrono::milliseconds(10));
  background.start();
  background.start();  // already running: no second thread
  const std::string id = enqueue(Channel::email, "alice@example.org");
  for (int i = 0; i < 500 && entry(id).status != "sent"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(entry(id).status, "sent");
  const auto stop_started = std::chrono::steady_clock::now();
  background.stop();
  background.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - stop_started, std::chrono::seconds(2));
  const std::string later = enqueue(Channel::email, "bob@example.org");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(entry(later).status, "pending");
}

TEST_P(OutboxDispatcherTest, RowThatNoLongerOpensFailsWithoutBlockingOthers) {
  const std::string broken = enqueue(Channel::email, "alice@example.org");
  const std::string fine = enqueue(Channel::email, "bob@example.org");
  // Another row's ciphertext does not open here: the seal is bound to its row.
  ASSERT_TRUE(
      db().execute("UPDATE outbox SET body_sealed = (SELECT body_sealed FROM outbox WHERE id = $1) "
                   "WHERE id = $2",
                   {fine, broken}));
  EXPECT_EQ(deliver(), 2);
  auto row = db().execute("SELECT status, last_error_code FROM outbox WHERE id = $1", {broken});
  ASSERT_TRUE(row);
  EXPECT_EQ(row->first().text(0), "failed");
  EXPECT_EQ(row->first().text(1), "crypto.open_failed");
  EXPECT_EQ(entry(fine).status, "sent");
}

INSTANTIATE_TEST_SUITE_P(Engines, OutboxDispatcherTest,
                         ::testing::Values(Engine::sqlite, Engine::postgres),
                         [](const auto& info) { return db::testing::engine_name(info.param); });

}  // namespace
}  // namespace simreg::notify

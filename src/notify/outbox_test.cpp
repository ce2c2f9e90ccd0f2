// Outbox against real SQLite and PostgreSQL: transactional enqueue, look-up by recipient,
// rendering, and no personal data in the clear.
#include "notify/outbox.hpp"

#include <gtest/gtest.h>

#include "crypto/sodium_init.hpp"
#include "db/testing/migrated_database_test.hpp"

namespace simreg::notify {
namespace {

using db::testing::Engine;
using nlohmann::json;

class OutboxTest : public db::testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    crypto::initialize();
    MigratedDatabaseTest::SetUp();
    if (database_unavailable()) return;
    outbox_ = std::make_unique<Outbox>(db(), sealer_, indexer_, clock_);
  }

  Result<std::string> enqueue(const OutboundMessage& message) {
    std::string id;
    auto done = db().transaction([&](db::Session& tx) -> Result<void> {
      SIMREG_TRY_ASSIGN(id, outbox_->enqueue(tx, message));
      return success();
    });
    if (!done) return std::move(done).error();
    return id;
  }

  std::int64_t rows() {
    auto count = db().execute("SELECT COUNT(*) FROM outbox");
    EXPECT_TRUE(count);
    return count ? count->first().integer(0) : -1;
  }

  ManualClock clock_{1'800'000'000'000};
  crypto::Keyring keyring_ = crypto::Keyring::generate();
  crypto::FieldSealer sealer_{keyring_};
  crypto::BlindIndexer indexer_{keyring_};
  std::unique_ptr<Outbox> outbox_;
};

TEST_P(OutboxTest, RetryFailedRequeuesEverythingButExpiredCodes) {
  auto decision = enqueue({Channel::email, "alice@example.org", "password_changed", "en", json::object()});
  auto code = enqueue({Channel::email, "alice@example.org", "email_verification", "en", {{"code", "123456"}}});
  auto sent = enqueue({Channel::email, "bob@example.org", "password_changed", "en", json::object()});
  ASSERT_TRUE(decision && code && sent);
  // What the dispatcher leaves behind when the mail server was down past every retry.
  ASSERT_TRUE(db().execute("UPDATE outbox SET status = 'failed', attempts = 10, last_error_code = 'notify.smtp_failed' "
                           "WHERE id IN ($1, $2)",
                           {*decision, *code}));
  ASSERT_TRUE(db().execute("UPDATE outbox SET status = 'sent', sent_at = $2 WHERE id = $1", {*sent, clock_.now_ms()}));
  clock_.advance_ms(3'600'000);

  auto report = outbox_->retry_failed();
  ASSERT_TRUE(report) << report.error().code;
  EXPECT_EQ(report->requeued, 1);
  EXPECT_EQ(report->skipped_codes, 1);
  auto row = db().execute("SELECT status, attempts, next_attempt_at, last_error_code FROM outbox WHERE id = $1",
                          {*decision});
  ASSERT_TRUE(row);
  EXPECT_EQ(row->first().text(0), "pending");
  EXPECT_EQ(row->first().integer(1), 0);
  EXPECT_EQ(row->first().integer(2), clock_.now_ms());
  EXPECT_TRUE(row->first().is_null(3));
  EXPECT_EQ((*outbox_->get(*code))->status, "failed");
  EXPECT_EQ((*outbox_->get(*sent))->status, "sent");
  auto failed = outbox_->list(std::nullopt, 100, "failed");
  ASSERT_TRUE(failed);
  ASSERT_EQ(failed->size(), 1u);
  EXPECT_EQ((*failed)[0].id, *code);
  auto alices_pending = outbox_->list("alice@example.org", 100, "pending");
  ASSERT_TRUE(alices_pending);
  ASSERT_EQ(alices_pending->size(), 1u);
  EXPECT_EQ((*alices_pending)[0].id, *decision);
  EXPECT_TRUE(outbox_->list("bob@example.org", 100, "pending")->empty());
  EXPECT_EQ(outbox_->list(std::nullopt, 100, "lost").error().code, "notify.invalid_status");

  auto again = outbox_->retry_failed();  // nothing left to requeue
  ASSERT_TRUE(again);
  EXPECT_EQ(again->requeued, 0);
  EXPECT_EQ(again->skipped_codes, 1);
}

TEST_P(OutboxTest, EnqueueInARolledBackTransactionLeavesNothing) {
  auto done = db().transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY(outbox_->enqueue(
        tx, {Channel::email, "alice@example.org", "password_changed", "en", json::object()}));
    return Error::make(ErrorKind::conflict, "test.abort", "roll back");
  });
  ASSERT_FALSE(done);
  EXPECT_EQ(rows(), 0);
  auto listed = outbox_->list(std::nullopt);
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

TEST_P(OutboxTest, EnqueuedMessageIsPendingAndRendered) {
  auto id = enqueue(
      {Channel::email, " Alice@Example.org ", "email_verification", "en", {{"code", "123456"}}});
  ASSERT_TRUE(id) << id.error().detail;
  EXPECT_EQ(id->rfind("msg_", 0), 0u);
  auto entry = outbox_->get(*id);
  ASSERT_TRUE(entry);
  ASSERT_TRUE(entry->has_value());
  const OutboxEntry& e = **entry;
  EXPECT_EQ(e.to, "alice@example.org");
  EXPECT_EQ(e.channel, Channel::email);
  EXPECT_EQ(e.template_id, "email_verification");
  EXPECT_EQ(e.status, "pending");
  EXPECT_EQ(e.created_at_ms, clock_.now_ms());
  EXPECT_FALSE(e.sent_at_ms.has_value());
  EXPECT_EQ(e.attempts, 0);
  EXPECT_EQ(e.subject, "Your simreg verification code");
  EXPECT_NE(e.body.find("Your simreg verification code is 123456. It expires in 15 minutes."),
            std::string::npos);
  EXPECT_TRUE(e.last_error_code.empty());

  auto missing = outbox_->get("msg_nope");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_P(OutboxTest, RendersEachLocaleWithEnglishFallback) {
  struct Case {
    std::string locale;
    std::string subject;
    std::string body_part;
  };
  const Case cases[] = {
      {"en", "Reset your simreg password", "reset your simreg password is 654321"},
      {"zh-CN", "重置您的 simreg 密码", "重置 simreg 密码的验证码是 654321"},
      {"fr", "Reset your simreg password", "reset your simreg password is 654321"},
  };
  for (const auto& c : cases) {
    const std::string to = "user-" + c.locale + "@example.org";
    ASSERT_TRUE(enqueue({Channel::email, to, "password_reset", c.locale, {{"code", "654321"}}}));
    auto listed = outbox_->list(to);
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 1u) << c.locale;
    EXPECT_EQ((*listed)[0].subject, c.subject);
    EXPECT_NE((*listed)[0].body.find(c.body_part), std::string::npos) << c.locale;
  }
}

TEST_P(OutboxTest, ListFiltersByRecipientNewestFirst) {
  ASSERT_TRUE(enqueue(
      {Channel::email, "alice@example.org", "email_verification", "en", {{"code", "111111"}}}));
  clock_.advance_ms(1000);
  ASSERT_TRUE(enqueue(
      {Channel::email, "bob@example.org", "email_verification", "en", {{"code", "222222"}}}));
  clock_.advance_ms(1000);
  ASSERT_TRUE(
      enqueue({Channel::email, "ALICE@example.org", "password_changed", "zh-CN", json::object()}));
  clock_.advance_ms(1000);
  ASSERT_TRUE(enqueue(
      {Channel::sms, "+86 138 0013 8000", "email_verification", "zh-CN", {{"code", "333333"}}}));

  auto alice = outbox_->list(std::string("  Alice@EXAMPLE.org"));
  ASSERT_TRUE(alice);
  ASSERT_EQ(alice->size(), 2u);
  EXPECT_EQ((*alice)[0].template_id, "password_changed");
  EXPECT_EQ((*alice)[1].template_id, "email_verification");
  EXPECT_GT((*alice)[0].created_at_ms, (*alice)[1].created_at_ms);

  auto phone = outbox_->list(std::string("+8613800138000"));
  ASSERT_TRUE(phone);
  ASSERT_EQ(phone->size(), 1u);
  EXPECT_EQ((*phone)[0].channel, Channel::sms);
  EXPECT_EQ((*phone)[0].to, "+8613800138000");
  EXPECT_TRUE((*phone)[0].subject.empty());

  auto all = outbox_->list(std::nullopt, 3);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].channel, Channel::sms);

  auto nobody = outbox_->list(std::string("carol@example.org"));
  ASSERT_TRUE(nobody);
  EXPECT_TRUE(nobody->empty());
  auto malformed = outbox_->list(std::string("not an address"));
  ASSERT_TRUE(malformed);
  EXPECT_TRUE(malformed->empty());
  for (const int bad : {0, 10001}) {
    auto rejected = outbox_->list(std::nullopt, bad);
    ASSERT_FALSE(rejected);
    EXPECT_EQ(rejected.error().code, "notify.invalid_limit");
  }
}

TEST_P(OutboxTest, RejectsBadMessagesWithoutStoringThem) {
  struct Case {
    OutboundMessage message;
    std::string code;
  };
  const Case cases[] = {
      {{Channel::email, "not-an-address", "password_changed", "en", json::object()},
       "notify.invalid_recipient"},
      {{Channel::sms, "call me", "password_changed", "en", json::object()},
       "notify.invalid_recipient"},
      {{Channel::email, "a@example.org", "no_such_template", "en", json::object()},
       "notify.unknown_template"},
      {{Channel::email, "a@example.org", "email_verification", "en", json::object()},
       "notify.template_params"},
      {{Channel::email, "a@example.org", "password_changed", "en", {{"email", "a@example.org"}}},
       "notify.template_params"},
  };
  for (const auto& c : cases) {
    auto id = enqueue(c.message);
    ASSERT_FALSE(id) << c.code;
    EXPECT_EQ(id.error().code, c.code);
  }
  EXPECT_EQ(rows(), 0);
}

TEST_P(OutboxTest, NoPlaintextRecipientSubjectOrBodyInTheTable) {
  ASSERT_TRUE(enqueue({Channel::email,
                       "secret.person@example.org",
                       "email_verification",
                       "en",
                       {{"code", "987654"}}}));
  ASSERT_TRUE(
      enqueue({Channel::sms, "+8613912345678", "password_reset", "zh-CN", {{"code", "876543"}}}));
  auto table = db().execute("SELECT * FROM outbox");
  ASSERT_TRUE(table);
  ASSERT_EQ(table->rows.size(), 2u);
  const std::vector<std::string> secrets = {"secret.person", "example.org", "8613912345678",
                                            "987654",        "876543",      "verification code",
                                            "验证码"};
  for (const auto& row : table->rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      std::string raw;
      if (const auto* text = std::get_if<std::string>(&row.at(i))) raw = *text;
      if (const auto* bytes = std::get_if<db::Bytes>(&row.at(i))) raw = bytes->data;
      for (const auto& secret : secrets) {
        EXPECT_EQ(raw.find(secret), std::string::npos) << table->columns[i] << " holds " << secret;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, OutboxTest, ::testing::Values(Engine::sqlite, Engine::postgres),
                         [](const auto& info) { return db::testing::engine_name(info.param); });

}  // namespace
}  // namespace simreg::notify

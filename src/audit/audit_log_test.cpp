// AuditLog and verify_audit_log against real SQLite and PostgreSQL: an intact log verifies, and
// each kind of tampering is detected and located.
#include "audit/audit_log.hpp"

#include <functional>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "audit/audit_chain.hpp"
#include "audit/audit_verifier.hpp"
#include "crypto/sodium_init.hpp"
#include "db/testing/migrated_database_test.hpp"

namespace simreg::audit {
namespace {

using db::testing::Engine;

constexpr const char* kAddress = "203.0.113.77";

AuditEvent event(int n, const std::string& actor = "sub_alice") {
  AuditEvent e;
  e.actor_type = "subscriber";
  e.actor_id = actor;
  e.action = n % 2 == 0 ? "auth.login_succeeded" : "auth.login_failed";
  e.target_type = "subscriber";
  e.target_id = actor;
  e.outcome = n % 2 == 0 ? "success" : "failure";
  e.client_address = kAddress;
  e.request_id = "req_" + std::to_string(n);
  e.details = {{"n", n}};
  return e;
}

// Members are public so the tampering table below can drive them.
class AuditLogTest : public db::testing::MigratedDatabaseTest {
 public:
  void SetUp() override {
    crypto::initialize();
    MigratedDatabaseTest::SetUp();
    if (database_unavailable()) return;
    log_ = std::make_unique<AuditLog>(db(), keyring_, clock_, /*checkpoint_every=*/10);
  }

  void append_many(int count) {
    for (int i = 1; i <= count; ++i) {
      clock_.advance_ms(1000);
      auto appended = log_->append(event(i));
      ASSERT_TRUE(appended) << appended.error().code << ": " << appended.error().detail;
    }
  }

  VerifyReport verify() {
    auto report = verify_audit_log(db(), keyring_);
    EXPECT_TRUE(report) << report.error().detail;
    return report ? *report : VerifyReport{};
  }

  void exec(const std::string& sql, const std::vector<db::Value>& params = {}) {
    auto done = db().execute(sql, params);
    ASSERT_TRUE(done) << sql << ": " << done.error().detail;
  }

  std::int64_t count(const std::string& table) {
    auto rows = db().execute("SELECT COUNT(*) FROM " + table);
    EXPECT_TRUE(rows);
    return rows ? rows->first().integer(0) : -1;
  }

  // What an attacker with database access but without the signing key can do: rewrite entries
  // from `from_seq` on and recompute every hash after them, and the head.
  void rewrite_chain_from(std::int64_t from_seq) {
    auto rows = db().execute(
        "SELECT seq, id, created_at, actor_type, actor_id, action, target_type, target_id, "
        "outcome, "
        "client_address_sealed, request_id, details, prev_hash FROM audit_log WHERE seq >= $1 "
        "ORDER BY seq",
        {from_seq});
    ASSERT_TRUE(rows);
    std::string prev = rows->first().bytes(12);
    for (const auto& row : rows->rows) {
      StoredEntry entry{row.integer(0), row.text(1),  row.integer(2), row.text(3),
                        row.text(4),    row.text(5),  row.text(6),    row.text(7),
                        row.text(8),    std::nullopt, row.text(10),   row.text(11)};
      if (!row.is_null(9)) entry.client_address_sealed = row.bytes(9);
      const std::string hash = chain_hash(prev, entry);
      exec("UPDATE audit_log SET prev_hash = $1, entry_hash = $2 WHERE seq = $3",
           {db::Bytes{prev}, db::Bytes{hash}, entry.seq});
      exec("UPDATE audit_head SET last_seq = $1, last_hash = $2 WHERE id = 1",
           {entry.seq, db::Bytes{hash}});
      prev = hash;
    }
  }

  // Rewrites entry 31 and everything after it, then signs a checkpoint over the new head at 32
  // with `forger`'s key, recording `claimed_key_id` as the signer.
  void forge_checkpoint_over_rewritten_tail(const crypto::Keyring& forger,
                                            const std::string& claimed_key_id) {
    exec("UPDATE audit_log SET actor_id = 'sub_mallory' WHERE seq = 31");
    rewrite_chain_from(31);
    auto head = db().execute("SELECT entry_hash FROM audit_log WHERE seq = 32");
    ASSERT_TRUE(head);
    const std::string hash = head->first().bytes(0);
    exec(
        "INSERT INTO audit_checkpoints (seq, head_hash, entry_count, signature, key_id, "
        "created_at) VALUES (32, $1, 32, $2, $3, 0)",
        {db::Bytes{hash}, db::Bytes{crypto::Signer(forger).sign(checkpoint_message(32, hash, 32))},
         claimed_key_id});
  }

  ManualClock clock_{1'800'000'000'000};
  crypto::Keyring keyring_ = crypto::Keyring::generate();
  std::unique_ptr<AuditLog> log_;
};

TEST_P(AuditLogTest, EmptyLogVerifies) {
  const auto report = verify();
  EXPECT_TRUE(report.intact) << report.problem;
  EXPECT_EQ(report.entries, 0);
  ASSERT_TRUE(log_->write_checkpoint());
  EXPECT_EQ(count("audit_checkpoints"), 0);
}

TEST_P(AuditLogTest, AppendsGaplessEntriesWithCheckpointsAndVerifies) {
  append_many(25);
  EXPECT_EQ(count("audit_checkpoints"), 2);  // at 10 and 20, inside append
  ASSERT_TRUE(log_->write_checkpoint());
  ASSERT_TRUE(log_->write_checkpoint());  // head unchanged: no second checkpoint at 25
  EXPECT_EQ(count("audit_checkpoints"), 3);

  const auto report = verify();
  EXPECT_TRUE(report.intact) << report.problem;
  EXPECT_EQ(report.entries, 25);
  EXPECT_EQ(report.checkpoints, 3);
  EXPECT_FALSE(report.first_bad_seq.has_value());
  EXPECT_TRUE(report.problem.empty());

  auto seqs = db().execute("SELECT seq FROM audit_log ORDER BY seq");
  ASSERT_TRUE(seqs);
  for (std::size_t i = 0; i < seqs->rows.size(); ++i)
    EXPECT_EQ(seqs->rows[i].integer(0), std::int64_t(i + 1));
}

TEST_P(AuditLogTest, RecentIsNewestFirstWithTheAddressOpened) {
  append_many(5);
  ASSERT_TRUE(log_->append(event(6, "sub_bob")));
  auto recent = log_->recent(3);
  ASSERT_TRUE(recent) << recent.error().detail;
  ASSERT_EQ(recent->size(), 3u);
  EXPECT_EQ((*recent)[0].seq, 6);
  EXPECT_EQ((*recent)[0].actor_id, "sub_bob");
  EXPECT_EQ((*recent)[1].seq, 5);
  EXPECT_EQ((*recent)[0].client_address, kAddress);
  EXPECT_EQ((*recent)[1].details, (nlohmann::json{{"n", 5}}));
  EXPECT_EQ((*recent)[1].request_id, "req_5");
  EXPECT_EQ((*recent)[1].outcome, "failure");

  auto alice = log_->recent(100, std::string("sub_alice"));
  ASSERT_TRUE(alice);
  EXPECT_EQ(alice->size(), 5u);
  for (const int bad : {0, -1, 1001}) {
    auto rejected = log_->recent(bad);
    ASSERT_FALSE(rejected);
    EXPECT_EQ(rejected.error().code, "audit.invalid_limit");
  }
}

TEST_P(AuditLogTest, AppendJoinsTheCallersTransaction) {
  append_many(2);
  auto rolled_back = db().transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY(log_->append(tx, event(3)));
    return Error::make(ErrorKind::conflict, "test.abort", "roll back");
  });
  ASSERT_FALSE(rolled_back);
  EXPECT_EQ(count("audit_log"), 2);
  ASSERT_TRUE(log_->append(event(4)));
  auto last = db().execute("SELECT MAX(seq) FROM audit_log");
  ASSERT_TRUE(last);
  EXPECT_EQ(last->first().integer(0), 3);  // the rolled-back entry left no gap
  EXPECT_TRUE(verify().intact);
}

TEST_P(AuditLogTest, EventWithoutAnOutcomeIsRejected) {
  const std::vector<std::function<void(AuditEvent&)>> breakers = {
      [](AuditEvent& e) { e.outcome = "maybe"; },
      [](AuditEvent& e) { e.actor_type = "robot"; },
      [](AuditEvent& e) { e.action.clear(); },
      [](AuditEvent& e) { e.details = nlohmann::json::array(); },
  };
  for (const auto& breaker : breakers) {
    AuditEvent e = event(1);
    breaker(e);
    auto appended = log_->append(e);
    ASSERT_FALSE(appended);
    EXPECT_EQ(appended.error().code, "audit.invalid_event");
  }
  EXPECT_EQ(count("audit_log"), 0);
}

TEST_P(AuditLogTest, ClientAddressIsSealedInTheTable) {
  append_many(3);
  auto rows = db().execute("SELECT * FROM audit_log");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->rows.size(), 3u);
  for (const auto& row : rows->rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      const auto& value = row.at(i);
      std::string raw;
      if (const auto* text = std::get_if<std::string>(&value)) raw = *text;
      if (const auto* bytes = std::get_if<db::Bytes>(&value)) raw = bytes->data;
      EXPECT_EQ(raw.find(kAddress), std::string::npos) << rows->columns[i];
      EXPECT_EQ(raw.find("203.0.113"), std::string::npos) << rows->columns[i];
    }
  }
  // And it opens only in its own row: a sealed address moved to another entry does not.
  exec(
      "UPDATE audit_log SET client_address_sealed = (SELECT client_address_sealed FROM audit_log "
      "WHERE seq = 1) "
      "WHERE seq = 2");
  auto recent = log_->recent(3);
  ASSERT_FALSE(recent);
  EXPECT_EQ(recent.error().code, "crypto.open_failed");
}

struct TamperCase {
  std::string name;
  std::function<void(AuditLogTest&)> tamper;
  std::optional<std::int64_t> first_bad_seq;
  std::string problem;  // a substring of the report's sentence
};

class AuditTamperTest : public AuditLogTest {};

TEST_P(AuditTamperTest, DetectsAndLocatesTampering) {
  const crypto::Keyring other = crypto::Keyring::generate();
  const std::vector<TamperCase> cases = {
      {"modified action",
       [](AuditLogTest& t) {
         t.exec("UPDATE audit_log SET action = 'auth.logout' WHERE seq = 12");
       },
       12, "entry 12 was modified or reordered"},
      {"modified details",
       [](AuditLogTest& t) { t.exec("UPDATE audit_log SET details = '{}' WHERE seq = 3"); }, 3,
       "entry 3 was modified or reordered"},
      {"deleted middle entry",
       [](AuditLogTest& t) { t.exec("DELETE FROM audit_log WHERE seq = 15"); }, 15,
       "entry 15 is missing"},
      {"deleted middle entries",
       [](AuditLogTest& t) { t.exec("DELETE FROM audit_log WHERE seq >= 15 AND seq <= 17"); }, 15,
       "entries 15 to 17 are missing"},
      {"deleted and renumbered",
       [](AuditLogTest& t) {
         t.exec("DELETE FROM audit_log WHERE seq = 28");
         for (int seq = 29; seq <= 32; ++seq) {
           t.exec("UPDATE audit_log SET seq = $1 WHERE seq = $2",
                  {std::int64_t{seq - 1}, std::int64_t{seq}});
         }
       },
       28, "entry 28 was modified or reordered"},
      {"swapped seq",
       [](AuditLogTest& t) {
         t.exec("UPDATE audit_log SET seq = -5 WHERE seq = 5");
         t.exec("UPDATE audit_log SET seq = 5 WHERE seq = 6");
         t.exec("UPDATE audit_log SET seq = 6 WHERE seq = -5");
       },
       5, "entry 5 was modified or reordered"},
      {"swapped rows with their hashes",
       [](AuditLogTest& t) {
         // Whole rows, hashes included, trade places: each is still internally consistent under its
         // old seq, but seq is hashed.
         t.exec("UPDATE audit_log SET seq = -1 WHERE seq = 9");
         t.exec("UPDATE audit_log SET seq = 9 WHERE seq = 8");
         t.exec("UPDATE audit_log SET seq = 8 WHERE seq = -1");
       },
       8, "entry 8 was modified or reordered"},
      {"deleted tail covered by a checkpoint",
       [](AuditLogTest& t) { t.exec("DELETE FROM audit_log WHERE seq > 25"); }, 26,
       "entries 26 to 30 were deleted"},
      {"deleted tail with the head rolled back",
       [](AuditLogTest& t) {
         t.exec("DELETE FROM audit_log WHERE seq > 25");
         t.exec(
             "UPDATE audit_head SET last_seq = 25, "
             "last_hash = (SELECT entry_hash FROM audit_log WHERE seq = 25) WHERE id = 1");
       },
       26, "entries 26 to 30 were deleted"},
      {"rolled-back head",
       [](AuditLogTest& t) {
         t.exec(
             "UPDATE audit_head SET last_seq = 31, last_hash = (SELECT entry_hash FROM audit_log "
             "WHERE seq = 31) "
             "WHERE id = 1");
       },
       32, "exist beyond the audit head"},
      {"rewritten and re-hashed after a checkpoint was signed",
       [](AuditLogTest& t) {
         t.exec("UPDATE audit_log SET outcome = 'success' WHERE seq = 13");
         t.rewrite_chain_from(13);
       },
       11, "entries 11 to 20 do not match the signed checkpoint at entry 20"},
      {"modified checkpoint hash",
       [](AuditLogTest& t) {
         t.exec(
             "UPDATE audit_checkpoints SET head_hash = (SELECT entry_hash FROM audit_log WHERE seq "
             "= 19) "
             "WHERE seq = 20");
       },
       std::nullopt, "checkpoint at entry 20 was forged or modified"},
      {"forged checkpoint under the forger's own key id",
       [&other](AuditLogTest& t) {
         // A checkpoint signed with someone else's key, over a rewritten head.
         t.forge_checkpoint_over_rewritten_tail(other, crypto::Signer(other).key_id());
       },
       std::nullopt, "checkpoint at entry 32 names a signing key this keyring never held"},
      {"forged checkpoint claiming the real key id",
       [&other](AuditLogTest& t) {
         t.forge_checkpoint_over_rewritten_tail(other, t.keyring_.signing_key_id());
       },
       std::nullopt, "checkpoint at entry 32 was forged or modified"},
      {"checkpoint key id changed",
       [&other](AuditLogTest& t) {
         t.exec("UPDATE audit_checkpoints SET key_id = $1 WHERE seq = 20",
                {crypto::Signer(other).key_id()});
       },
       std::nullopt, "checkpoint at entry 20 names a signing key this keyring never held"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    // A fresh log per case: 32 entries, checkpoints at 10, 20, 30 (in append) and none later.
    TearDown();
    SetUp();
    append_many(32);
    ASSERT_TRUE(verify().intact);
    c.tamper(*this);
    const auto report = verify();
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.first_bad_seq, c.first_bad_seq);
    EXPECT_NE(report.problem.find(c.problem), std::string::npos) << report.problem;
    EXPECT_EQ(report.problem.find("203.0.113"), std::string::npos);
  }
}

// The signing key is rotated twice while the log grows: every checkpoint records its key id and
// verifies with the key that signed it, which the keyring keeps (public half) after rotation.
TEST_P(AuditLogTest, CheckpointsSignedBeforeAKeyRotationStillVerify) {
  append_many(12);  // checkpoint at 10, first key
  const std::string first_key_id = keyring_.signing_key_id();
  const std::string first_public_key = keyring_.signing_public_key();
  keyring_.rotate_signing_key();
  append_many(10);  // checkpoint at 20, second key
  keyring_.rotate_signing_key();
  ASSERT_TRUE(log_->write_checkpoint());  // checkpoint at 22, third key

  auto signers = db().execute("SELECT seq, key_id FROM audit_checkpoints ORDER BY seq");
  ASSERT_TRUE(signers);
  ASSERT_EQ(signers->rows.size(), 3u);
  EXPECT_EQ(signers->rows[0].text(1), first_key_id);
  EXPECT_EQ(signers->rows[1].text(1), keyring_.retired_signing_keys()[1].key_id);
  EXPECT_EQ(signers->rows[2].text(1), keyring_.signing_key_id());

  const auto report = verify();
  EXPECT_TRUE(report.intact) << report.problem;
  EXPECT_EQ(report.entries, 22);
  EXPECT_EQ(report.checkpoints, 3);

  // The same log through the keyring file: the retired public keys travel with it.
  auto reloaded = crypto::Keyring::from_json(keyring_.to_json());
  ASSERT_TRUE(reloaded);
  auto from_file = verify_audit_log(db(), *reloaded);
  ASSERT_TRUE(from_file);
  EXPECT_TRUE(from_file->intact) << from_file->problem;

  struct Case {
    const char* name;
    std::function<Result<VerifyReport>()> run;
    std::string problem;
  };
  const Case cases[] = {
      {"only the current public key",
       [&] { return verify_audit_log(db(), keyring_.signing_public_key()); },
       "checkpoint at entry 10 names a signing key this keyring never held"},
      {"only the first public key",
       [&] { return verify_audit_log(db(), first_public_key); },
       "checkpoint at entry 20 names a signing key this keyring never held"},
      {"a keyring that lost its retired keys",
       [&]() -> Result<VerifyReport> {
         auto doc = nlohmann::json::parse(keyring_.to_json());
         doc.erase("retired_signing_public_keys");
         SIMREG_TRY_ASSIGN(auto stripped, crypto::Keyring::from_json(doc.dump()));
         return verify_audit_log(db(), stripped);
       },
       "checkpoint at entry 10 names a signing key this keyring never held"},
      {"an unrelated keyring",
       [&] { return verify_audit_log(db(), crypto::Keyring::generate()); },
       "checkpoint at entry 10 names a signing key this keyring never held"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto result = c.run();
    ASSERT_TRUE(result) << result.error().detail;
    EXPECT_FALSE(result->intact);
    EXPECT_FALSE(result->first_bad_seq.has_value());
    EXPECT_NE(result->problem.find(c.problem), std::string::npos) << result->problem;
  }
}

TEST_P(AuditLogTest, ConcurrentAppendsStayGaplessAndVerify) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        if (!log_->append(event(i, "sub_" + std::to_string(t)))) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  auto seqs = db().execute("SELECT seq FROM audit_log ORDER BY seq");
  ASSERT_TRUE(seqs);
  ASSERT_EQ(seqs->rows.size(), std::size_t{kThreads * kPerThread});
  for (std::size_t i = 0; i < seqs->rows.size(); ++i)
    EXPECT_EQ(seqs->rows[i].integer(0), std::int64_t(i + 1));
  const auto report = verify();
  EXPECT_TRUE(report.intact) << report.problem;
  EXPECT_EQ(report.entries, kThreads * kPerThread);
  EXPECT_EQ(report.checkpoints, kThreads * kPerThread / 10);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditLogTest, ::testing::Values(Engine::sqlite, Engine::postgres),
                         [](const auto& info) { return db::testing::engine_name(info.param); });
INSTANTIATE_TEST_SUITE_P(Engines, AuditTamperTest,
                         ::testing::Values(Engine::sqlite, Engine::postgres),
                         [](const auto& info) { return db::testing::engine_name(info.param); });

}  // namespace
}  // namespace simreg::audit

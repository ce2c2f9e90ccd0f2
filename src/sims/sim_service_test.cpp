// SimService against real SQLite and PostgreSQL, with the real codes, outbox and audit log.
#include "sims/sim_service.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include <fmt/format.h>

#include "sims/sims_test_support.hpp"

namespace simreg::sims {
namespace {

using db::testing::Engine;

class SimServiceTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    auto opened = fixture_.open(GetParam());
    if (!opened && opened.error().code == "test.no_postgres")
      GTEST_SKIP() << "SIMREG_TEST_PG_URL not set";
    ASSERT_TRUE(opened) << opened.error().detail;
    audit_ = std::make_unique<audit::AuditLog>(db(), fixture_.keyring, fixture_.clock);
    outbox_ =
        std::make_unique<notify::Outbox>(db(), fixture_.sealer, fixture_.indexer, fixture_.clock);
    codes_ = std::make_unique<accounts::OneTimeCodes>(fixture_.indexer, fixture_.clock);
    service_ = std::make_unique<SimService>(SimServiceDeps{
        db(), fixture_.sealer, fixture_.indexer, *codes_, *outbox_, *audit_, fixture_.clock, "CN"});
    alice_ = subscriber("alice");
    bob_ = subscriber("bob");
  }

  db::Database& db() { return fixture_.db(); }

  std::string subscriber(const std::string& name) {
    const std::string id = "sub_" + name;
    auto inserted = db().execute(
        "INSERT INTO subscribers (id, email_index, email_sealed, password_hash, email_verified, "
        "locale, created_at, "
        "updated_at) VALUES ($1, $2, $3, 'x', 1, 'en', 0, 0)",
        {id, "index_" + name, db::Bytes{"sealed"}});
    EXPECT_TRUE(inserted);
    return id;
  }

  // A stocked line's E.164 number.
  std::string stocked() {
    const std::string msisdn = values_.msisdn();
    EXPECT_TRUE(fixture_.stock({{msisdn, values_.iccid()}}));
    return msisdn;
  }

  std::vector<notify::OutboxEntry> sms_to(const std::string& msisdn) {
    auto entries = outbox_->list(msisdn, 100);
    EXPECT_TRUE(entries);
    return entries ? *entries : std::vector<notify::OutboxEntry>{};
  }

  std::string latest_code(const std::string& msisdn) {
    for (const auto& entry : sms_to(msisdn)) {
      std::smatch match;
      if (std::regex_search(entry.body, match, std::regex("\\b(\\d{6})\\b"))) return match[1];
    }
    return "";
  }

  static std::string wrong(const std::string& code) {
    return code == "000000" ? "111111" : "000000";
  }

  Result<Line> link(const std::string& subscriber_id, const std::string& msisdn) {
    SIMREG_TRY(service_->link_request(subscriber_id, msisdn, "en", meta_));
    return service_->link_confirm(subscriber_id, msisdn, latest_code(msisdn), meta_);
  }

  Result<void> set_status(const std::vector<std::string>& ids, std::string_view status,
                          std::optional<std::string> holder = std::nullopt,
                          std::optional<std::string> application = std::nullopt) {
    return db().transaction([&](db::Session& tx) {
      return service_->set_status(tx, ids, status, "staff", "stf_1", "test.reason", holder,
                                  application);
    });
  }

  std::int64_t count(const std::string& sql, const std::vector<db::Value>& params = {}) {
    auto rows = db().execute(sql, params);
    EXPECT_TRUE(rows);
    return rows ? rows->first().integer(0) : -1;
  }

  testing::StorageFixture fixture_;
  testing::InventoryValues values_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<notify::Outbox> outbox_;
  std::unique_ptr<accounts::OneTimeCodes> codes_;
  std::unique_ptr<SimService> service_;
  const RequestMeta meta_{"203.0.113.9", "req-sims"};
  std::string alice_, bob_;
};

TEST_P(SimServiceTest, LinksALineWithTheSmsCode) {
  const std::string msisdn = stocked();
  const std::string national = msisdn.substr(3);
  auto started = service_->link_request(
      alice_, "+86 " + national.substr(0, 3) + " " + national.substr(3), "zh-CN", meta_);
  ASSERT_TRUE(started) << started.error().code;
  EXPECT_EQ(started->msisdn, msisdn);
  EXPECT_EQ(started->expires_in_seconds, 300);
  EXPECT_EQ(started->resend_after_seconds, 60);
  const auto messages = sms_to(msisdn);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].channel, notify::Channel::sms);
  EXPECT_EQ(messages[0].template_id, "sim_link_code");
  EXPECT_NE(messages[0].body.find("验证码"), std::string::npos) << "the caller's language";
  const std::string code = latest_code(msisdn);
  ASSERT_EQ(code.size(), 6u);

  auto line = service_->link_confirm(alice_, national, code, meta_);
  ASSERT_TRUE(line) << line.error().code;
  EXPECT_EQ(line->msisdn, msisdn);
  EXPECT_EQ(line->status, "unregistered");
  EXPECT_EQ(line->subscriber_id, alice_);
  EXPECT_EQ(line->linked_at_ms, testing::kTestNow);
  auto mine = service_->lines_of(alice_);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().id, line->id);
  auto bobs = service_->lines_of(bob_);
  ASSERT_TRUE(bobs);
  EXPECT_TRUE(bobs->empty());

  // The code is used up; linking the own line again is harmless.
  auto reused = service_->link_confirm(alice_, msisdn, code, meta_);
  ASSERT_FALSE(reused);
  EXPECT_EQ(reused.error().code, "sims.code_invalid");
  fixture_.clock.advance_ms(61'000);
  auto again = link(alice_, msisdn);
  ASSERT_TRUE(again) << again.error().code;
  EXPECT_EQ(again->id, line->id);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'sims.line_linked' AND actor_id = $1",
            {alice_}),
      1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'sims.link_code_requested'"), 2);
}

TEST_P(SimServiceTest, UnknownNumbersGetTheSameAnswerAndNoSms) {
  const std::string known = stocked();
  const std::string unknown = values_.msisdn();
  auto known_started = service_->link_request(alice_, known, "en", meta_);
  auto unknown_started = service_->link_request(alice_, unknown, "en", meta_);
  ASSERT_TRUE(known_started);
  ASSERT_TRUE(unknown_started);
  EXPECT_EQ(unknown_started->msisdn, unknown);
  EXPECT_EQ(unknown_started->expires_in_seconds, known_started->expires_in_seconds);
  EXPECT_EQ(unknown_started->resend_after_seconds, known_started->resend_after_seconds);
  EXPECT_EQ(sms_to(known).size(), 1u);
  EXPECT_TRUE(sms_to(unknown).empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 1);
  // Resend limits apply to unknown numbers alike.
  auto repeated = service_->link_request(alice_, unknown, "en", meta_);
  ASSERT_FALSE(repeated);
  EXPECT_EQ(repeated.error().code, "sims.resend_too_soon");

  const std::string code = latest_code(known);
  auto wrong_code = service_->link_confirm(alice_, known, wrong(code), meta_);
  auto no_line = service_->link_confirm(alice_, unknown, code, meta_);
  ASSERT_FALSE(wrong_code);
  ASSERT_FALSE(no_line);
  EXPECT_EQ(wrong_code.error().code, "sims.code_invalid");
  EXPECT_EQ(no_line.error().code, wrong_code.error().code);
  EXPECT_EQ(no_line.error().detail, wrong_code.error().detail);
  EXPECT_EQ(no_line.error().kind, ErrorKind::unprocessable);
}

TEST_P(SimServiceTest, RefusesWhatIsNoMobileNumberOfTheCountry) {
  struct Case {
    std::string text;
    std::string code;
  };
  const Case cases[] = {{"12345", "msisdn.invalid"},
                        {"not a number", "msisdn.invalid"},
                        {"+86 139 1234", "msisdn.invalid"},
                        {"+8601012345678", "msisdn.invalid"},
                        {"+447911123456", "msisdn.wrong_country"}};
  for (const auto& c : cases) {
    auto started = service_->link_request(alice_, c.text, "en", meta_);
    ASSERT_FALSE(started) << c.text;
    EXPECT_EQ(started.error().code, "validation.failed");
    ASSERT_EQ(started.error().fields.size(), 1u);
    EXPECT_EQ(started.error().fields[0].field, "/msisdn");
    EXPECT_EQ(started.error().fields[0].code, c.code) << c.text;
    EXPECT_EQ(started.error().fields[0].message.find(c.text), std::string::npos);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM one_time_codes"), 0);
}

TEST_P(SimServiceTest, ResendLimitThenANewCode) {
  const std::string msisdn = stocked();
  ASSERT_TRUE(service_->link_request(alice_, msisdn, "en", meta_));
  const std::string first = latest_code(msisdn);
  fixture_.clock.advance_ms(20'000);
  auto soon = service_->link_request(alice_, msisdn, "en", meta_);
  ASSERT_FALSE(soon);
  EXPECT_EQ(soon.error().code, "sims.resend_too_soon");
  EXPECT_EQ(soon.error().kind, ErrorKind::rate_limited);
  EXPECT_EQ(soon.error().retry_after_seconds, 40);
  EXPECT_EQ(sms_to(msisdn).size(), 1u);
  // Another account's request for the same number has its own limit.
  EXPECT_TRUE(service_->link_request(bob_, msisdn, "en", meta_));
  fixture_.clock.advance_ms(40'000);
  ASSERT_TRUE(service_->link_request(alice_, msisdn, "en", meta_));
  const std::string second = latest_code(msisdn);
  if (first != second) {
    auto old = service_->link_confirm(alice_, msisdn, first, meta_);
    ASSERT_FALSE(old);
    EXPECT_EQ(old.error().code, "sims.code_invalid") << "a new code retires the old one";
  }
  EXPECT_TRUE(service_->link_confirm(alice_, msisdn, second, meta_));
}

TEST_P(SimServiceTest, FiveWrongCodesVoidTheCode) {
  const std::string msisdn = stocked();
  ASSERT_TRUE(service_->link_request(alice_, msisdn, "en", meta_));
  const std::string code = latest_code(msisdn);
  for (int i = 0; i < 5; ++i) {
    auto attempt = service_->link_confirm(alice_, msisdn, wrong(code), meta_);
    ASSERT_FALSE(attempt);
    EXPECT_EQ(attempt.error().code, "sims.code_invalid") << i;
  }
  fixture_.clock.advance_ms(10'000);
  auto blocked = service_->link_confirm(alice_, msisdn, code, meta_);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, "sims.too_many_attempts");
  EXPECT_EQ(blocked.error().kind, ErrorKind::rate_limited);
  EXPECT_EQ(blocked.error().retry_after_seconds, 50);
  auto lines = service_->lines_of(alice_);
  ASSERT_TRUE(lines);
  EXPECT_TRUE(lines->empty());
}

TEST_P(SimServiceTest, CodesExpireAfterFiveMinutesAndAreBoundToAccountAndNumber) {
  const std::string msisdn = stocked();
  const std::string other = stocked();
  ASSERT_TRUE(service_->link_request(alice_, msisdn, "en", meta_));
  const std::string code = latest_code(msisdn);
  for (const auto& [who, number] : {std::pair{bob_, msisdn}, std::pair{alice_, other}}) {
    auto misused = service_->link_confirm(who, number, code, meta_);
    ASSERT_FALSE(misused);
    EXPECT_EQ(misused.error().code, "sims.code_invalid");
  }
  for (const std::string malformed : {"", "12345", "1234567", "12345a"}) {
    auto bad = service_->link_confirm(alice_, msisdn, malformed, meta_);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, "sims.code_invalid") << malformed;
  }
  fixture_.clock.advance_ms(300'001);
  auto expired = service_->link_confirm(alice_, msisdn, code, meta_);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, "sims.code_invalid");
}

TEST_P(SimServiceTest, ALineOfAnotherPersonCannotBeClaimed) {
  const std::string msisdn = stocked();
  auto line = link(alice_, msisdn);
  ASSERT_TRUE(line);
  ASSERT_TRUE(set_status({line->id}, "pending", "holder_alice", "app_alice"));
  for (const std::string status : {"pending", "registered"}) {
    if (status == "registered") {
      ASSERT_TRUE(set_status({line->id}, "registered"));
    }
    fixture_.clock.advance_ms(61'000);
    auto claimed = link(bob_, msisdn);
    ASSERT_FALSE(claimed) << status;
    EXPECT_EQ(claimed.error().code, "sims.held_by_another_person") << status;
    EXPECT_EQ(claimed.error().kind, ErrorKind::conflict);
  }
  auto alices = service_->lines_of(alice_);
  ASSERT_TRUE(alices);
  ASSERT_EQ(alices->size(), 1u);
  EXPECT_EQ(alices->front().holder_index, "holder_alice");
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'sims.link_refused' AND actor_id = $1",
            {bob_}),
      2);
}

TEST_P(SimServiceTest, AnUnregisteredLineMovesToWhoeverHoldsTheSim) {
  const std::string msisdn = stocked();
  auto line = link(alice_, msisdn);
  ASSERT_TRUE(line);
  fixture_.clock.advance_ms(1000);
  auto taken = link(bob_, msisdn);
  ASSERT_TRUE(taken) << taken.error().code;
  EXPECT_EQ(taken->id, line->id);
  EXPECT_EQ(taken->subscriber_id, bob_);
  auto alices = service_->lines_of(alice_);
  ASSERT_TRUE(alices);
  EXPECT_TRUE(alices->empty());
}

TEST_P(SimServiceTest, FrozenAndCancelledLinesAreUnavailable) {
  const std::string frozen = stocked();
  const std::string cancelled = stocked();
  auto rows = db().execute("SELECT id FROM sim_lines ORDER BY id");
  ASSERT_TRUE(rows);
  ASSERT_TRUE(set_status({rows->rows[0].text(0)}, "frozen"));
  ASSERT_TRUE(set_status({rows->rows[1].text(0)}, "cancelled"));
  for (const auto& msisdn : {frozen, cancelled}) {
    auto claimed = link(alice_, msisdn);
    ASSERT_FALSE(claimed);
    EXPECT_EQ(claimed.error().code, "sims.line_unavailable");
  }
}

TEST_P(SimServiceTest, LinesForAnApplicationMustBeTheCallers) {
  auto mine = link(alice_, stocked());
  auto mine_too = link(alice_, stocked());
  auto bobs = link(bob_, stocked());
  ASSERT_TRUE(mine && mine_too && bobs);
  struct Case {
    std::string name;
    std::vector<std::string> ids;
    std::vector<std::pair<std::string, std::string>> errors;  // field, code
  };
  const Case cases[] = {
      {"own lines in order", {mine_too->id, mine->id}, {}},
      {"none", {}, {}},
      {"another's line", {mine->id, bobs->id}, {{"/line_ids/1", "line.not_found"}}},
      {"unknown", {"sim_nope"}, {{"/line_ids/0", "line.not_found"}}},
      {"twice", {mine->id, mine->id}, {{"/line_ids/1", "line.duplicate"}}},
  };
  for (const auto& c : cases) {
    Result<std::vector<Line>> lines = std::vector<Line>{};
    ASSERT_TRUE(db().transaction([&](db::Session& tx) -> Result<void> {
      lines = service_->lines_for_application(tx, alice_, c.ids);
      return success();
    }));
    if (c.errors.empty()) {
      ASSERT_TRUE(lines) << c.name;
      ASSERT_EQ(lines->size(), c.ids.size()) << c.name;
      for (std::size_t i = 0; i < c.ids.size(); ++i) EXPECT_EQ((*lines)[i].id, c.ids[i]) << c.name;
      continue;
    }
    ASSERT_FALSE(lines) << c.name;
    EXPECT_EQ(lines.error().code, "validation.failed");
    std::vector<std::pair<std::string, std::string>> got;
    for (const auto& field : lines.error().fields) got.emplace_back(field.field, field.code);
    EXPECT_EQ(got, c.errors) << c.name;
  }
}

TEST_P(SimServiceTest, StatusChangesFollowTheTableAndAreRecorded) {
  auto first = link(alice_, stocked());
  auto second = link(alice_, stocked());
  ASSERT_TRUE(first && second);
  const std::vector<std::string> both = {first->id, second->id};
  ASSERT_TRUE(set_status(both, "pending", "holder_1", "app_1"));
  auto lines = service_->lines_of(alice_);
  ASSERT_TRUE(lines);
  for (const auto& line : *lines) {
    EXPECT_EQ(line.status, "pending");
    EXPECT_EQ(line.holder_index, "holder_1");
    EXPECT_EQ(line.application_id, "app_1");
  }
  // One line may not move: neither does the other.
  ASSERT_TRUE(set_status({second->id}, "restricted"));
  auto refused = set_status(both, "registered");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "sims.status_transition");
  EXPECT_EQ(refused.error().kind, ErrorKind::conflict);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sim_lines WHERE status = 'registered'"), 0);
  // Staying in a status is no transition and writes no history.
  ASSERT_TRUE(set_status({first->id}, "pending"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM sim_status_history WHERE line_id = $1", {first->id}), 1);
  ASSERT_TRUE(set_status({first->id}, "registered"));
  auto history = db().execute(
      "SELECT from_status, to_status, actor_kind, actor_id, reason, at FROM sim_status_history "
      "WHERE line_id = $1 "
      "ORDER BY at, to_status",
      {first->id});
  ASSERT_TRUE(history);
  ASSERT_EQ(history->rows.size(), 2u);
  EXPECT_EQ(history->rows[1].text(0), "pending");
  EXPECT_EQ(history->rows[1].text(1), "registered");
  EXPECT_EQ(history->rows[1].text(2), "staff");
  EXPECT_EQ(history->rows[1].text(3), "stf_1");
  EXPECT_EQ(history->rows[1].text(4), "test.reason");

  auto unknown = set_status({"sim_nope"}, "pending");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, "sims.line_not_found");
  EXPECT_FALSE(set_status({first->id}, "active"));
  auto bad_actor = db().transaction([&](db::Session& tx) {
    return service_->set_status(tx, {first->id}, "frozen", "robot", "", "x");
  });
  EXPECT_FALSE(bad_actor);
}

TEST_P(SimServiceTest, NoPlaintextNumberInTheDatabase) {
  const std::string msisdn = stocked();
  ASSERT_TRUE(link(alice_, msisdn));
  ASSERT_TRUE(service_->link_request(bob_, msisdn, "en", meta_));  // a pending code too
  const std::string national = msisdn.substr(3);
  if (GetParam() == Engine::sqlite) {
    fixture_.test_db->db.reset();  // closed: every page is in the main file (or its WAL)
    for (const std::string suffix : {"", "-wal"}) {
      std::ifstream file(fixture_.test_db->url + suffix, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(file)),
                              std::istreambuf_iterator<char>());
      EXPECT_EQ(bytes.find(national), std::string::npos) << suffix;
    }
    return;
  }
  // PostgreSQL: every row of every table this flow writes, as text (bytea shows as hex).
  std::string hex;
  for (const unsigned char c : national) hex += fmt::format("{:02x}", c);
  for (const std::string table :
       {"sim_lines", "sim_status_history", "one_time_codes", "outbox", "audit_log"}) {
    auto rows = db().execute("SELECT CAST(t AS TEXT) FROM " + table + " t");
    ASSERT_TRUE(rows) << table;
    for (const auto& row : rows->rows) {
      EXPECT_EQ(row.text(0).find(national), std::string::npos) << table;
      EXPECT_EQ(row.text(0).find(hex), std::string::npos) << table;
    }
  }
}

// Records what set_status publishes, in the caller's transaction.
class RecordingPublisher : public webhooks::EventPublisher {
 public:
  Result<void> publish(db::Session&, std::string_view type, const nlohmann::json& data) override {
    events.push_back({std::string(type), data});
    return success();
  }
  std::vector<std::pair<std::string, nlohmann::json>> events;
};

TEST_P(SimServiceTest, PublishesOneEventPerLineWhoseStatusChanged) {
  RecordingPublisher publisher;
  SimService publishing(SimServiceDeps{db(), fixture_.sealer, fixture_.indexer, *codes_, *outbox_, *audit_,
                                       fixture_.clock, "CN", &publisher});
  auto first = link(alice_, stocked());
  auto second = link(alice_, stocked());
  ASSERT_TRUE(first && second);
  ASSERT_TRUE(set_status({first->id}, "pending", "holder_1", "app_1"));  // without a publisher: nothing
  EXPECT_TRUE(publisher.events.empty());
  ASSERT_TRUE(db().transaction([&](db::Session& tx) {
    publisher.events.clear();  // a retried transaction publishes again, into the same transaction
    return publishing.set_status(tx, {first->id, second->id}, "pending", "staff", "stf_1", "test.reason",
                                 std::nullopt, std::string("app_2"));
  }));
  ASSERT_EQ(publisher.events.size(), 1u);  // the first line was already pending
  EXPECT_EQ(publisher.events[0].first, "sim.status_changed");
  EXPECT_EQ(publisher.events[0].second,
            (nlohmann::json{{"line_id", second->id}, {"previous_status", "unregistered"}, {"status", "pending"},
                            {"application_id", "app_2"}}));
  ASSERT_TRUE(db().transaction([&](db::Session& tx) {
    publisher.events.clear();
    return publishing.set_status(tx, {first->id}, "registered", "staff", "stf_1", "test.reason");
  }));
  ASSERT_EQ(publisher.events.size(), 1u);
  EXPECT_EQ(publisher.events[0].second["previous_status"], "pending");
  // The line's own application: set_status stored app_2 on it, although it was already pending.
  EXPECT_EQ(publisher.events[0].second["application_id"], "app_2");
}

INSTANTIATE_TEST_SUITE_P(Engines, SimServiceTest,
                         ::testing::Values(Engine::sqlite, Engine::postgres),
                         db::testing::EngineParamName());

}  // namespace
}  // namespace simreg::sims

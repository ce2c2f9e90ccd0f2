// RegistrationService on both engines with real keys, a real blob store and real lines linked by
// SMS code. Image uploads are covered end to end by the functional tests (real photographs);
// here documents are recorded through the store so submission rules can be tested exactly.
#include "registration/registration_service.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "registration/registration_test_support.hpp"

namespace simreg::registration {
namespace {

using db::testing::Engine;

const RequestMeta kMeta{"192.0.2.10", "req-test"};

using testing::cn_resident_id;

class RegistrationServiceTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    auto opened = ground_.open(GetParam());
    if (!opened && opened.error().code == "test.no_postgres") GTEST_SKIP() << "SIMREG_TEST_PG_URL not set";
    ASSERT_TRUE(opened) << opened.error().detail;
    service_ = std::make_unique<RegistrationService>(RegistrationServiceDeps{
        ground_.storage.db(), ground_.storage.sealer, ground_.storage.indexer, *ground_.audit, *ground_.blobs,
        *ground_.sims, *ground_.profile, ground_.storage.clock, imaging::ImageLimits{}, slots_});
  }

  std::vector<std::string> linked_lines(const std::string& subscriber, int count) {
    return ground_.linked_lines(subscriber, count, kMeta);
  }

  nlohmann::json valid_identity() {
    return {{"full_name", "张三"},
            {"date_of_birth", "1990-03-07"},
            {"sex", "M"},
            {"nationality", "CN"},
            {"address", "北京市东城区东长安街 1 号"},
            {"document_type", "cn_resident_id"},
            {"document_number", cn_resident_id("11010119900307001")},
            {"document_expiry", "2035-01-01"},
            {"contact_phone", "+8613800138000"}};
  }

  void record_documents(const Application& started) { ground_.record_documents(*service_, started); }


  testing::RegistrationGround ground_;
  ConcurrencyLimiter slots_{2};
  std::unique_ptr<RegistrationService> service_;
};

std::string describe(const Error& error) {
  std::string out = error.code + " " + error.detail;
  for (const auto& e : error.fields) out += " [" + e.field + " " + e.code + "]";
  return out;
}

bool has_field_error(const Error& error, const std::string& field, const std::string& code) {
  for (const auto& e : error.fields) {
    if (e.field == field && e.code == code) return true;
  }
  return false;
}

TEST_P(RegistrationServiceTest, StartsOneDraftPerSubscriber) {
  const auto lines = linked_lines("sub-a", 1);
  auto app = service_->start("sub-a", lines, kMeta);
  ASSERT_TRUE(app) << app.error().code;
  EXPECT_EQ(app->status, ApplicationStatus::draft);
  EXPECT_EQ(app->line_ids, lines);
  ASSERT_EQ(app->history.size(), 1u);

  auto again = service_->start("sub-a", lines, kMeta);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "applications.draft_exists");
  EXPECT_EQ(again.error().extensions.at("application_id"), app->id);
}

TEST_P(RegistrationServiceTest, ALineRestrictedAfterItsDeadlineCanStillBeRegisteredButNotAPendingOne) {
  const auto lines = linked_lines("sub-a", 2);
  ASSERT_TRUE(ground_.storage.db().transaction([&](db::Session& tx) {
    return ground_.sims->set_status(tx, {lines[0]}, "restricted", "system", "", "registration_deadline_passed");
  }));
  ASSERT_TRUE(ground_.storage.db().transaction([&](db::Session& tx) {
    return ground_.sims->set_status(tx, {lines[1]}, "pending", "system", "", "test");
  }));
  auto refused = service_->start("sub-a", lines, kMeta);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field_error(refused.error(), "/line_ids", "line.not_available")) << describe(refused.error());
  auto started = service_->start("sub-a", {lines[0]}, kMeta);
  ASSERT_TRUE(started) << describe(started.error());
}

TEST_P(RegistrationServiceTest, LinesOfAnotherSubscriberAreRefused) {
  const auto lines = linked_lines("sub-a", 1);
  auto app = service_->start("sub-b", lines, kMeta);
  ASSERT_FALSE(app);
  EXPECT_TRUE(has_field_error(app.error(), "/line_ids/0", "line.not_found")) << describe(app.error());
}

TEST_P(RegistrationServiceTest, AnInvalidPatchSavesNothing) {
  const auto lines = linked_lines("sub-a", 1);
  auto app = service_->start("sub-a", lines, kMeta);
  ASSERT_TRUE(app);
  auto saved = service_->update("sub-a", app->id, {{"identity", {{"full_name", "李四"}}}}, kMeta);
  ASSERT_TRUE(saved) << saved.error().code;

  auto identity = valid_identity();
  identity["full_name"] = "王五";
  identity["document_number"] = "110101199003070010";  // wrong check digit
  auto rejected = service_->update("sub-a", app->id, {{"identity", identity}}, kMeta);
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.error().code, "validation.failed");
  EXPECT_TRUE(has_field_error(rejected.error(), "/identity/document_number", "id.check_digit"));

  auto now = service_->get("sub-a", app->id);
  ASSERT_TRUE(now);
  EXPECT_EQ(now->identity.full_name, std::optional<std::string>("李四"));
  EXPECT_FALSE(now->identity.document_number.has_value());
}

TEST_P(RegistrationServiceTest, CrossFieldRulesAndUnknownFields) {
  const auto lines = linked_lines("sub-a", 1);
  auto app = service_->start("sub-a", lines, kMeta);
  ASSERT_TRUE(app);
  struct Case {
    nlohmann::json patch;
    std::string field;
    std::string code;
  };
  auto mismatched_dob = valid_identity();
  mismatched_dob["date_of_birth"] = "1990-03-08";
  auto mismatched_sex = valid_identity();
  mismatched_sex["sex"] = "F";
  auto expired = valid_identity();
  expired["document_expiry"] = "2020-01-01";
  auto minor = valid_identity();
  minor["date_of_birth"] = "2015-06-01";
  minor["document_number"] = cn_resident_id("11010120150601002");
  const std::vector<Case> cases{
      {{{"identity", mismatched_dob}}, "/identity/document_number", "id.birth_date_mismatch"},
      {{{"identity", mismatched_sex}}, "/identity/document_number", "id.sex_mismatch"},
      {{{"identity", expired}}, "/identity/document_expiry", "document.expired"},
      {{{"identity", minor}}, "/identity/date_of_birth", "age.under_minimum"},
      {{{"identity", {{"eye_colour", "brown"}}}}, "/identity/eye_colour", "field.unknown"},
      {{{"identity", {{"full_name", 42}}}}, "/identity/full_name", "field.invalid"},
      {{{"nickname", "x"}}, "/nickname", "field.unknown"},
  };
  for (const auto& c : cases) {
    auto result = service_->update("sub-a", app->id, c.patch, kMeta);
    ASSERT_FALSE(result) << c.patch.dump();
    EXPECT_TRUE(has_field_error(result.error(), c.field, c.code)) << c.patch.dump() << " → " << [&] {
      std::string all;
      for (const auto& e : result.error().fields) all += e.field + ":" + e.code + " ";
      return all;
    }();
  }
}

TEST_P(RegistrationServiceTest, IdentityIsSealedAtRest) {
  const auto lines = linked_lines("sub-a", 1);
  auto app = service_->start("sub-a", lines, kMeta);
  ASSERT_TRUE(app);
  ASSERT_TRUE(service_->update("sub-a", app->id, {{"identity", valid_identity()}}, kMeta));
  auto raw = ground_.storage.db().execute("SELECT full_name_sealed, document_number_sealed, document_type, "
                                   "document_number_index FROM applications WHERE id = $1",
                                   {app->id});
  ASSERT_TRUE(raw);
  const auto& row = raw->first();
  EXPECT_EQ(row.bytes(0).find("张三"), std::string::npos);
  EXPECT_EQ(row.bytes(1).find("110101199003070"), std::string::npos);
  EXPECT_EQ(row.text(2), "cn_resident_id");
  EXPECT_FALSE(row.text(3).empty());
  // Moving a sealed value to another row does not open.
  auto other = service_->get("sub-a", app->id);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->identity.full_name, std::optional<std::string>("张三"));
}

TEST_P(RegistrationServiceTest, SubmissionListsEverythingMissing) {
  const auto lines = linked_lines("sub-a", 1);
  auto app = service_->start("sub-a", lines, kMeta);
  ASSERT_TRUE(app);
  auto identity = valid_identity();
  identity.erase("address");
  ASSERT_TRUE(service_->update("sub-a", app->id, {{"identity", identity}}, kMeta));
  auto submitted = service_->submit("sub-a", app->id, false, kMeta);
  ASSERT_FALSE(submitted);
  const auto& error = submitted.error();
  EXPECT_EQ(error.code, "validation.failed");
  EXPECT_TRUE(has_field_error(error, "/identity/address", "field.required"));
  EXPECT_TRUE(has_field_error(error, "/documents/id_front", "document.missing"));
  EXPECT_TRUE(has_field_error(error, "/documents/id_back", "document.missing"));
  EXPECT_TRUE(has_field_error(error, "/documents/selfie", "document.missing"));
  EXPECT_TRUE(has_field_error(error, "/declaration_accepted", "declaration.required"));
  auto still = service_->get("sub-a", app->id);
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, ApplicationStatus::draft);
}

TEST_P(RegistrationServiceTest, SubmissionSetsTheDueDateAndMovesLinesToPending) {
  const auto lines = linked_lines("sub-a", 2);
  auto app = service_->start("sub-a", lines, kMeta);
  ASSERT_TRUE(app);
  ASSERT_TRUE(service_->update("sub-a", app->id, {{"identity", valid_identity()}}, kMeta));
  record_documents(*app);
  auto submitted = service_->submit("sub-a", app->id, true, kMeta);
  ASSERT_TRUE(submitted) << describe(submitted.error());
  EXPECT_EQ(submitted->status, ApplicationStatus::submitted);
  ASSERT_TRUE(submitted->due_at_ms.has_value());
  // Monday 2026-03-02 00:00Z is 08:00 in Beijing; two business days later ends Wednesday 23:59:59.999 +08:00.
  EXPECT_EQ(format_utc_ms(*submitted->due_at_ms), "2026-03-04T15:59:59.999Z");
  EXPECT_EQ(submitted->submission_count, 1);
  ASSERT_EQ(submitted->history.size(), 2u);
  EXPECT_EQ(submitted->history.back().to, ApplicationStatus::submitted);
  EXPECT_TRUE(service_->missing(*submitted).empty());

  auto owned = ground_.sims->lines_of("sub-a");
  ASSERT_TRUE(owned);
  for (const auto& line : *owned) {
    EXPECT_EQ(line.status, "pending");
    EXPECT_EQ(line.application_id, std::optional<std::string>(app->id));
  }
  auto again = service_->update("sub-a", app->id, {{"identity", {{"full_name", "李四"}}}}, kMeta);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "application.not_editable");
}

TEST_P(RegistrationServiceTest, TheCapCountsLinesAlreadyHeldUnderTheSameDocument) {
  // The cn profile allows 5 lines per person: 4 submitted before, 2 more is one too many.
  const auto first_lines = linked_lines("sub-a", 4);
  auto first = service_->start("sub-a", first_lines, kMeta);
  ASSERT_TRUE(first);
  ASSERT_TRUE(service_->update("sub-a", first->id, {{"identity", valid_identity()}}, kMeta));
  record_documents(*first);
  auto first_submitted = service_->submit("sub-a", first->id, true, kMeta);
  ASSERT_TRUE(first_submitted) << describe(first_submitted.error());

  const auto more = linked_lines("sub-b", 2);
  auto second = service_->start("sub-b", more, kMeta);
  ASSERT_TRUE(second);
  ASSERT_TRUE(service_->update("sub-b", second->id, {{"identity", valid_identity()}}, kMeta));
  record_documents(*second);
  auto refused = service_->submit("sub-b", second->id, true, kMeta);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field_error(refused.error(), "/line_ids", "application.cap_exceeded"));

  const auto six = linked_lines("sub-c", 6);
  auto too_many = service_->start("sub-c", six, kMeta);
  ASSERT_FALSE(too_many);
  EXPECT_TRUE(has_field_error(too_many.error(), "/line_ids", "application.cap_exceeded"));
}

TEST_P(RegistrationServiceTest, AnotherSubscribersApplicationIsNotFound) {
  const auto lines = linked_lines("sub-a", 1);
  auto app = service_->start("sub-a", lines, kMeta);
  ASSERT_TRUE(app);
  auto peek = service_->get("sub-b", app->id);
  ASSERT_FALSE(peek);
  EXPECT_EQ(peek.error().code, "application.not_found");
  auto change = service_->update("sub-b", app->id, {{"identity", {{"full_name", "x"}}}}, kMeta);
  ASSERT_FALSE(change);
  EXPECT_EQ(change.error().code, "application.not_found");
  auto list = service_->list("sub-b");
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->empty());
}

TEST_P(RegistrationServiceTest, UploadsAreShedWhenEveryImageSlotIsBusy) {
  const auto lines = linked_lines("sub-a", 1);
  auto app = service_->start("sub-a", lines, kMeta);
  ASSERT_TRUE(app);
  auto first = slots_.try_acquire();
  auto second = slots_.try_acquire();
  auto shed = service_->put_document("sub-a", app->id, "selfie", "\xFF\xD8\xFF", "image/jpeg", "en", kMeta);
  ASSERT_FALSE(shed);
  EXPECT_EQ(shed.error().code, "server.busy");
  EXPECT_EQ(shed.error().kind, ErrorKind::unavailable);
  EXPECT_GT(shed.error().retry_after_seconds.value_or(0), 0);
}

TEST_P(RegistrationServiceTest, HardImageFailuresStoreNothing) {
  const auto lines = linked_lines("sub-a", 1);
  auto app = service_->start("sub-a", lines, kMeta);
  ASSERT_TRUE(app);
  struct Case {
    std::string body;
    std::string content_type;
    std::string code;
  };
  const std::vector<Case> cases{
      {"plain text, not a picture", "image/jpeg", "image.unsupported_type"},
      {std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, '\0'), "image/jpeg", "image.type_mismatch"},
      {std::string("\xFF\xD8\xFF\xE0", 4) + std::string(100, 'x'), "image/jpeg", "image.unreadable"},
  };
  for (const auto& c : cases) {
    auto result = service_->put_document("sub-a", app->id, "selfie", c.body, c.content_type, "en", kMeta);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, c.code);
  }
  auto unchanged = service_->get("sub-a", app->id);
  ASSERT_TRUE(unchanged);
  EXPECT_TRUE(unchanged->documents.empty());
  int stored_files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(ground_.blob_dir)) {
    stored_files += entry.is_regular_file() ? 1 : 0;
  }
  EXPECT_EQ(stored_files, 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, RegistrationServiceTest, ::testing::Values(Engine::sqlite, Engine::postgres),
                         db::testing::EngineParamName());

}  // namespace
}  // namespace simreg::registration

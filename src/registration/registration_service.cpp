#include "registration/registration_service.hpp"

#include <algorithm>
#include <set>

#include "crypto/random.hpp"
#include "imaging/image_inspector.hpp"
#include "imaging/quality_messages.hpp"
#include "registration/automated_checks.hpp"
#include "registration/identity_fields.hpp"

namespace simreg::registration {
namespace {

constexpr std::size_t kMaxLinesPerApplication = 20;
constexpr int kImageBusyRetryAfterSeconds = 2;

Error not_found() {
  return Error::make(ErrorKind::not_found, "application.not_found", "There is no such application.");
}

Error not_editable(ApplicationStatus status) {
  return Error::make(ErrorKind::conflict, "application.not_editable",
                     "This application is " + std::string(status_name(status)) +
                         " and can no longer be changed.");
}

Error validation_failed(std::vector<FieldError> errors) { return Error::validation(std::move(errors)); }

std::string normalized_document_number(std::string_view number) {
  std::string out;
  for (char c : number) {
    if (c == ' ' || c == '-') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

// Reads {"line_ids": [...]} when present; nullopt when absent.
Result<std::optional<std::vector<std::string>>> read_line_ids(const nlohmann::json& body) {
  if (!body.contains("line_ids")) return std::optional<std::vector<std::string>>{};
  const auto& value = body.at("line_ids");
  std::vector<std::string> ids;
  bool ok = value.is_array() && !value.empty() && value.size() <= kMaxLinesPerApplication;
  if (ok) {
    for (const auto& id : value) {
      if (!id.is_string() || id.get<std::string>().empty() || id.get<std::string>().size() > 64) {
        ok = false;
        break;
      }
      ids.push_back(id.get<std::string>());
    }
  }
  if (!ok) {
    return validation_failed({{"/line_ids", "line_ids.invalid",
                               "Choose between 1 and " + std::to_string(kMaxLinesPerApplication) + " of your lines."}});
  }
  std::sort(ids.begin(), ids.end());
  if (std::adjacent_find(ids.begin(), ids.end()) != ids.end()) {
    return validation_failed({{"/line_ids", "line_ids.duplicate", "A line is listed twice."}});
  }
  return std::optional<std::vector<std::string>>{std::move(ids)};
}

}  // namespace

RegistrationService::RegistrationService(RegistrationServiceDeps deps) : deps_(deps), store_(deps.sealer) {}

Result<void> RegistrationService::audit_subscriber(db::Session& tx, const std::string& subscriber_id,
                                                   std::string action, const std::string& application_id,
                                                   const RequestMeta& meta) {
  return deps_.audit.append(
      tx, audit::request_event("subscriber", subscriber_id, std::move(action), "application", application_id, meta));
}

jurisdiction::Date RegistrationService::today() const {
  return jurisdiction::local_date(deps_.clock.now_ms(), deps_.profile.utc_offset_minutes());
}

std::optional<std::string> RegistrationService::document_number_index(const Identity& identity) const {
  if (!identity.document_number || !identity.document_type) return std::nullopt;
  return deps_.indexer.compute("document_number",
                               *identity.document_type + ":" + normalized_document_number(*identity.document_number));
}

Result<Application> RegistrationService::load_owned(db::Session& session, const std::string& subscriber_id,
                                                    const std::string& application_id, bool lock) {
  SIMREG_TRY_ASSIGN(auto found, store_.load(session, application_id, lock));
  // Someone else's application is indistinguishable from a missing one.
  if (!found || found->subscriber_id != subscriber_id) return not_found();
  return std::move(*found);
}

Result<void> RegistrationService::check_lines(db::Session& tx, const std::string& subscriber_id,
                                              const std::vector<std::string>& line_ids) {
  SIMREG_TRY_ASSIGN(auto lines, deps_.sims.lines_for_application(tx, subscriber_id, line_ids));
  std::vector<FieldError> errors;
  for (const auto& line : lines) {
    // A line restricted after its registration deadline is registered the same way; approval lifts it.
    const bool registrable = line.status == "unregistered" || line.status == "restricted";
    // Pending and registered lines belong to an application in flight or done; any application id
    // left on a registrable line is from one that ended (rejected), so it does not hold the line.
    if (!registrable) {
      errors.push_back({"/line_ids", "line.not_available",
                        "The line ending " + line.msisdn.substr(line.msisdn.size() >= 4 ? line.msisdn.size() - 4 : 0) +
                            " is " + line.status + " and cannot be added to this application."});
    }
  }
  if (const auto cap = deps_.profile.sim_cap_per_person(); cap && static_cast<int>(line_ids.size()) > *cap) {
    errors.push_back({"/line_ids", "application.cap_exceeded",
                      "One person may register at most " + std::to_string(*cap) + " lines."});
  }
  if (!errors.empty()) return validation_failed(std::move(errors));
  return success();
}

Result<Application> RegistrationService::start(const std::string& subscriber_id,
                                               const std::vector<std::string>& line_ids, const RequestMeta& meta) {
  SIMREG_TRY_ASSIGN(auto ids, read_line_ids(nlohmann::json{{"line_ids", line_ids}}));
  Application app;
  app.id = crypto::random_id("app");
  app.subscriber_id = subscriber_id;
  app.profile_id = deps_.profile.id();
  app.line_ids = *ids;
  app.created_at_ms = app.updated_at_ms = deps_.clock.now_ms();
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(auto draft, store_.draft_of_subscriber(tx, subscriber_id));
    if (draft) {
      Error exists = Error::make(ErrorKind::conflict, "applications.draft_exists",
                                 "You already have an application in progress. Continue it instead.");
      exists.extensions["application_id"] = *draft;
      return exists;
    }
    SIMREG_TRY(check_lines(tx, subscriber_id, app.line_ids));
    SIMREG_TRY(store_.insert(tx, app, Actor::subscriber, subscriber_id));
    return audit_subscriber(tx, subscriber_id, "application.started", app.id, meta);
  }));
  return get(subscriber_id, app.id);
}

Result<Application> RegistrationService::update(const std::string& subscriber_id, const std::string& application_id,
                                                const nlohmann::json& patch, const RequestMeta& meta) {
  if (!patch.is_object()) return validation_failed({{"", "body.invalid", "Send a JSON object."}});
  std::vector<FieldError> shape_errors;
  for (const auto& [key, value] : patch.items()) {
    if (key != "line_ids" && key != "identity") {
      shape_errors.push_back({"/" + key, "field.unknown", "This field is not part of an application."});
    }
  }
  SIMREG_TRY_ASSIGN(auto line_ids, read_line_ids(patch));
  Identity changes;
  std::set<std::string> touched;
  if (patch.contains("identity")) {
    const auto& identity = patch.at("identity");
    if (!identity.is_object()) {
      shape_errors.push_back({"/identity", "field.invalid", "Send the identity fields as an object."});
    } else {
      for (const auto& [key, value] : identity.items()) {
        const auto* field = find_identity_field(key);
        if (field == nullptr) {
          shape_errors.push_back({"/identity/" + key, "field.unknown", "This is not an identity field."});
        } else if (!value.is_null() && !value.is_string()) {
          shape_errors.push_back({"/identity/" + key, "field.invalid", "Send text or null."});
        } else {
          touched.insert(key);
          if (value.is_string()) changes.*field->member = value.get<std::string>();
        }
      }
    }
  }
  if (!shape_errors.empty()) return validation_failed(std::move(shape_errors));

  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(auto app, load_owned(tx, subscriber_id, application_id, true));
    if (!is_editable(app.status)) return not_editable(app.status);
    const auto now = deps_.clock.now_ms();
    if (line_ids) {
      SIMREG_TRY(check_lines(tx, subscriber_id, *line_ids));
      SIMREG_TRY(store_.replace_lines(tx, app.id, *line_ids, now));
    }
    if (!touched.empty()) {
      Identity merged = app.identity;
      for (const auto& field : kIdentityFields) {
        if (touched.count(std::string(field.name)) == 0) continue;
        auto value = changes.*field.member;
        // An empty string clears, like null: forms send "" for an emptied input.
        if (value && value->empty()) value.reset();
        merged.*field.member = std::move(value);
      }
      auto errors = jurisdiction::validate_identity(deps_.profile, today(), merged);
      if (!errors.empty()) return validation_failed(std::move(errors));
      SIMREG_TRY(store_.save_identity(tx, app.id, merged, document_number_index(merged), now));
    }
    return audit_subscriber(tx, subscriber_id, "application.updated", app.id, meta);
  }));
  return get(subscriber_id, application_id);
}

std::vector<std::string> RegistrationService::required_documents(const Application& application) const {
  if (!application.identity.document_type) return {};
  return deps_.profile.required_images(*application.identity.document_type);
}

std::vector<std::string> RegistrationService::missing(const Application& application) const {
  std::vector<std::string> out;
  for (const auto& error : jurisdiction::missing_fields(deps_.profile, application.identity)) {
    out.push_back(error.field);
  }
  for (const auto& kind : required_documents(application)) {
    const auto doc = application.documents.find(kind);
    if (doc == application.documents.end()) out.push_back("/documents/" + kind);
  }
  return out;
}

Result<UploadOutcome> RegistrationService::put_document(const std::string& subscriber_id,
                                                        const std::string& application_id, std::string_view kind,
                                                        std::string_view bytes, std::string_view content_type,
                                                        std::string_view locale, const RequestMeta& meta) {
  const auto image_kind = imaging::parse_image_kind(kind);
  if (!image_kind) {
    return Error::make(ErrorKind::not_found, "document.unknown_kind",
                       "Documents are id_front, id_back, passport or selfie.");
  }
  {
    // Fail fast, before the expensive image work, when the application cannot take a document.
    SIMREG_TRY_ASSIGN(auto app, get(subscriber_id, application_id));
    if (!is_editable(app.status)) return not_editable(app.status);
    const auto required = required_documents(app);
    if (!required.empty() && std::find(required.begin(), required.end(), kind) == required.end()) {
      return validation_failed({{"/documents/" + std::string(kind), "document.not_required",
                                 "The chosen document type does not need this image."}});
    }
  }

  auto slot = deps_.image_slots.try_acquire();
  if (!slot) {
    Error busy = Error::make(ErrorKind::unavailable, "server.busy",
                             "Many photos are being checked right now. Try again in a moment.");
    busy.retry_after_seconds = kImageBusyRetryAfterSeconds;
    return busy;
  }
  SIMREG_TRY_ASSIGN(auto inspection, imaging::inspect_image(bytes, content_type, *image_kind, deps_.image_limits));
  slot = ConcurrencyLimiter::Slot();

  auto report = imaging::report_json(inspection.report, locale);
  if (!inspection.report.accepted) {
    Error rejected = Error::make(ErrorKind::unprocessable, "document.quality_rejected",
                                 "The photo cannot be used. See what to fix and take it again.");
    for (const auto& reason : report.at("reasons")) {
      rejected.fields.push_back({"/documents/" + std::string(kind), reason.at("code").get<std::string>(),
                                 reason.at("message").get<std::string>() + " " + reason.at("hint").get<std::string>()});
    }
    rejected.extensions["report"] = report;
    return rejected;
  }

  const std::string blob_context = application_id + "/" + std::string(kind);
  const auto sealed = deps_.sealer.seal(inspection.normalized_jpeg, {"application_documents", "image", blob_context});
  SIMREG_TRY_ASSIGN(auto blob_id, deps_.blobs.put(sealed));

  StoredDocument document;
  document.kind = std::string(kind);
  document.blob_id = blob_id;
  document.width = inspection.width;
  document.height = inspection.height;
  document.quality = {{"accepted", true},
                      {"reasons", inspection.report.reasons},
                      {"measurements", inspection.report.measurements}};
  document.uploaded_at_ms = deps_.clock.now_ms();
  std::optional<std::string> replaced;
  auto stored = deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(auto app, load_owned(tx, subscriber_id, application_id, true));
    if (!is_editable(app.status)) return not_editable(app.status);
    SIMREG_TRY_ASSIGN(replaced, store_.put_document(tx, application_id, document, document.uploaded_at_ms));
    return audit_subscriber(tx, subscriber_id, "application.document_uploaded", application_id, meta);
  });
  if (!stored) {
    (void)deps_.blobs.remove(blob_id);  // never referenced; nothing else can reach it
    return stored.error();
  }
  // The replaced image is unreachable once the commit is durable.
  if (replaced && *replaced != blob_id) (void)deps_.blobs.remove(*replaced);
  report["kind"] = std::string(kind);
  report["uploaded_at"] = format_utc_ms(document.uploaded_at_ms);
  return UploadOutcome{std::move(report), document.uploaded_at_ms};
}

std::vector<FieldError> RegistrationService::submission_errors(db::Session& tx, const Application& application,
                                                               bool declaration_accepted,
                                                               Result<void>& storage_error) {
  auto errors = jurisdiction::missing_fields(deps_.profile, application.identity);
  auto invalid = jurisdiction::validate_identity(deps_.profile, today(), application.identity);
  errors.insert(errors.end(), invalid.begin(), invalid.end());
  for (const auto& kind : required_documents(application)) {
    if (application.documents.count(kind) == 0) {
      errors.push_back({"/documents/" + kind, "document.missing", "Add this photo before you submit."});
    }
  }
  if (!declaration_accepted) {
    errors.push_back({"/declaration_accepted", "declaration.required",
                      "Confirm that the information is true and complete."});
  }
  if (application.line_ids.empty()) {
    errors.push_back({"/line_ids", "line_ids.invalid", "Choose at least one of your lines."});
  }
  const auto cap = deps_.profile.sim_cap_per_person();
  const auto index = document_number_index(application.identity);
  if (cap && index) {
    auto held = store_.lines_held_by_document(tx, *index, application.id);
    if (!held) {
      storage_error = held.error();
      return errors;
    }
    const int total = *held + static_cast<int>(application.line_ids.size());
    if (total > *cap) {
      errors.push_back({"/line_ids", "application.cap_exceeded",
                        "One person may register at most " + std::to_string(*cap) + " lines; this document already "
                        "has " + std::to_string(*held) + "."});
    }
  }
  return errors;
}

Result<Application> RegistrationService::submit(const std::string& subscriber_id, const std::string& application_id,
                                                bool declaration_accepted, const RequestMeta& meta) {
  SIMREG_TRY(deps_.db.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(auto app, load_owned(tx, subscriber_id, application_id, true));
    if (!is_editable(app.status)) return not_editable(app.status);
    Result<void> storage = success();
    auto errors = submission_errors(tx, app, declaration_accepted, storage);
    SIMREG_TRY(storage);
    if (!errors.empty()) return validation_failed(std::move(errors));
    SIMREG_TRY(check_lines(tx, subscriber_id, app.line_ids));
    const auto now = deps_.clock.now_ms();
    ApplicationStore::Submission submission{now, deps_.profile.calendar().add_business_days(now, deps_.profile.review_business_days())};
    SIMREG_TRY(store_.change_status(tx, app, ApplicationStatus::submitted, Actor::subscriber, subscriber_id, now,
                                   submission));
    const auto index = document_number_index(app.identity);
    SIMREG_TRY(deps_.sims.set_status(tx, app.line_ids, "pending", "subscriber", subscriber_id,
                                     "application.submitted", index, app.id));
    SIMREG_TRY_ASSIGN(auto checks, run_automated_checks(tx, deps_.sims, app, index, deps_.profile, today()));
    SIMREG_TRY(store_.set_flags(tx, app.id, flags_of(checks)));
    for (const auto& other : open_duplicates_of_others(checks)) {
      SIMREG_TRY_ASSIGN(auto current, store_.flags(tx, other));
      if (auto flagged = with_flag(current, kFlagDuplicateDocument); flagged != current) {
        SIMREG_TRY(store_.set_flags(tx, other, flagged));
      }
    }
    if (deps_.events != nullptr) {
      SIMREG_TRY(deps_.events->publish(tx, "application.submitted",
                                       {{"application_id", app.id},
                                        {"channel", app.channel},
                                        {"status", "submitted"},
                                        {"submission_count", app.submission_count + 1},
                                        {"due_at", format_utc_ms(submission.due_at_ms)}}));
    }
    return audit_subscriber(tx, subscriber_id, "application.submitted", app.id, meta);
  }));
  return get(subscriber_id, application_id);
}

Result<Application> RegistrationService::get(const std::string& subscriber_id, const std::string& application_id) {
  Application app;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& session) -> Result<void> {
    SIMREG_TRY_ASSIGN(app, load_owned(session, subscriber_id, application_id, false));
    return success();
  }));
  return app;
}

Result<std::vector<Application>> RegistrationService::list(const std::string& subscriber_id) {
  std::vector<Application> out;
  SIMREG_TRY(deps_.db.transaction([&](db::Session& session) -> Result<void> {
    out.clear();
    SIMREG_TRY_ASSIGN(auto ids, store_.ids_of_subscriber(session, subscriber_id));
    for (const auto& id : ids) {
      SIMREG_TRY_ASSIGN(auto app, load_owned(session, subscriber_id, id, false));
      out.push_back(std::move(app));
    }
    return success();
  }));
  return out;
}

}  // namespace simreg::registration

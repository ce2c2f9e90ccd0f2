// The online registration flow for one subscriber: start an application for some of their lines,
// fill and correct the identity data (validated against the jurisdiction profile), upload document
// images (checked at once; only accepted images are kept, sealed, in the blob store), and submit
// with the declaration, which computes the review due date and moves the lines to `pending`.
// Every call checks that the application belongs to the caller; another subscriber's application
// is "not found". Blocking I/O (database, crypto, image work): call from the worker pool.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/audit_log.hpp"
#include "blob/blob_store.hpp"
#include "core/clock.hpp"
#include "core/concurrency_limiter.hpp"
#include "core/request_meta.hpp"
#include "core/result.hpp"
#include "crypto/blind_index.hpp"
#include "crypto/field_sealer.hpp"
#include "db/database.hpp"
#include "imaging/image_limits.hpp"
#include "jurisdiction/profile.hpp"
#include "registration/application.hpp"
#include "registration/application_store.hpp"
#include "sims/sim_service.hpp"
#include "webhooks/event_publisher.hpp"

namespace simreg::registration {

struct RegistrationServiceDeps {
  db::Database& db;
  const crypto::FieldSealer& sealer;
  const crypto::BlindIndexer& indexer;
  audit::AuditLog& audit;
  blob::BlobStore& blobs;
  sims::SimService& sims;
  const jurisdiction::Profile& profile;
  const Clock& clock;
  imaging::ImageLimits image_limits;
  ConcurrencyLimiter& image_slots;  // image checks in flight; full → 503 with Retry-After
  webhooks::EventPublisher* events = nullptr;  // application.submitted; nullptr publishes nothing
};

// What a document upload answers: the quality report (accepted) in the caller's locale.
struct UploadOutcome {
  nlohmann::json report;
  std::int64_t uploaded_at_ms = 0;
};

class RegistrationService {
 public:
  explicit RegistrationService(RegistrationServiceDeps deps);

  Result<Application> start(const std::string& subscriber_id, const std::vector<std::string>& line_ids,
                            const RequestMeta& meta);
  // `patch` is the request body: {"line_ids"?: [...], "identity"?: {field: string|null}}.
  Result<Application> update(const std::string& subscriber_id, const std::string& application_id,
                             const nlohmann::json& patch, const RequestMeta& meta);
  Result<UploadOutcome> put_document(const std::string& subscriber_id, const std::string& application_id,
                                     std::string_view kind, std::string_view bytes, std::string_view content_type,
                                     std::string_view locale, const RequestMeta& meta);
  Result<Application> submit(const std::string& subscriber_id, const std::string& application_id,
                             bool declaration_accepted, const RequestMeta& meta);
  Result<Application> get(const std::string& subscriber_id, const std::string& application_id);
  Result<std::vector<Application>> list(const std::string& subscriber_id);

  // The document kinds the application still needs, and the fields, as JSON pointers
  // ("/identity/full_name", "/documents/selfie"): what the UI shows as "missing".
  std::vector<std::string> missing(const Application& application) const;
  std::vector<std::string> required_documents(const Application& application) const;
  const jurisdiction::Profile& profile() const { return deps_.profile; }
  // The document number's blind index ("document_type:NUMBER", normalized); nullopt without both.
  std::optional<std::string> document_number_index(const Identity& identity) const;
  // Today in the profile's time zone.
  jurisdiction::Date today() const;
  const imaging::ImageLimits& image_limits() const { return deps_.image_limits; }

 private:
  Result<Application> load_owned(db::Session& session, const std::string& subscriber_id,
                                 const std::string& application_id, bool lock);
  Result<void> check_lines(db::Session& tx, const std::string& subscriber_id,
                           const std::vector<std::string>& line_ids);
  Result<void> audit_subscriber(db::Session& tx, const std::string& subscriber_id, std::string action,
                                const std::string& application_id, const RequestMeta& meta);
  std::vector<FieldError> submission_errors(db::Session& tx, const Application& application,
                                            bool declaration_accepted, Result<void>& storage_error);

  RegistrationServiceDeps deps_;
  ApplicationStore store_;
};

}  // namespace simreg::registration

// The review back office: the deadline-ordered queue, claiming with leases ("next" is atomic on
// both engines), the case view with automated checks (every look audited), decisions with their
// effects in one transaction (status, decision row, lines, outbox e-mail + SMS, webhook events,
// audit, quality sample), escalation and reassignment, quality sampling and the statistics.
// Results are the API's JSON views (review_json.hpp). Blocking I/O: call from the worker pool.
// Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/audit_log.hpp"
#include "blob/blob_store.hpp"
#include "core/clock.hpp"
#include "core/request_meta.hpp"
#include "core/result.hpp"
#include "crypto/field_sealer.hpp"
#include "db/database.hpp"
#include "notify/outbox.hpp"
#include "registration/application_store.hpp"
#include "registration/automated_checks.hpp"
#include "registration/registration_service.hpp"
#include "review/review_rules.hpp"
#include "review/review_store.hpp"
#include "review/service_level.hpp"
#include "sims/sim_service.hpp"
#include "staff/staff_service.hpp"
#include "webhooks/event_publisher.hpp"

namespace simreg::review {

// Where decision notices go: the subscriber's e-mail (empty: none) and language.
struct SubscriberContact {
  std::string email;
  std::string locale = "en";
};

struct ReviewServiceDeps {
  db::Database& db;
  const crypto::FieldSealer& sealer;
  audit::AuditLog& audit;
  blob::BlobStore& blobs;
  sims::SimService& sims;
  notify::Outbox& outbox;
  registration::RegistrationService& registrations;  // profile, today, document index
  staff::StaffService& staff;
  const Clock& clock;
  // Called outside any transaction of this service (it may open its own).
  std::function<Result<SubscriberContact>(const std::string& subscriber_id)> contact_of;
  webhooks::EventPublisher* events = nullptr;  // application.decided; nullptr publishes nothing
  int lease_seconds = 900;
  double sample_rate = 0.1;
  std::function<double()> random01;  // uniform in [0, 1); empty: a real random source
};

// Who is acting: a staff member with their roles and language.
struct Reviewer {
  std::string staff_id;
  std::set<std::string> roles;
  std::string locale = "en";
  RequestMeta meta;
};

class ReviewService {
 public:
  explicit ReviewService(ReviewServiceDeps deps);

  // {"items": [Summary], "counts": {...}}; limit 1..200.
  Result<nlohmann::json> queue(const Reviewer& who, const QueueFilter& filter, int limit);
  // The caller's live case, else the most urgent claimable one, claimed; nullopt when none.
  Result<std::optional<nlohmann::json>> next(const Reviewer& who, const QueueFilter& filter);
  // Errors: review.claimed_by_other (409), application.invalid_transition (409),
  // review.supervisor_only (403, escalated), application.not_found (404).
  Result<nlohmann::json> claim(const Reviewer& who, const std::string& id);
  // {"lease_expires_at"}; review.not_holder (409).
  Result<nlohmann::json> renew(const Reviewer& who, const std::string& id);
  Result<void> release(const Reviewer& who, const std::string& id);
  // Holder: full; supervisor: masked; else review.not_holder. Audited review.case_opened.
  Result<nlohmann::json> get_case(const Reviewer& who, const std::string& id);
  // {"identity": {field: value}}; audited review.field_unmasked, one entry per field.
  Result<nlohmann::json> unmask(const Reviewer& who, const std::string& id, const nlohmann::json& fields);
  // The opened JPEG; audited review.image_viewed.
  Result<std::string> document(const Reviewer& who, const std::string& id, const std::string& kind);
  Result<nlohmann::json> decide(const Reviewer& who, const std::string& id, const nlohmann::json& body);
  Result<nlohmann::json> escalate(const Reviewer& who, const std::string& id, const std::string& note);
  // Supervisor: hand the case to `staff_id` (an active reviewer or supervisor) or back to the queue.
  Result<nlohmann::json> reassign(const Reviewer& who, const std::string& id, const std::optional<std::string>& staff_id);
  Result<nlohmann::json> reviewers();
  // `with_people`: the per-reviewer rows carry e-mail addresses (the API; /metrics needs none).
  Result<Stats> stats(bool with_people = true);
  Result<std::optional<nlohmann::json>> next_sample(const Reviewer& who);
  Result<nlohmann::json> sample_verdict(const Reviewer& who, const std::string& sample_id, const nlohmann::json& body);
  Result<nlohmann::json> sample_report();
  // Hands cases whose lease ran out back to the queue (actor system); returns how many.
  Result<int> release_lapsed();
  // Prometheus text of the queue gauges and decision counters, computed now (database reads).
  std::string metrics_text();
  // /metrics renders on an I/O thread, so it reads a copy refreshed by a periodic task.
  void refresh_metrics();
  std::string cached_metrics() const;

  int lease_seconds() const { return deps_.lease_seconds; }

 private:
  Result<registration::Application> load(db::Session& session, const std::string& id, bool lock);
  // Refreshes the flags and renders the case for `view`; audits review.case_opened.
  // Runs the automated checks again and, while the case is reviewable, stores the flags they raise.
  Result<registration::AutomatedChecks> recheck(db::Session& tx, registration::Application& app);
  Result<nlohmann::json> open_case(db::Session& tx, registration::Application& app, View view, const Reviewer& who,
                                   nlohmann::json audit_details);
  Result<void> take(db::Session& tx, registration::Application& app, const std::string& staff_id,
                    const Reviewer& actor);
  Result<void> hand_back(db::Session& tx, const registration::Application& app, registration::Actor actor,
                         const std::string& actor_id);
  Result<bool> checking_sample(db::Session& session, const std::string& application_id, const std::string& staff_id);
  Result<void> audit(db::Session& tx, const Reviewer& who, std::string action, const std::string& target_id,
                     nlohmann::json details = nlohmann::json::object());
  std::int64_t day_end_ms() const;
  std::map<std::string, std::string> staff_emails();  // staff id → e-mail, for the report rows
  double random01();

  ReviewServiceDeps deps_;
  mutable std::mutex metrics_mutex_;
  std::string metrics_cache_;
  ReviewStore store_;
  registration::ApplicationStore applications_;
};

}  // namespace simreg::review

// Profile: a jurisdiction's rules, parsed strictly from its JSON document (profiles/<id>.json):
// accepted documents and their images, minimum age, SIM cap, review calendar, retention, texts.
// Immutable after parse_profile; thread-safe to share. The schema is described in README.md.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "jurisdiction/business_calendar.hpp"

namespace simreg::jurisdiction {

// Text in the UI languages, keyed by locale ("en", "zh-CN"); "en" is always present.
struct LocalizedText {
  std::map<std::string, std::string, std::less<>> texts;

  // The text for `locale`, else for `fallback`, else English.
  const std::string& get(std::string_view locale, std::string_view fallback = "en") const;
};

struct DocumentType {
  std::string id;  // stable id, e.g. "cn_resident_id"
  LocalizedText label;
  std::string validator;            // a name in document_validators.hpp
  std::vector<std::string> images;  // image kinds required: id_front, id_back, passport, selfie
  bool expiry_required = true;
  std::optional<std::vector<std::string>> nationalities;  // ISO alpha-2; nullopt: any nationality
  LocalizedText number_hint;

  bool accepts_nationality(std::string_view alpha2) const;
};

struct MinorsRule {
  std::string policy;  // in_store_with_guardian | registered_by_guardian | not_accepted
  LocalizedText message;
};

struct RetentionRules {
  int rejected_application_days = 0;
  int closed_registration_days = 0;
  int document_images_days = 0;
};

class Profile {
 public:
  const std::string& id() const { return id_; }
  const std::string& country() const { return country_; }        // ISO alpha-2
  const std::string& msisdn_region() const { return country_; }  // SIM numbers are the country's
  const std::string& name(std::string_view locale) const {
    return name_.get(locale, default_language_);
  }
  const std::vector<std::string>& languages() const { return languages_; }
  const std::string& default_language() const { return default_language_; }
  int utc_offset_minutes() const { return calendar_.utc_offset_minutes(); }
  int minimum_age() const { return minimum_age_; }
  const MinorsRule& minors() const { return minors_; }
  std::optional<int> sim_cap_per_person() const { return sim_cap_per_person_; }  // nullopt: no cap
  int review_business_days() const { return review_business_days_; }
  int unregistered_restriction_days() const { return unregistered_restriction_days_; }
  const BusinessCalendar& calendar() const { return calendar_; }
  const RetentionRules& retention() const { return retention_; }
  const std::string& declaration(std::string_view locale) const {
    return declaration_.get(locale, default_language_);
  }
  const std::vector<std::string>& identity_fields() const { return identity_fields_; }
  const std::vector<DocumentType>& document_types() const { return document_types_; }
  // nullptr when this profile does not accept that document type.
  const DocumentType* document_type(std::string_view id) const;
  // The image kinds a document type needs; empty for a type the profile does not accept.
  std::vector<std::string> required_images(std::string_view document_type_id) const;
  // The document exactly as parsed (GET /api/v1/jurisdiction returns it).
  const nlohmann::json& document() const { return document_; }

 private:
  friend Result<Profile> parse_profile(const nlohmann::json& document);
  explicit Profile(BusinessCalendar calendar) : calendar_(std::move(calendar)) {}

  std::string id_;
  std::string country_;
  LocalizedText name_;
  std::vector<std::string> languages_;
  std::string default_language_;
  int minimum_age_ = 18;
  MinorsRule minors_;
  std::optional<int> sim_cap_per_person_;
  int review_business_days_ = 1;
  int unregistered_restriction_days_ = 0;
  BusinessCalendar calendar_;
  RetentionRules retention_;
  LocalizedText declaration_;
  std::vector<std::string> identity_fields_;
  std::vector<DocumentType> document_types_;
  nlohmann::json document_;
};

// Strict: unknown members, wrong types, out-of-range values, unknown validators, locales, image
// kinds or countries are all errors. Error code "profile.invalid"; `fields` lists every problem
// with its JSON pointer (field) and what is wrong (message); `detail` names the first.
Result<Profile> parse_profile(const nlohmann::json& document);
// The same from JSON text; `source` (a file name or "bundled cn") goes into the detail.
Result<Profile> parse_profile_text(std::string_view text, std::string_view source);

}  // namespace simreg::jurisdiction

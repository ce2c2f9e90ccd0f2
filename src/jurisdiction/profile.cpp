#include "jurisdiction/profile.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "jurisdiction/country_codes.hpp"
#include "jurisdiction/document_validators.hpp"

namespace simreg::jurisdiction {

namespace {

using Json = nlohmann::json;

constexpr std::array<std::string_view, 2> kLocales = {"en", "zh-CN"};
constexpr std::array<std::string_view, 4> kImageKinds = {"id_front", "id_back", "passport",
                                                         "selfie"};
constexpr std::array<std::string_view, 3> kMinorsPolicies = {
    "in_store_with_guardian", "registered_by_guardian", "not_accepted"};
constexpr std::array<std::string_view, 9> kIdentityFields = {
    "full_name",       "date_of_birth",   "sex",          "nationality", "address", "document_type",
    "document_number", "document_expiry", "contact_phone"};
constexpr std::array<std::string_view, 7> kWeekdays = {"sun", "mon", "tue", "wed",
                                                       "thu", "fri", "sat"};
// UTC-12:00 .. UTC+14:00, the offsets in use.
constexpr int kMinUtcOffset = -12 * 60;
constexpr int kMaxUtcOffset = 14 * 60;

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

template <std::size_t N>
std::string list_of(const std::array<std::string_view, N>& values) {
  std::string out;
  for (auto value : values) {
    if (!out.empty()) out += ", ";
    out += value;
  }
  return out;
}

bool is_snake_id(std::string_view text) {
  return !text.empty() && text.size() <= 32 && text[0] >= 'a' && text[0] <= 'z' &&
         std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
         });
}

std::string child(const std::string& path, std::string_view key) {
  return path + "/" + std::string(key);
}
std::string child(const std::string& path, std::size_t index) {
  return path + "/" + std::to_string(index);
}

// Reads members of a JSON document, recording every problem under its JSON pointer.
class Reader {
 public:
  std::vector<FieldError> errors;

  void fail(const std::string& path, std::string message) {
    errors.push_back(FieldError{path.empty() ? "/" : path, "profile.invalid", std::move(message)});
  }

  // Requires `value` to be an object whose members are all in `allowed`.
  bool object(const Json& value, const std::string& path,
              std::initializer_list<std::string_view> allowed) {
    if (!value.is_object()) {
      fail(path, "must be an object");
      return false;
    }
    for (const auto& [key, member] : value.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        fail(child(path, key), "unknown member");
    }
    return true;
  }

  const Json* member(const Json& object, const std::string& path, std::string_view key,
                     bool required = true) {
    const auto it = object.find(std::string(key));
    if (it == object.end()) {
      if (required) fail(child(path, key), "is required");
      return nullptr;
    }
    return &*it;
  }

  std::optional<std::string> string(const Json& object, const std::string& path,
                                    std::string_view key) {
    const Json* value = member(object, path, key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string() || value->get_ref<const std::string&>().empty()) {
      fail(child(path, key), "must be a non-empty string");
      return std::nullopt;
    }
    return value->get<std::string>();
  }

  std::optional<int> integer(const Json& object, const std::string& path, std::string_view key,
                             int min, int max) {
    const Json* value = member(object, path, key);
    if (value == nullptr) return std::nullopt;
    return integer_value(*value, child(path, key), min, max);
  }

  std::optional<int> integer_value(const Json& value, const std::string& path, int min, int max) {
    if (!value.is_number_integer()) {
      fail(path, "must be an integer");
      return std::nullopt;
    }
    const auto number = value.get<std::int64_t>();
    if (number < min || number > max) {
      fail(path, "must be between " + std::to_string(min) + " and " + std::to_string(max));
      return std::nullopt;
    }
    return static_cast<int>(number);
  }

  std::optional<bool> boolean(const Json& object, const std::string& path, std::string_view key) {
    const Json* value = member(object, path, key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_boolean()) {
      fail(child(path, key), "must be true or false");
      return std::nullopt;
    }
    return value->get<bool>();
  }

  // A non-empty array of unique non-empty strings, each accepted by `accept` (which explains a
  // rejection by returning a message).
  template <class Accept>
  std::vector<std::string> string_list(const Json& value, const std::string& path, Accept accept) {
    std::vector<std::string> out;
    if (!value.is_array() || value.empty()) {
      fail(path, "must be a non-empty array of strings");
      return out;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      const auto& item = value[i];
      if (!item.is_string()) {
        fail(child(path, i), "must be a string");
        continue;
      }
      const auto text = item.get<std::string>();
      if (auto problem = accept(text); !problem.empty()) {
        fail(child(path, i), problem);
      } else if (std::find(out.begin(), out.end(), text) != out.end()) {
        fail(child(path, i), "duplicate \"" + text + "\"");
      } else {
        out.push_back(text);
      }
    }
    return out;
  }

  // {"en": "...", "zh-CN": "..."}: known locales only, English and every UI language present.
  LocalizedText text(const Json& object, const std::string& path, std::string_view key,
                     const std::vector<std::string>& languages) {
    LocalizedText out;
    const Json* value = member(object, path, key);
    if (value == nullptr) return out;
    const auto here = child(path, key);
    if (!value->is_object()) {
      fail(here, "must be an object of texts by locale");
      return out;
    }
    for (const auto& [locale, text] : value->items()) {
      if (!one_of(kLocales, locale)) {
        fail(child(here, locale), "unknown locale (known: " + list_of(kLocales) + ")");
      } else if (!text.is_string() || text.get_ref<const std::string&>().empty()) {
        fail(child(here, locale), "must be a non-empty string");
      } else {
        out.texts.emplace(locale, text.get<std::string>());
      }
    }
    if (!out.texts.contains("en")) fail(child(here, "en"), "is required (English is the fallback)");
    for (const auto& language : languages) {
      if (language != "en" && !out.texts.contains(language))
        fail(child(here, language), "is required (a UI language)");
    }
    return out;
  }

  std::vector<Date> dates(const Json& value, const std::string& path) {
    std::vector<Date> out;
    if (!value.is_array()) {
      fail(path, "must be an array of YYYY-MM-DD dates");
      return out;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      const auto& item = value[i];
      auto date = item.is_string()
                      ? parse_date(item.get<std::string>())
                      : Result<Date>(Error::make(ErrorKind::invalid_input, "date.format", ""));
      if (!date) {
        fail(child(path, i), "must be a date written YYYY-MM-DD");
      } else if (std::find(out.begin(), out.end(), *date) != out.end()) {
        fail(child(path, i), "duplicate date " + format_date(*date));
      } else {
        out.push_back(*date);
      }
    }
    return out;
  }
};

std::optional<BusinessCalendar> read_calendar(Reader& reader, const Json& document,
                                              int utc_offset) {
  const Json* calendar = reader.member(document, "", "calendar");
  if (calendar == nullptr ||
      !reader.object(*calendar, "/calendar", {"weekend", "holidays", "working_days", "source"})) {
    return std::nullopt;
  }
  std::array<bool, 7> weekend{};
  if (const Json* days = reader.member(*calendar, "/calendar", "weekend")) {
    if (!days->is_array()) {
      reader.fail("/calendar/weekend",
                  "must be an array of day names (" + list_of(kWeekdays) + ")");
    } else {
      for (std::size_t i = 0; i < days->size(); ++i) {
        const auto& day = (*days)[i];
        const auto it = day.is_string()
                            ? std::find(kWeekdays.begin(), kWeekdays.end(), day.get<std::string>())
                            : kWeekdays.end();
        if (it == kWeekdays.end()) {
          reader.fail(child("/calendar/weekend", i), "must be one of " + list_of(kWeekdays));
        } else if (weekend[it - kWeekdays.begin()]) {
          reader.fail(child("/calendar/weekend", i), "duplicate day");
        } else {
          weekend[it - kWeekdays.begin()] = true;
        }
      }
      if (std::all_of(weekend.begin(), weekend.end(), [](bool off) { return off; })) {
        reader.fail("/calendar/weekend", "leaves no working day in the week");
      }
    }
  }
  std::vector<Date> holidays;
  if (const Json* list = reader.member(*calendar, "/calendar", "holidays"))
    holidays = reader.dates(*list, "/calendar/holidays");
  std::vector<Date> working_days;
  if (const Json* list = reader.member(*calendar, "/calendar", "working_days", false)) {
    working_days = reader.dates(*list, "/calendar/working_days");
    for (std::size_t i = 0; i < working_days.size(); ++i) {
      const auto& day = working_days[i];
      if (!weekend[static_cast<std::size_t>(weekday(day))]) {
        reader.fail(child("/calendar/working_days", i), format_date(day) + " is not a weekend day");
      }
      if (std::find(holidays.begin(), holidays.end(), day) != holidays.end()) {
        reader.fail(child("/calendar/working_days", i), format_date(day) + " is also a holiday");
      }
    }
  }
  if (const Json* source = reader.member(*calendar, "/calendar", "source", false);
      source && !source->is_string()) {
    reader.fail("/calendar/source", "must be a string");
  }
  return BusinessCalendar(weekend, std::move(holidays), std::move(working_days), utc_offset);
}

std::vector<DocumentType> read_document_types(Reader& reader, const Json& document,
                                              const std::vector<std::string>& languages) {
  std::vector<DocumentType> out;
  const Json* list = reader.member(document, "", "document_types");
  if (list == nullptr) return out;
  if (!list->is_array() || list->empty()) {
    reader.fail("/document_types", "must be a non-empty array");
    return out;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto path = child("/document_types", i);
    const auto& item = (*list)[i];
    if (!reader.object(item, path,
                       {"id", "label", "validator", "images", "expiry_required", "nationalities",
                        "number_hint"})) {
      continue;
    }
    DocumentType type;
    if (auto id = reader.string(item, path, "id")) {
      if (!is_snake_id(*id)) {
        reader.fail(child(path, "id"), "must be a lower_snake_case id");
      } else if (std::any_of(out.begin(), out.end(),
                             [&](const DocumentType& t) { return t.id == *id; })) {
        reader.fail(child(path, "id"), "duplicate document type \"" + *id + "\"");
      }
      type.id = *id;
    }
    type.label = reader.text(item, path, "label", languages);
    if (auto validator = reader.string(item, path, "validator")) {
      if (find_validator_by_name(*validator) == nullptr) {
        std::string known;
        for (const auto& v : document_validators())
          known += (known.empty() ? "" : ", ") + std::string(v.name);
        reader.fail(child(path, "validator"),
                    "unknown validator \"" + *validator + "\" (known: " + known + ")");
      }
      type.validator = *validator;
    }
    if (const Json* images = reader.member(item, path, "images")) {
      type.images = reader.string_list(*images, child(path, "images"), [](const std::string& kind) {
        return one_of(kImageKinds, kind)
                   ? std::string()
                   : "unknown image kind (known: " + list_of(kImageKinds) + ")";
      });
    }
    type.expiry_required = reader.boolean(item, path, "expiry_required").value_or(true);
    if (const Json* nationalities = reader.member(item, path, "nationalities")) {
      if (!nationalities->is_null()) {
        type.nationalities = reader.string_list(
            *nationalities, child(path, "nationalities"), [](const std::string& code) {
              return is_country_alpha2(code) ? std::string()
                                             : "not an ISO 3166-1 alpha-2 country code";
            });
      }
    }
    type.number_hint = reader.text(item, path, "number_hint", languages);
    out.push_back(std::move(type));
  }
  return out;
}

Error invalid(std::string_view source, std::vector<FieldError> problems) {
  std::string detail = "profile " + std::string(source) + ": " + problems.front().field + " " +
                       problems.front().message;
  if (problems.size() > 1) detail += " (and " + std::to_string(problems.size() - 1) + " more)";
  auto error = Error::make(ErrorKind::invalid_input, "profile.invalid", detail);
  error.fields = std::move(problems);
  return error;
}

}  // namespace

const std::string& LocalizedText::get(std::string_view locale, std::string_view fallback) const {
  if (auto it = texts.find(locale); it != texts.end()) return it->second;
  if (auto it = texts.find(fallback); it != texts.end()) return it->second;
  if (auto it = texts.find("en"); it != texts.end()) return it->second;
  static const std::string kEmpty;
  return kEmpty;
}

bool DocumentType::accepts_nationality(std::string_view alpha2) const {
  return !nationalities ||
         std::find(nationalities->begin(), nationalities->end(), alpha2) != nationalities->end();
}

const DocumentType* Profile::document_type(std::string_view id) const {
  for (const auto& type : document_types_) {
    if (type.id == id) return &type;
  }
  return nullptr;
}

std::vector<std::string> Profile::required_images(std::string_view document_type_id) const {
  const auto* type = document_type(document_type_id);
  return type ? type->images : std::vector<std::string>{};
}

Result<Profile> parse_profile(const nlohmann::json& document) {
  Reader reader;
  const std::string source =
      document.is_object() && document.contains("id") && document["id"].is_string()
          ? document["id"].get<std::string>()
          : "(no id)";
  if (!reader.object(document, "",
                     {"id", "country", "name", "languages", "default_language",
                      "utc_offset_minutes", "minimum_age", "minors", "sim_cap_per_person",
                      "review_business_days", "unregistered_restriction_days", "calendar",
                      "retention", "declaration", "identity_fields", "document_types"})) {
    return invalid(source, std::move(reader.errors));
  }

  std::vector<std::string> languages;
  if (const Json* list = reader.member(document, "", "languages")) {
    languages = reader.string_list(*list, "/languages", [](const std::string& locale) {
      return one_of(kLocales, locale) ? std::string()
                                      : "unknown locale (known: " + list_of(kLocales) + ")";
    });
  }
  const int utc_offset =
      reader.integer(document, "", "utc_offset_minutes", kMinUtcOffset, kMaxUtcOffset).value_or(0);
  auto calendar = read_calendar(reader, document, utc_offset);
  Profile profile(calendar ? std::move(*calendar) : BusinessCalendar({}, {}, {}, utc_offset));
  profile.document_ = document;
  profile.languages_ = languages;

  if (auto id = reader.string(document, "", "id")) {
    if (!is_snake_id(*id)) reader.fail("/id", "must be a lower_snake_case id");
    profile.id_ = *id;
  }
  if (auto country = reader.string(document, "", "country")) {
    if (!is_country_alpha2(*country))
      reader.fail("/country", "not an ISO 3166-1 alpha-2 country code");
    profile.country_ = *country;
  }
  profile.name_ = reader.text(document, "", "name", languages);
  if (auto language = reader.string(document, "", "default_language")) {
    if (std::find(languages.begin(), languages.end(), *language) == languages.end()) {
      reader.fail("/default_language", "must be one of /languages");
    }
    profile.default_language_ = *language;
  }
  profile.minimum_age_ = reader.integer(document, "", "minimum_age", 0, 120).value_or(0);

  if (const Json* minors = reader.member(document, "", "minors");
      minors && reader.object(*minors, "/minors", {"policy", "message"})) {
    if (auto policy = reader.string(*minors, "/minors", "policy")) {
      if (!one_of(kMinorsPolicies, *policy))
        reader.fail("/minors/policy", "must be one of " + list_of(kMinorsPolicies));
      profile.minors_.policy = *policy;
    }
    profile.minors_.message = reader.text(*minors, "/minors", "message", languages);
  }

  if (const Json* cap = reader.member(document, "", "sim_cap_per_person"); cap && !cap->is_null()) {
    profile.sim_cap_per_person_ = reader.integer_value(*cap, "/sim_cap_per_person", 1, 1000);
  }
  profile.review_business_days_ =
      reader.integer(document, "", "review_business_days", 1, 60).value_or(1);
  profile.unregistered_restriction_days_ =
      reader.integer(document, "", "unregistered_restriction_days", 0, 3650).value_or(0);

  if (const Json* retention = reader.member(document, "", "retention");
      retention && reader.object(*retention, "/retention",
                                 {"rejected_application_days", "closed_registration_days",
                                  "document_images_days"})) {
    constexpr int kMaxDays = 36500;
    profile.retention_.rejected_application_days =
        reader.integer(*retention, "/retention", "rejected_application_days", 1, kMaxDays)
            .value_or(0);
    profile.retention_.closed_registration_days =
        reader.integer(*retention, "/retention", "closed_registration_days", 1, kMaxDays)
            .value_or(0);
    profile.retention_.document_images_days =
        reader.integer(*retention, "/retention", "document_images_days", 1, kMaxDays).value_or(0);
  }
  profile.declaration_ = reader.text(document, "", "declaration", languages);

  if (const Json* fields = reader.member(document, "", "identity_fields")) {
    profile.identity_fields_ =
        reader.string_list(*fields, "/identity_fields", [](const std::string& field) {
          return one_of(kIdentityFields, field)
                     ? std::string()
                     : "unknown identity field (known: " + list_of(kIdentityFields) + ")";
        });
    for (std::string_view needed : {"document_type", "document_number"}) {
      if (fields->is_array() &&
          std::find(profile.identity_fields_.begin(), profile.identity_fields_.end(), needed) ==
              profile.identity_fields_.end()) {
        reader.fail("/identity_fields", "must include " + std::string(needed));
      }
    }
  }
  profile.document_types_ = read_document_types(reader, document, languages);

  if (!reader.errors.empty()) return invalid(source, std::move(reader.errors));
  return profile;
}

Result<Profile> parse_profile_text(std::string_view text, std::string_view source) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.what() names the byte offset and what was expected; it never quotes the input.
    return invalid(source, {FieldError{"/", "profile.invalid",
                                       std::string("is not valid JSON: ") + e.what()}});
  }
  auto profile = parse_profile(document);
  if (!profile) return invalid(source, std::move(profile).error().fields);
  return profile;
}

}  // namespace simreg::jurisdiction

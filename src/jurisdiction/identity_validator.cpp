#include "jurisdiction/identity_validator.hpp"

#include <algorithm>

#include "jurisdiction/country_codes.hpp"
#include "jurisdiction/document_validators.hpp"
#include "jurisdiction/phone_number.hpp"

namespace simreg::jurisdiction {

namespace {

struct TextShape {
  bool valid_utf8 = true;
  bool has_control = false;
  std::size_t code_points = 0;
};

// Counts code points and finds C0/C1 controls and DEL; rejects overlong forms and surrogates.
TextShape shape_of(std::string_view text) {
  TextShape shape;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::uint32_t cp = 0;
    std::size_t length = 0;
    if (c < 0x80) {
      cp = c;
      length = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      length = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      length = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07;
      length = 4;
    } else {
      shape.valid_utf8 = false;
      return shape;
    }
    if (i + length > text.size()) {
      shape.valid_utf8 = false;
      return shape;
    }
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) {
        shape.valid_utf8 = false;
        return shape;
      }
      cp = (cp << 6) | (next & 0x3F);
    }
    static constexpr std::uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      shape.valid_utf8 = false;
      return shape;
    }
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) shape.has_control = true;
    ++shape.code_points;
    i += length;
  }
  return shape;
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; });
}

std::string pointer(std::string_view field) { return "/identity/" + std::string(field); }

class Collector {
 public:
  void add(std::string_view field, std::string code, std::string message) {
    errors_.push_back(FieldError{pointer(field), std::move(code), std::move(message)});
  }
  std::vector<FieldError> take() { return std::move(errors_); }

 private:
  std::vector<FieldError> errors_;
};

// Blank, length and character rules shared by every text field. False when the field failed.
bool check_text(Collector& out, std::string_view field, const std::string& value,
                std::size_t max_chars, std::string_view label) {
  if (value.empty() || is_blank(value)) {
    out.add(field, "field.required", std::string(label) + " is required.");
    return false;
  }
  const auto shape = shape_of(value);
  if (!shape.valid_utf8 || shape.has_control) {
    out.add(field, "field.invalid_characters",
            std::string(label) + " contains characters that are not allowed.");
    return false;
  }
  if (shape.code_points > max_chars) {
    out.add(field, "field.too_long",
            std::string(label) + " must be at most " + std::to_string(max_chars) + " characters.");
    return false;
  }
  return true;
}

std::optional<Date> check_date_field(Collector& out, std::string_view field,
                                     const std::string& value, std::string_view label) {
  auto date = parse_date(value);
  if (!date) {
    out.add(field, date.error().code,
            date.error().code == "date.format" ? std::string(label) + " must be written YYYY-MM-DD."
                                               : std::string(label) + " is not a real date.");
    return std::nullopt;
  }
  return *date;
}

constexpr std::size_t kMaxShortFieldChars = 64;

}  // namespace

std::vector<FieldError> validate_identity(const Profile& profile, const Date& today,
                                          const Identity& identity) {
  Collector out;

  if (identity.full_name)
    check_text(out, "full_name", *identity.full_name, kMaxFullNameChars, "Full name");
  if (identity.address) check_text(out, "address", *identity.address, kMaxAddressChars, "Address");

  std::optional<Date> birth;
  if (identity.date_of_birth) {
    birth = check_date_field(out, "date_of_birth", *identity.date_of_birth, "Date of birth");
    if (birth && today < *birth) {
      out.add("date_of_birth", "age.in_future", "Date of birth cannot be in the future.");
      birth.reset();
    } else if (birth && age_on(*birth, today) < profile.minimum_age()) {
      out.add("date_of_birth", "age.under_minimum",
              "You must be at least " + std::to_string(profile.minimum_age()) + " to register. " +
                  profile.minors().message.get("en"));
    }
  }

  std::optional<char> sex;
  if (identity.sex) {
    if (*identity.sex == "F" || *identity.sex == "M") {
      sex = (*identity.sex)[0];
    } else {
      out.add("sex", "sex.invalid", "Sex must be F or M.");
    }
  }

  const DocumentType* type = nullptr;
  if (identity.document_type) {
    type = profile.document_type(*identity.document_type);
    if (type == nullptr) {
      std::string offered;
      for (const auto& t : profile.document_types())
        offered += (offered.empty() ? "" : ", ") + t.id;
      out.add("document_type", "document_type.not_accepted",
              "This document type is not accepted here (accepted: " + offered + ").");
    }
  }

  if (identity.nationality) {
    if (!is_country_alpha2(*identity.nationality)) {
      out.add("nationality", "nationality.invalid",
              "Nationality must be a two-letter ISO 3166-1 country code.");
    } else if (type != nullptr && !type->accepts_nationality(*identity.nationality)) {
      std::string allowed;
      for (const auto& code : *type->nationalities) allowed += (allowed.empty() ? "" : ", ") + code;
      out.add("nationality", "nationality.invalid",
              "A " + type->label.get("en") + " is issued only to nationals of " + allowed + ".");
    }
  }

  if (identity.document_number &&
      check_text(out, "document_number", *identity.document_number, kMaxDocumentNumberChars,
                 "Document number") &&
      type != nullptr) {
    if (const auto* validator = find_validator_by_name(type->validator)) {
      DocumentCheckContext context;
      context.today = today;
      context.date_of_birth = birth;
      context.sex = sex;
      const auto verdict = validator->check(*identity.document_number, context);
      for (const auto& code : verdict.errors) {
        std::string message = "The document number is not valid.";
        if (code == "id.format")
          message =
              "The document number does not have the format of a " + type->label.get("en") + ".";
        if (code == "id.check_digit")
          message = "The document number's check digit is wrong; please check for a typo.";
        if (code == "id.region_unknown")
          message = "The document number's region code does not exist.";
        if (code == "id.birth_date_invalid")
          message = "The birth date in the document number is not a real date.";
        if (code == "id.birth_date_mismatch")
          message = "The document number does not match the date of birth entered.";
        if (code == "id.sex_mismatch")
          message = "The document number does not match the sex entered.";
        out.add("document_number", code, message);
      }
    }
  }

  if (identity.document_expiry) {
    if (auto expiry =
            check_date_field(out, "document_expiry", *identity.document_expiry, "Expiry date");
        expiry && is_expired(*expiry, today)) {
      out.add("document_expiry", "document.expired",
              "The document has expired; please use a valid document.");
    }
  }

  if (identity.contact_phone) {
    if (identity.contact_phone->size() > kMaxShortFieldChars ||
        !check_phone_number(*identity.contact_phone, profile.country()).valid) {
      out.add("contact_phone", "msisdn.invalid",
              "The contact phone number is not a valid phone number.");
    }
  }
  return out.take();
}

std::vector<FieldError> missing_fields(const Profile& profile, const Identity& identity) {
  const auto value_of = [&](std::string_view field) -> const std::optional<std::string>& {
    if (field == "full_name") return identity.full_name;
    if (field == "date_of_birth") return identity.date_of_birth;
    if (field == "sex") return identity.sex;
    if (field == "nationality") return identity.nationality;
    if (field == "address") return identity.address;
    if (field == "document_type") return identity.document_type;
    if (field == "document_number") return identity.document_number;
    if (field == "document_expiry") return identity.document_expiry;
    return identity.contact_phone;
  };
  const DocumentType* type =
      identity.document_type ? profile.document_type(*identity.document_type) : nullptr;
  std::vector<FieldError> missing;
  for (const auto& field : profile.identity_fields()) {
    if (field == "document_expiry" && (type == nullptr || !type->expiry_required)) continue;
    const auto& value = value_of(field);
    if (!value || is_blank(*value)) {
      std::string label = field;
      std::replace(label.begin(), label.end(), '_', ' ');
      label[0] = static_cast<char>(label[0] - 'a' + 'A');
      missing.push_back(FieldError{pointer(field), "field.required", label + " is required."});
    }
  }
  return missing;
}

}  // namespace simreg::jurisdiction

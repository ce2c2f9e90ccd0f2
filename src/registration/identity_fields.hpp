// The identity fields of an application, in form order, with the member each one maps to. One
// table shared by storage (which column), the JSON API (which key) and validation (which path),
// so a new field is added in one place. Pure; thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "registration/application.hpp"

namespace simreg::registration {

struct IdentityField {
  std::string_view name;                       // JSON key and column stem
  std::optional<std::string> Identity::*member;
  bool sealed;                                 // personal value: sealed at rest (document_type is not)
};

inline constexpr std::array<IdentityField, 9> kIdentityFields{{
    {"full_name", &Identity::full_name, true},
    {"date_of_birth", &Identity::date_of_birth, true},
    {"sex", &Identity::sex, true},
    {"nationality", &Identity::nationality, true},
    {"address", &Identity::address, true},
    {"document_type", &Identity::document_type, false},
    {"document_number", &Identity::document_number, true},
    {"document_expiry", &Identity::document_expiry, true},
    {"contact_phone", &Identity::contact_phone, true},
}};

const IdentityField* find_identity_field(std::string_view name);

}  // namespace simreg::registration

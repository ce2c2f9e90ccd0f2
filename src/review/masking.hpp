// Masks personal values for lists and for viewers who do not hold a case: names keep the first
// character of each word ("Z**** S**"), numbers their last 4 characters ("**************1234").
// UTF-8 aware (one * per character). Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace simreg::review {

std::string mask_name(std::string_view name);
std::string mask_number(std::string_view number);
// Dates, addresses and the like: one * per character, nothing kept.
std::string mask_all(std::string_view value);

// The masked form of an identity field by its name (document_type and nationality stay readable);
// null stays null.
nlohmann::json mask_field(std::string_view field, const std::optional<std::string>& value);

}  // namespace simreg::review

// The registry of ID-number validators, by the names profiles use ("validator": "cn_resident_id")
// and by the stable document type ids the CLI takes (`simreg check id --type passport`).
// A constant table; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "jurisdiction/document_check_context.hpp"
#include "jurisdiction/validation_result.hpp"

namespace simreg::jurisdiction {

using DocumentNumberCheck = ValidationResult (*)(std::string_view number,
                                                 const DocumentCheckContext& context);

struct DocumentValidator {
  std::string_view document_type;  // stable document type id, e.g. "passport"
  std::string_view name;           // validator name used in profiles, e.g. "passport_number"
  DocumentNumberCheck check;
};

const std::vector<DocumentValidator>& document_validators();
const DocumentValidator* find_validator_by_name(std::string_view name);
const DocumentValidator* find_validator_by_document_type(std::string_view document_type);
std::vector<std::string> known_document_types();  // in registry order

}  // namespace simreg::jurisdiction

#include "jurisdiction/document_validators.hpp"

#include "jurisdiction/cn_resident_id.hpp"
#include "jurisdiction/passport_number.hpp"
#include "jurisdiction/ph_ids.hpp"
#include "jurisdiction/us_drivers_license.hpp"

namespace simreg::jurisdiction {

const std::vector<DocumentValidator>& document_validators() {
  static const std::vector<DocumentValidator> validators = {
      {"cn_resident_id", "cn_resident_id", &check_cn_resident_id},
      {"passport", "passport_number", &check_passport_number},
      {"ph_philsys_id", "ph_philsys_id", &check_ph_philsys_id},
      {"ph_drivers_license", "ph_drivers_license", &check_ph_drivers_license},
      {"ph_umid", "ph_umid", &check_ph_umid},
      {"us_drivers_license", "us_drivers_license", &check_us_drivers_license},
      {"us_state_id", "us_state_id", &check_us_state_id},
  };
  return validators;
}

const DocumentValidator* find_validator_by_name(std::string_view name) {
  for (const auto& validator : document_validators()) {
    if (validator.name == name) return &validator;
  }
  return nullptr;
}

const DocumentValidator* find_validator_by_document_type(std::string_view document_type) {
  for (const auto& validator : document_validators()) {
    if (validator.document_type == document_type) return &validator;
  }
  return nullptr;
}

std::vector<std::string> known_document_types() {
  std::vector<std::string> types;
  for (const auto& validator : document_validators()) types.emplace_back(validator.document_type);
  return types;
}

}  // namespace simreg::jurisdiction

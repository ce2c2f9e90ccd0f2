#include "jurisdiction/check_commands.hpp"

#include <cctype>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "jurisdiction/dates.hpp"
#include "jurisdiction/document_validators.hpp"
#include "jurisdiction/iccid.hpp"
#include "jurisdiction/mrz.hpp"
#include "jurisdiction/phone_number.hpp"
#include "jurisdiction/profile_loader.hpp"

namespace simreg::jurisdiction {

namespace {

constexpr int kValid = 0;
constexpr int kInvalid = 1;
constexpr int kUsageError = 2;

struct IdOptions {
  std::string type;
  std::string number;
  std::string dob;
  std::string sex;
  std::string state;
};

struct MsisdnOptions {
  std::string number;
  std::string country;
  std::string profile;
};

int emit(std::ostream& out, const nlohmann::ordered_json& json, bool valid) {
  out << json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  return valid ? kValid : kInvalid;
}

Date today_of(const Clock& clock) { return local_date(clock.now_ms(), 0); }

int run_id(const IdOptions& options, std::ostream& out, std::ostream& err, const Clock& clock) {
  const auto* validator = find_validator_by_document_type(options.type);
  if (validator == nullptr) {
    std::string known;
    for (const auto& type : known_document_types()) known += (known.empty() ? "" : ", ") + type;
    err << "simreg: unknown document type \"" << options.type << "\"; known types: " << known
        << "\n";
    return kUsageError;
  }
  DocumentCheckContext context;
  context.today = today_of(clock);
  if (!options.dob.empty()) context.date_of_birth = *parse_date(options.dob);  // checked by CLI11
  if (!options.sex.empty()) context.sex = options.sex[0];
  context.state = options.state;
  const auto result = validator->check(options.number, context);
  return emit(out, result.to_json(), result.valid);
}

int run_msisdn(const MsisdnOptions& options, std::ostream& out, std::ostream& err) {
  std::string country = options.country;
  for (char& c : country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (country.empty()) {
    auto profile = load_profile(options.profile);
    if (!profile) {
      err << "simreg: " << profile.error().detail << " (" << profile.error().code << ")\n";
      return kUsageError;
    }
    country = profile->msisdn_region();
  }
  if (!is_phone_region(country)) {
    err << "simreg: --country \"" << country
        << "\" is not an ISO 3166-1 alpha-2 code with a numbering plan\n";
    return kUsageError;
  }
  const auto result = check_msisdn(options.number, country);
  return emit(out, result.to_json(), result.valid);
}

}  // namespace

void add_check_commands(CLI::App& check, std::function<int()>& action,
                        const std::string& profile_id_default) {
  static const SystemClock kSystemClock;
  add_check_commands(check, action, profile_id_default, std::cout, std::cerr, kSystemClock);
}

void add_check_commands(CLI::App& check, std::function<int()>& action,
                        const std::string& profile_id_default, std::ostream& out, std::ostream& err,
                        const Clock& clock) {
  auto* id = check.add_subcommand("id", "Check an ID document number (exit 0 valid, 1 invalid)");
  auto id_options = std::make_shared<IdOptions>();
  std::string type_help = "Document type:";
  for (const auto& type : known_document_types()) type_help += " " + type;
  id->add_option("--type", id_options->type, type_help)->required();
  id->add_option("number", id_options->number, "The document number as printed")->required();
  id->add_option("--dob", id_options->dob,
                 "Date of birth entered (YYYY-MM-DD), checked against the number")
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            auto date = parse_date(value);
            return date ? std::string() : "--dob: " + date.error().detail;
          },
          "YYYY-MM-DD"));
  id->add_option("--sex", id_options->sex, "Sex entered (F or M), checked against the number")
      ->check(CLI::IsMember({"F", "M"}));
  id->add_option("--state", id_options->state, "Issuing US state (two letters) for US documents");
  id->callback([&action, &out, &err, &clock, id_options] {
    action = [&out, &err, &clock, id_options] { return run_id(*id_options, out, err, clock); };
  });

  auto* mrz =
      check.add_subcommand("mrz", "Check a passport or ID-card MRZ (TD3: 2 lines, TD1: 3 lines)");
  auto mrz_lines = std::make_shared<std::vector<std::string>>();
  mrz->add_option("lines", *mrz_lines, "LINE1 LINE2 [LINE3], quoted (they contain '<')")
      ->required()
      ->expected(2, 3);
  mrz->callback([&action, &out, &clock, mrz_lines] {
    action = [&out, &clock, mrz_lines] {
      const auto result = check_mrz(*mrz_lines, today_of(clock));
      return emit(out, result.to_json(), result.result.valid);
    };
  });

  auto* iccid = check.add_subcommand("iccid", "Check a SIM card ICCID (19-20 digits, Luhn)");
  auto iccid_number = std::make_shared<std::string>();
  iccid->add_option("number", *iccid_number, "The ICCID")->required();
  iccid->callback([&action, &out, iccid_number] {
    action = [&out, iccid_number] {
      const auto result = check_iccid(*iccid_number);
      return emit(out, result.to_json(), result.valid);
    };
  });

  auto* msisdn = check.add_subcommand("msisdn", "Check a SIM line's phone number (libphonenumber)");
  auto msisdn_options = std::make_shared<MsisdnOptions>();
  msisdn
      ->add_option("number", msisdn_options->number,
                   "The number, international (+86...) or national")
      ->required();
  msisdn->add_option("--country", msisdn_options->country,
                     "Country the number must belong to (ISO alpha-2); default: the profile's");
  msisdn_options->profile = profile_id_default;
  msisdn
      ->add_option("--profile", msisdn_options->profile,
                   "Jurisdiction profile whose country is the default --country")
      ->envname("SIMREG_PROFILE")
      ->capture_default_str();
  msisdn->callback([&action, &out, &err, msisdn_options] {
    action = [&out, &err, msisdn_options] { return run_msisdn(*msisdn_options, out, err); };
  });
}

}  // namespace simreg::jurisdiction

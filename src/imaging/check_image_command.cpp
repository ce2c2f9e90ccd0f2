#include "imaging/check_image_command.hpp"

#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "imaging/image_inspector.hpp"
#include "imaging/quality_messages.hpp"

namespace simreg::imaging {
namespace {

constexpr int kAccepted = 0;
constexpr int kRejected = 1;
constexpr int kUsage = 2;

nlohmann::json output(bool accepted, const std::vector<std::string>& reasons, nlohmann::json measurements,
                      const std::string& locale) {
  nlohmann::json messages = nlohmann::json::array();
  for (const auto& code : reasons) messages.push_back(reason_json(code, locale));
  return {{"accepted", accepted},
          {"reasons", reasons},
          {"measurements", std::move(measurements)},
          {"messages", std::move(messages)}};
}

}  // namespace

int run_check_image(const CheckImageOptions& options, std::ostream& out, std::ostream& err) {
  std::ifstream in(options.file, std::ios::binary);
  std::ostringstream buffer;
  if (in) buffer << in.rdbuf();
  if (!in || in.bad()) {
    err << "simreg: cannot read " << options.file << "\n";
    return kUsage;
  }
  const std::string bytes = buffer.str();
  auto inspection = inspect_image(bytes, options.content_type, options.kind, options.limits);
  if (!inspection) {
    const Error& error = inspection.error();
    if (error.kind == ErrorKind::internal) {
      err << "simreg: " << error.detail << " (" << error.code << ")\n";
      return kRejected;
    }
    out << output(false, {error.code}, {{"bytes", bytes.size()}}, options.locale).dump() << "\n";
    return kRejected;
  }
  const QualityReport& report = inspection->report;
  out << output(report.accepted, report.reasons, report.measurements, options.locale).dump() << "\n";
  return report.accepted ? kAccepted : kRejected;
}

void add_check_image_command(CLI::App& check, std::function<int()>& action) {
  auto options = std::make_shared<CheckImageOptions>();
  auto* command = check.add_subcommand("image", "Check a document photo or selfie like an upload; prints JSON");
  command->add_option("file", options->file, "Picture file (JPEG, PNG or WebP)")->required();
  std::map<std::string, ImageKind> kinds;
  for (ImageKind kind : kAllImageKinds) kinds.emplace(std::string(image_kind_name(kind)), kind);
  command->add_option("--kind", options->kind, "id_front, id_back, passport or selfie")
      ->required()
      ->transform(CLI::CheckedTransformer(kinds));
  command->add_option("--locale", options->locale, "Language of the messages: en or zh-CN")
      ->check(CLI::IsMember({"en", "zh-CN"}));
  command->add_option("--content-type", options->content_type,
                      "Declared type, as an upload's Content-Type (default: from the bytes)");
  command->callback([options, &action] {
    action = [options] { return run_check_image(*options, std::cout, std::cerr); };
  });
}

}  // namespace simreg::imaging

#include "sims/import_command.hpp"

#include <unistd.h>

#include <cmath>
#include <iostream>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

namespace simreg::sims {
namespace {

struct ImportArguments {
  std::string file;
  bool skip_invalid = false;
  bool json = false;
  bool progress = false;
  int threads = 0;
};

void print_problem(std::ostream& err, const RowProblem& problem, bool json) {
  if (json) {
    nlohmann::ordered_json line = {
        {"line", problem.line}, {"field", problem.field}, {"code", problem.code}};
    if (problem.first_line != 0) line["first_line"] = problem.first_line;
    err << line.dump() << "\n";
    return;
  }
  err << "line " << problem.line << ": " << problem.field << " " << problem.code;
  if (problem.first_line != 0) err << " (first on line " << problem.first_line << ")";
  err << "\n";
}

void print_summary(std::ostream& out, const ImportReport& report, bool json) {
  const double rate =
      report.seconds > 0 ? static_cast<double>(report.rows_read) / report.seconds : 0.0;
  if (json) {
    out << nlohmann::ordered_json{{"stored", report.stored},
                                  {"read", report.rows_read},
                                  {"imported", report.imported},
                                  {"skipped", report.skipped},
                                  {"duplicates", report.duplicates},
                                  {"seconds", std::round(report.seconds * 1000) / 1000},
                                  {"rows_per_second", std::round(rate)}}
               .dump()
        << "\n";
    return;
  }
  if (report.stored) {
    out << fmt::format(
        "Imported {} of {} rows; skipped {} ({} duplicates); {:.2f} s, {:.0f} rows/s.\n",
        report.imported, report.rows_read, report.skipped, report.duplicates, report.seconds, rate);
  } else {
    out << fmt::format(
        "Nothing imported: {} of {} rows have problems ({} duplicates); {:.2f} s. Fix them, or "
        "pass --skip-invalid to import the other {}.\n",
        report.skipped, report.rows_read, report.duplicates, report.seconds,
        report.rows_read - report.skipped);
  }
}

int run_import(const ImportArguments& args, const ImportEnvironmentSource& environment,
               std::ostream& out, std::ostream& err, bool err_is_terminal) {
  const auto fail = [&](const Error& error) {
    if (args.json) {
      err << nlohmann::ordered_json{{"error", error.code}, {"detail", error.detail}}.dump() << "\n";
    } else {
      err << "simreg: " << error.detail << " (" << error.code << ")\n";
    }
    return 1;
  };
  auto env = environment();
  if (!env) return fail(env.error());
  ImportOptions options;
  options.skip_invalid = args.skip_invalid;
  options.threads = args.threads;
  if (args.progress || err_is_terminal) {
    options.progress = [&](std::size_t done, std::size_t total) {
      if (args.json) {
        err << nlohmann::ordered_json{{"progress", {{"done", done}, {"total", total}}}}.dump()
            << "\n";
      } else {
        err << fmt::format("sims import: {} / {} rows\n", done, total);
      }
      err.flush();
    };
  }
  auto report = import_sims_file(*env, args.file, options);
  if (!report) return fail(report.error());
  for (const auto& problem : report->problems) print_problem(err, problem, args.json);
  print_summary(out, *report, args.json);
  return report->stored ? 0 : 1;
}

}  // namespace

void add_sims_commands(CLI::App& sims, std::function<int()>& action,
                       ImportEnvironmentSource environment,
                       const std::function<void(CLI::App&)>& add_shared_options, std::ostream& out,
                       std::ostream& err, bool err_is_terminal) {
  auto args = std::make_shared<ImportArguments>();
  auto source = std::make_shared<ImportEnvironmentSource>(std::move(environment));
  auto* import = sims.add_subcommand(
      "import",
      "Stock SIM lines from a CSV: msisdn,iccid[,imsi][,activated_at] (header row optional)");
  if (add_shared_options) add_shared_options(*import);
  import->add_option("file", args->file, "CSV file")->required();
  import->add_flag("--skip-invalid", args->skip_invalid,
                   "Import the good rows even when some rows are bad");
  import->add_flag("--json", args->json, "Bad rows and the summary as JSON lines");
  import->add_flag("--progress", args->progress,
                   "Report progress on stderr even when it is not a terminal");
  import
      ->add_option("--threads", args->threads,
                   "Threads that parse, check and seal rows (default: one per core)")
      ->check(CLI::Range(1, 256));
  import->callback([&action, args, source, &out, &err, err_is_terminal] {
    action = [args, source, &out, &err, err_is_terminal] { return run_import(*args, *source, out, err, err_is_terminal);
};
}  // namespace simreg::sims
);
}

void add_sims_commands(CLI::App& sims, std::function<int()>& action,
                       ImportEnvironmentSource environment,
                       const std::function<void(CLI::App&)>& add_shared_options) {
  add_sims_commands(sims, action, std::move(environment), add_shared_options, std::cout, std::cerr,
                    ::isatty(STDERR_FILENO) == 1);
}

}  // namespace simreg::sims

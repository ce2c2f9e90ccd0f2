// `simreg sims import FILE.csv [--skip-invalid] [--json] [--progress] [--threads N]`. Bad rows to
// stderr (line, column, reason code; never values), a summary to stdout, progress on stderr every
// 100,000 rows when it is a terminal or with --progress. Exit 0 when stored, 1 when nothing was.
// Registration is not thread-safe.
#pragma once

#include <functional>
#include <iosfwd>

#include "core/result.hpp"
#include "sims/sim_import.hpp"

namespace CLI {
class App;
}

namespace simreg::sims {

// Opens what an import needs (database, keys, clock, profile) only once the command runs.
using ImportEnvironmentSource = std::function<Result<ImportEnvironment>()>;

// Adds `import` under `sims`. When it is parsed, its callback sets `action` to the command's body;
// main runs it after parsing. `add_shared_options` (e.g. the storage options) is applied to each
// added subcommand. `action` and `environment` must outlive the parse and the action.
void add_sims_commands(CLI::App& sims, std::function<int()>& action,
                       ImportEnvironmentSource environment,
                       const std::function<void(CLI::App&)>& add_shared_options = {});

// The same, writing to `out` / `err`; `err_is_terminal` decides progress without --progress.
// Both streams must outlive the action.
void add_sims_commands(CLI::App& sims, std::function<int()>& action,
                       ImportEnvironmentSource environment,
                       const std::function<void(CLI::App&)>& add_shared_options, std::ostream& out,
                       std::ostream& err, bool err_is_terminal);

}  // namespace simreg::sims

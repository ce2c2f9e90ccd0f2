// `simreg check id|mrz|iccid|msisdn`: operator and test commands that print one JSON object
// {"valid", "errors", "fields"[, "checks"]} and whose action returns 0 (valid), 1 (invalid) or 2
// (a usage error found after parsing, such as an unknown --type). Registration is not thread-safe.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace simreg {
class Clock;
}

namespace simreg::jurisdiction {

// Adds the four subcommands under `check`. When one is parsed, its callback sets `action` to the
// command's body; main runs it after parsing. `profile_id_default` is copied: its bundled profile
// gives `check msisdn` its default --country. `action` must outlive the parse.
void add_check_commands(CLI::App& check, std::function<int()>& action,
                        const std::string& profile_id_default);

// The same, writing to `out` / `err` and taking "today" (birth dates, MRZ centuries) from `clock`;
// all three must outlive the action.
void add_check_commands(CLI::App& check, std::function<int()>& action,
                        const std::string& profile_id_default, std::ostream& out, std::ostream& err,
                        const Clock& clock);

}  // namespace simreg::jurisdiction

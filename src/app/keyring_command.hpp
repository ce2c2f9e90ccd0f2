// `simreg keyring status|rotate-data-key|rotate-signing-key`: the operator's view of the keyring
// file and its two rotations. Rotation rewrites the file atomically; running servers keep the keys
// they loaded until restarted, and every earlier key stays so old rows and checkpoints still open
// and verify. A keyring injected through SIMREG_KEYRING is managed in the secret store, not here.
// Registration is not thread-safe.
#pragma once

#include <functional>

#include "config/config.hpp"

namespace CLI {
class App;
}

namespace simreg::app {

// Adds the subcommands under `keyring`; when one is parsed, `action` is set to its body (exit 0,
// 1 on an error, printed to stderr). `storage` is read when the action runs, after parsing.
void add_keyring_commands(CLI::App& keyring, std::function<int()>& action, config::StorageConfig& storage);

}  // namespace simreg::app

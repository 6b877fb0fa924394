// Process set-up shared by Duban's programs: signal handling for a clean stop and locating the
// default config file.
//
// Thread rules: InstallStopHandler is called once from main() before threads start.
#pragma once

#include <atomic>
#include <string>

namespace duban {

// SIGINT and SIGTERM set the returned flag (and a second signal exits at once).
std::atomic<bool>& InstallStopHandler();

// SIGHUP sets the returned flag (the caller clears it when it has read its files again).
std::atomic<bool>& InstallReloadHandler();

// The config file to use when --config is not given: $DUBAN_CONFIG, else ./config/duban.toml if it
// exists, else "" (built-in defaults).
std::string DefaultConfigPath();

}  // namespace duban

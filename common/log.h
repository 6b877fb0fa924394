// Logging set-up: one spdlog logger per module, named like its folder ("broker.router",
// "worker.assignment"), all writing to stderr with the same pattern.
//
// Thread rules: SetupLogging is called once from main() before threads start; Logger() is
// thread-safe (spdlog's registry is).
#pragma once

#include <memory>
#include <string>

#include <spdlog/spdlog.h>

#include "common/status.h"

namespace duban {

// level: trace|debug|info|warn|error|off. Returns InvalidArgument for another word.
Status SetupLogging(const std::string& level);

// The logger for a module, created on first use with the shared sink and level.
std::shared_ptr<spdlog::logger> Logger(const std::string& name);

}  // namespace duban

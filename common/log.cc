#include "common/log.h"

#include <mutex>

#include <spdlog/sinks/stdout_sinks.h>

namespace duban {
namespace {
std::mutex g_mu;  // guards g_level and logger creation
spdlog::level::level_enum g_level = spdlog::level::info;
}  // namespace

Status SetupLogging(const std::string& level) {
  auto lvl = spdlog::level::from_str(level);
  if (lvl == spdlog::level::off && level != "off") {
    return InvalidArgument("unknown log level '" + level + "' (trace|debug|info|warn|error|off)");
  }
  std::lock_guard<std::mutex> lock(g_mu);
  g_level = lvl;
  spdlog::set_level(lvl);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ [%n] %v");
  return Status::Ok();
}

std::shared_ptr<spdlog::logger> Logger(const std::string& name) {
  if (auto existing = spdlog::get(name)) return existing;
  std::lock_guard<std::mutex> lock(g_mu);
  if (auto existing = spdlog::get(name)) return existing;
  auto logger = spdlog::stderr_logger_mt(name);
  logger->set_level(g_level);
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ [%n] %v");
  return logger;
}

}  // namespace duban

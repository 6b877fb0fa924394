#include "common/process.h"

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace duban {
namespace {
std::atomic<bool> g_stop{false};

void OnSignal(int) {
  if (g_stop.exchange(true)) _exit(130);
}
}  // namespace

std::atomic<bool>& InstallStopHandler() {
  struct sigaction sa{};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  return g_stop;
}

std::string DefaultConfigPath() {
  if (const char* env = std::getenv("DUBAN_CONFIG"); env != nullptr && *env != '\0') return env;
  if (std::filesystem::exists("config/duban.toml")) return "config/duban.toml";
  return "";
}

}  // namespace duban

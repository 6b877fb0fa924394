#include "common/process.h"

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace duban {
namespace {
std::atomic<bool> g_stop{false};
std::atomic<bool> g_reload{false};

void OnHangup(int) { g_reload = true; }

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

std::atomic<bool>& InstallReloadHandler() {
  struct sigaction sa{};
  sa.sa_handler = OnHangup;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGHUP, &sa, nullptr);
  return g_reload;
}

std::string DefaultConfigPath() {
  if (const char* env = std::getenv("DUBAN_CONFIG"); env != nullptr && *env != '\0') return env;
  if (std::filesystem::exists("config/duban.toml")) return "config/duban.toml";
  return "";
}

}  // namespace duban

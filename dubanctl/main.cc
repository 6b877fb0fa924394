// dubanctl: the staff command-line client of the broker's duban.* services. main() only wires:
// global options, one CLI11 subcommand per row of the command table (commands.h), the optional
// config for display, then the chosen command's action. Exit codes: broker_client.h.
#include <CLI/CLI.hpp>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "dubanctl/broker_client.h"
#include "dubanctl/commands.h"

namespace {

using namespace duban::ctl;

// Reads unit names and the time zone from --config; exit 4 when the file is unusable.
int LoadDisplayConfig(Context* ctx) {
  if (ctx->options.config.empty()) return kExitOk;
  auto cfg = duban::config::LoadConfig(ctx->options.config);
  if (!cfg.ok()) {
    std::cerr << "error: --config: " << cfg.status().message() << '\n';
    return kExitBadFile;
  }
  for (const auto& u : cfg->units) ctx->unit_names[u.id] = u.name;
  ctx->utc_offset_minutes = cfg->jurisdiction.utc_offset_minutes;
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "dubanctl: the staff command-line client of Duban (人大代表建议办理督办). It talks to\n"
      "duban-broker's duban.* services over ZeroMQ (7/MDP): submit suggestions, follow them,\n"
      "assign them, and watch the queues.",
      "dubanctl"};
  app.footer(std::string("\n") + kExitCodesHelp +
             "\nEnvironment:\n"
             "  DUBAN_BROKER  broker endpoint when --broker is not given\n"
             "  DUBAN_CONFIG  config file when --config is not given\n"
             "  DUBAN_ACTOR   default --actor of assign\n"
             "\nRun `dubanctl COMMAND --help` for a command's options and an example.");
  app.require_subcommand(1);
  app.fallthrough();  // global options may come after the command: dubanctl list --json

  Context ctx;
  GlobalOptions& g = ctx.options;
  app.add_option("--broker", g.broker, "Broker endpoint (env DUBAN_BROKER)")
      ->envname("DUBAN_BROKER")
      ->capture_default_str();
  app.add_option("--timeout", g.timeout_ms, "Milliseconds to wait for each reply")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{3600000}));
  app.add_flag("--json", g.json, "Print replies as JSON (UTF-8) for scripts");
  app.add_option("--config", g.config,
                 "duban.toml to read unit names and the time zone from, for display, and the "
                 "working calendar for `calendar` (env DUBAN_CONFIG; default: unit ids, UTC+8; "
                 "`calendar` falls back to ./config/duban.toml)")
      ->envname("DUBAN_CONFIG");

  std::vector<std::pair<CLI::App*, Action>> actions;
  for (const Command& c : Commands()) {
    CLI::App* sub = app.add_subcommand(c.name, c.description);
    sub->footer(std::string("\n") + c.example);
    actions.emplace_back(sub, c.set_up(*sub));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help prints and exits 0; every other parse error is a usage error, whatever CLI11's own
    // number for it, so scripts see one code.
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }

  if (int rc = LoadDisplayConfig(&ctx); rc != kExitOk) return rc;
  for (auto& [sub, action] : actions) {
    if (sub->parsed()) return action(ctx);
  }
  return kExitUsage;  // unreachable: require_subcommand(1)
}

// dubanctl: the staff command-line client of the broker's duban.* services. main() only wires:
// global options, one CLI11 subcommand per row of the command table (commands.h), the optional
// config for display, then the chosen command's action. Exit codes: broker_client.h.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
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

// The key files: flags, else DUBAN_KEY and DUBAN_SERVER_KEY, else the local key set scripts/run
// makes ($DUBAN_KEY_DIR, default ./var/keys: dubanctl.key, or NAME.key with --as NAME, and
// broker.pub) when both are there. Exit 4 when a file named cannot be used.
int LoadKeys(GlobalOptions* g) {
  if (g->no_key) return kExitOk;
  auto env = [](const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
  };
  if (g->key.empty()) g->key = env("DUBAN_KEY");
  if (g->server_key.empty()) g->server_key = env("DUBAN_SERVER_KEY");
  std::string dir = env("DUBAN_KEY_DIR");
  if (dir.empty()) dir = "var/keys";
  if (!g->as.empty()) {
    if (!std::filesystem::exists(dir + "/" + g->as + ".key")) {
      std::cerr << "error: --as " << g->as << ": no key " << dir << "/" << g->as
                << ".key (make one with `dubanctl keys new " << g->as << " --role ... --dir " << dir
                << "`)\n";
      return kExitBadFile;
    }
    g->key = dir + "/" + g->as + ".key";
    if (g->server_key.empty()) g->server_key = dir + "/broker.pub";
  }
  if (g->key.empty() && g->server_key.empty() && std::filesystem::exists(dir + "/dubanctl.key") &&
      std::filesystem::exists(dir + "/broker.pub")) {
    g->key = dir + "/dubanctl.key";
    g->server_key = dir + "/broker.pub";
  }
  auto curve = duban::transport::LoadClientCurve(g->key, g->server_key);
  if (!curve.ok()) {
    std::cerr << "error: " << curve.status().message() << '\n';
    return kExitBadFile;
  }
  g->curve = std::move(curve).value();
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
             "  DUBAN_KEY, DUBAN_SERVER_KEY  key files when --key, --server-key are not given\n"
             "  DUBAN_KEY_DIR  where to find dubanctl.key and broker.pub when neither is given\n"
             "                 (default ./var/keys, the key set scripts/run makes)\n"
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
  app.add_option("--key", g.key,
                 "this client's key file (CurveZMQ; `dubanctl keys new`), for a broker with keys");
  app.add_option("--server-key", g.server_key, "the broker's public key file (broker.pub)");
  app.add_option("--as", g.as,
                 "act with the key NAME of the local key set ($DUBAN_KEY_DIR or ./var/keys), "
                 "e.g. --as jyj-clerk");
  app.add_option("--on-behalf", g.on_behalf,
                 "ROLE/PERSON, e.g. unit:jyj/张三: act for that person (a key with the delegate "
                 "role only; the timeline records KEY(as ROLE/PERSON))");
  app.add_flag("--no-key", g.no_key,
               "connect without a key: a broker without keys, or its public endpoint (status)");
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
    if (!sub->parsed()) continue;
    if (sub->get_name() != "keys") {  // the one command that talks to no broker
      if (int rc = LoadKeys(&ctx.options); rc != kExitOk) return rc;
    }
    return action(ctx);
  }
  return kExitUsage;  // unreachable: require_subcommand(1)
}

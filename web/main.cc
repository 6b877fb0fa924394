// duban-web: the web workbench of Duban for handling units' clerks, deputies, staff and directors
// (docs/web.md). main() only wires: flags, the optional config (unit names, result classes,
// satisfaction levels, time zone), logging, the accounts, the DelegateLink to the broker and the
// HTTP server, then waits for SIGINT/SIGTERM. `duban-web account ...` edits the accounts file and
// exits (web/account_command.h).
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <thread>

#include "common/http/hosts.h"
#include "common/log.h"
#include "common/loopback.h"
#include "common/process.h"
#include "common/transport/curve_keys.h"
#include "config/config.h"
#include "web/account_command.h"
#include "web/web_server.h"

namespace {

constexpr char kDefaultAccounts[] = "var/web/accounts.json";

duban::web::Vocabulary VocabularyOf(const duban::config::Config& cfg) {
  duban::web::Vocabulary v;
  for (const auto& u : cfg.units) v.unit_names[u.id] = u.name;
  for (const auto& c : cfg.result_classes) v.classes.emplace_back(c.code, c.name);
  for (const auto& l : cfg.satisfaction_levels) v.levels.emplace_back(l.code, l.name);
  v.utc_offset_minutes = cfg.jurisdiction.utc_offset_minutes;
  v.staff_decision_days = cfg.jurisdiction.staff_decision_days;
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace duban;
  using namespace duban::web;
  CLI::App app{
      "duban-web: the Duban workbench (督办工作台) for handling units, deputies, staff and\n"
      "directors, over HTTP on this machine. It talks to the broker as a program with its own\n"
      "key holding the delegate role, and acts for each signed-in person (duban.as).\n"
      "Example: duban-web --broker tcp://127.0.0.1:5555 --key var/keys/web.key \\\n"
      "           --server-key var/keys/broker.pub --accounts var/web/accounts.json\n"
      "Accounts: duban-web account add NAME --role unit:jyj --display 张三 (password on stdin)",
      "duban-web"};
  app.require_subcommand(0, 1);
  std::string listen = "127.0.0.1:8090", broker = "tcp://127.0.0.1:5555";
  std::string accounts_path = kDefaultAccounts, config_path = DefaultConfigPath();
  std::string log_level = "info", key_file, server_key_file;
  std::int64_t timeout_ms = 5000, session_hours = 8, public_per_minute = 30;
  std::string public_broker, public_url;
  bool behind_proxy = false;
  std::vector<std::string> allowed_hosts;
  app.add_option("--listen", listen,
                 "ADDRESS:PORT to serve on; a loopback address only (plain HTTP: put a TLS proxy "
                 "in front, named with --allowed-host, to serve other machines)")
      ->capture_default_str();
  app.add_option("--allowed-host", allowed_hosts,
                 "a NAME[:PORT] browsers may use besides the --listen address (repeatable; any "
                 "other Host header is refused: DNS rebinding)")
      ->allow_extra_args(false);
  app.add_option("--accounts", accounts_path, "the accounts file (env DUBAN_WEB_ACCOUNTS)")
      ->envname("DUBAN_WEB_ACCOUNTS")
      ->capture_default_str();
  app.add_option("--broker", broker, "broker endpoint (env DUBAN_BROKER)")
      ->envname("DUBAN_BROKER")
      ->capture_default_str();
  app.add_option("--key", key_file,
                 "duban-web's own key file, for a broker with keys (registry role: delegate)")
      ->envname("DUBAN_KEY");
  app.add_option("--server-key", server_key_file, "the broker's public key file (broker.pub)")
      ->envname("DUBAN_SERVER_KEY");
  app.add_option("--timeout", timeout_ms, "milliseconds to wait for each broker reply")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{100}, std::int64_t{60000}));
  app.add_option("--config", config_path,
                 "duban.toml for unit names, result classes, satisfaction levels and the time "
                 "zone (default $DUBAN_CONFIG or ./config/duban.toml; without one: ids and the "
                 "defaults)");
  app.add_option("--session-hours", session_hours, "a session ends this long after sign-in")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{24 * 7}));
  app.add_option("--public-broker", public_broker,
                 "the broker's PUBLIC endpoint (its --public-bind), for the public page per code "
                 "/p/CODE (一事一码); without it that page answers 503 (env DUBAN_PUBLIC_BROKER)")
      ->envname("DUBAN_PUBLIC_BROKER");
  app.add_option("--public-url", public_url,
                 "the base URL the QR code on a reply letter points at, e.g. https://duban.example "
                 "(default: http://<the Host the page was asked with>)");
  app.add_flag("--behind-proxy", behind_proxy,
               "a proxy on this machine (the TLS proxy of --allowed-host) forwards every request: "
               "count each client by the last address of X-Forwarded-For, not by the proxy's");
  app.add_option("--public-per-minute", public_per_minute,
                 "requests of the public page per client address per minute, then 429")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{100000}));
  app.add_option("--log-level", log_level, "trace|debug|info|warn|error")->capture_default_str();

  // ---- duban-web account ... ----
  CLI::App* account = app.add_subcommand("account", "edit the accounts file and exit");
  account->require_subcommand(1);
  account->fallthrough();  // --accounts may come after the subcommand too
  std::string name, role, display;
  CLI::App* add = account->add_subcommand(
      "add", "add an account; its password is read from stdin (prompted twice on a terminal)");
  add->add_option("NAME", name, "login name: 1..64 of A-Z a-z 0-9 . _ -")->required();
  add->add_option("--role", role, "staff | unit:<id> | deputy:<id> | director:<name>")->required();
  add->add_option("--display", display,
                  "the name people and the timeline see, e.g. 张三 (unique among accounts)")
      ->required();
  CLI::App* reset = account->add_subcommand(
      "reset-password", "set a new password (from stdin); the sessions of the account go on");
  reset->add_option("NAME", name, "login name")->required();
  CLI::App* disable = account->add_subcommand(
      "disable", "the account can no longer sign in, and its sessions end");
  disable->add_option("NAME", name, "login name")->required();
  CLI::App* enable = account->add_subcommand("enable", "allow a disabled account again");
  enable->add_option("NAME", name, "login name")->required();
  CLI::App* list = account->add_subcommand("list", "the accounts: name, role, display name");
  for (CLI::App* sub : {add, reset, disable, enable, list}) sub->fallthrough();
  app.footer(
      "Exit codes: 0 ok; 1 refused (account exists or is unknown, password too short or the two "
      "entries differ; the server: cannot listen); 2 usage; 4 the accounts file cannot be read, "
      "parsed or written.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : kExitUsage;
  }

  if (account->parsed()) {
    CommandIo io{std::cin, std::cout, std::cerr};
    if (add->parsed()) return AccountAdd(accounts_path, name, role, display, io);
    if (reset->parsed()) return AccountResetPassword(accounts_path, name, io);
    if (disable->parsed()) return AccountSetDisabled(accounts_path, name, true, io);
    if (enable->parsed()) return AccountSetDisabled(accounts_path, name, false, io);
    if (list->parsed()) return AccountList(accounts_path, io);
    return kExitUsage;
  }

  if (Status s = SetupLogging(log_level); !s.ok()) {
    std::cerr << "duban-web: " << s.ToString() << "\n";
    return kExitUsage;
  }
  auto log = Logger("web");
  auto address = http::ParseListenAddress(listen);
  if (!address.ok()) {
    std::cerr << "duban-web: --listen: " << address.status().message() << "\n";
    return kExitUsage;
  }
  if (!IsLoopbackHost(address->host)) {
    std::cerr << "duban-web: --listen " << listen
              << ": only a loopback address (the session cookie travels in plain HTTP); serve "
                 "other machines through a TLS proxy named with --allowed-host\n";
    return kExitUsage;
  }
  auto curve = transport::LoadClientCurve(key_file, server_key_file);
  if (!curve.ok()) {
    std::cerr << "duban-web: " << curve.status().ToString() << "\n";
    return kExitUsage;
  }
  Vocabulary vocabulary = DefaultVocabulary();
  if (!config_path.empty()) {
    auto cfg = config::LoadConfig(config_path);
    if (!cfg.ok()) {
      std::cerr << "duban-web: " << cfg.status().ToString() << "\n";
      return kExitUsage;
    }
    vocabulary = VocabularyOf(*cfg);
  }
  SystemClock clock;
  auto book = AccountBook::Open(accounts_path, clock);
  if (!book.ok()) {
    std::cerr << "duban-web: " << book.status().message() << "\n";
    return kExitBadFile;
  }
  auto link = DelegateLink::Create(broker, timeout_ms, std::move(curve).value());
  if (!link.ok()) {
    std::cerr << "duban-web: --broker: " << link.status().message() << "\n";
    return kExitUsage;
  }
  std::unique_ptr<PublicLink> public_link;
  if (!public_broker.empty()) {
    auto made = PublicLink::Create(public_broker, timeout_ms);
    if (!made.ok()) {
      std::cerr << "duban-web: --public-broker: " << made.status().message() << "\n";
      return kExitUsage;
    }
    public_link = std::move(made).value();
  }
  if (!public_url.empty()) {
    bool ok = public_url.size() <= 200 &&
              (public_url.rfind("https://", 0) == 0 || public_url.rfind("http://", 0) == 0);
    for (char c : public_url) ok = ok && c > 0x20 && c < 0x7f && c != '"' && c != '<' && c != '>';
    if (!ok) {
      std::cerr << "duban-web: --public-url: an http:// or https:// URL of at most 200 bytes\n";
      return kExitUsage;
    }
    while (!public_url.empty() && public_url.back() == '/') public_url.pop_back();
  }
  WebOptions options;
  options.public_limit = static_cast<std::size_t>(public_per_minute);
  options.public_url = public_url;
  options.behind_proxy = behind_proxy;
  options.host = address->host;
  options.port = address->port;
  options.allowed_hosts = allowed_hosts;
  options.session_ttl_ms = session_hours * 3600 * 1000;

  auto& stop = InstallStopHandler();
  auto server = WebServer::Create(options, **book, **link, public_link.get(),
                                  std::move(vocabulary), clock);
  if (!server.ok()) {
    std::cerr << "duban-web: --listen " << listen << ": " << server.status().message() << "\n";
    return server.status().code() == StatusCode::kUnavailable ? kExitRefused : kExitUsage;
  }
  std::thread serving([&] {
    if (!(*server)->Run()) log->error("the HTTP server stopped unexpectedly");
  });
  std::string host =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  std::string hosts;
  for (const std::string& h : (*server)->allowed_hosts()) hosts += (hosts.empty() ? "" : ", ") + h;
  log->info("workbench on http://{}:{}/ for {} accounts, broker {}; answering to Host {}", host,
            (*server)->port(), (*book)->size(), broker, hosts);

  while (!stop.load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  log->info("stopping");
  (*server)->Stop();
  serving.join();
  return 0;
}

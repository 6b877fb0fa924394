// duban-broker: wires the config, the Redis store, the ROUTER socket and the loop. Nothing else.
#include <CLI/CLI.hpp>

#include <iostream>
#include <thread>

#include "broker/broker_loop.h"
#include "broker/key_gate.h"
#include "broker/router.h"
#include "services/api_handlers.h"
#include "common/calendar.h"
#include "common/log.h"
#include "common/process.h"
#include "common/store/key_layout.h"
#include "common/store/scripts.h"
#include "common/store/task_store.h"
#include "common/transport/curve_keys.h"
#include "config/config.h"

int main(int argc, char** argv) {
  using namespace duban;
  CLI::App app{"duban-broker: routes Duban tasks over ZeroMQ 7/MDP v0.1, durable in Redis.\n"
               "Example: duban-broker --config config/duban.toml --bind tcp://127.0.0.1:5555 "
               "--redis redis://127.0.0.1:6390/0"};
  std::string config_path = DefaultConfigPath(), bind, redis_url, log_level, time_start;
  std::string keys_path, key_path, public_bind, checkpoint_key, checkpoint_file;
  std::int64_t checkpoint_interval_s = 0;
  double time_scale = 1.0;
  bool allow_unsafe_redis = false, print_library = false;
  app.add_option("--config", config_path, "config file (TOML); default $DUBAN_CONFIG or ./config/duban.toml");
  app.add_option("--bind", bind, "ROUTER endpoint for clients and workers (overrides broker.bind)");
  app.add_option("--keys", keys_path,
                 "key registry (TOML, [[key]] name/public/roles/expires) of the clients and "
                 "workers it lets in (overrides security.keys); with --key: CurveZMQ on --bind");
  app.add_option("--key", key_path,
                 "the broker's own key file, with its secret (overrides security.server_key; "
                 "make one with: dubanctl keys new broker)");
  app.add_option("--public-bind", public_bind,
                 "a second endpoint, without keys, that serves duban.status and duban.request "
                 "submit/status only (overrides security.public_bind)");
  app.add_option("--checkpoint-key", checkpoint_key,
                 "Ed25519 key file that signs checkpoints of every audit trail, kept outside Redis "
                 "(overrides security.checkpoint_key; make one with: dubanctl keys checkpoint)");
  app.add_option("--checkpoint-file", checkpoint_file,
                 "append-only file of the signed checkpoints, outside Redis (overrides "
                 "security.checkpoint_file)");
  app.add_option("--checkpoint-interval-s", checkpoint_interval_s,
                 "seconds between checkpoints (overrides security.checkpoint_interval_s, "
                 "default 300)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{86400}));
  app.add_option("--redis", redis_url,
                 "Redis URL, redis://[USER:PASSWORD@]HOST:PORT/DB (overrides redis.url; env "
                 "DUBAN_REDIS_URL keeps a password off the command line)")
      ->envname("DUBAN_REDIS_URL");
  app.add_option("--log-level", log_level, "trace|debug|info|warn|error (overrides log.level)");
  app.add_option("--time-scale", time_scale,
                 "domain time runs this many times faster than real time (demo); default 1")
      ->check(CLI::PositiveNumber);
  app.add_option("--time-start", time_start,
                 "domain time starts at this local date YYYY-MM-DD (demo); default now");
  app.add_flag("--allow-unsafe-redis", allow_unsafe_redis,
               "run although Redis has no AOF (appendonly no) or evicts keys (maxmemory-policy "
               "other than noeviction): acknowledged work may then be lost; logged at every "
               "connect");
  app.add_flag("--print-script-library", print_library,
               "print the Redis Functions library (the Lua of every script) the broker loads, "
               "and exit: Redis reports script errors by line of this text");
  CLI11_PARSE(app, argc, argv);
  if (print_library) {
    std::cout << store::DubanScripts().source;
    return 0;
  }

  config::Config cfg = config::DefaultConfig();
  if (!config_path.empty()) {
    auto loaded = config::LoadConfig(config_path);
    if (!loaded.ok()) {
      std::cerr << "duban-broker: " << loaded.status().ToString() << "\n";
      return 2;
    }
    cfg = std::move(loaded).value();
  }
  if (!bind.empty()) cfg.broker.bind = bind;
  if (!redis_url.empty()) cfg.redis.url = redis_url;
  if (!log_level.empty()) cfg.log_level = log_level;
  if (!keys_path.empty()) cfg.security.keys = keys_path;
  if (!key_path.empty()) cfg.security.server_key = key_path;
  if (!public_bind.empty()) cfg.security.public_bind = public_bind;
  if (!checkpoint_key.empty()) cfg.security.checkpoint_key = checkpoint_key;
  if (!checkpoint_file.empty()) cfg.security.checkpoint_file = checkpoint_file;
  if (checkpoint_interval_s > 0) cfg.security.checkpoint_interval_s = checkpoint_interval_s;
  if (cfg.security.checkpoint_key.empty() != cfg.security.checkpoint_file.empty()) {
    std::cerr << "duban-broker: security.checkpoint_key (--checkpoint-key) and "
                 "security.checkpoint_file (--checkpoint-file) go together\n";
    return 2;
  }
  if (Status s = SetupLogging(cfg.log_level); !s.ok()) {
    std::cerr << "duban-broker: " << s.ToString() << "\n";
    return 2;
  }
  auto log = Logger("broker");
  // Early: a SIGHUP during the start must not end the process (its default action).
  std::atomic<bool>& reload = InstallReloadHandler();
  if (config_path.empty()) log->warn("no config file: built-in defaults, no units or rules");

  Millis start_ms = 0;
  if (!time_start.empty()) {
    auto d = ParseDate(time_start);
    if (!d.ok()) {
      std::cerr << "duban-broker: --time-start: " << d.status().ToString() << "\n";
      return 2;
    }
    start_ms = StartOfLocalDay(*d, cfg.jurisdiction.utc_offset_minutes) + 9 * 3600 * 1000;
  }
  SystemClock protocol_clock;
  ScaledClock domain_clock(time_scale, start_ms);

  auto redis = store::RedisClient::Create(cfg.redis.url, cfg.redis.connect_timeout_ms,
                                          cfg.redis.reconnect_max_ms, store::DubanScripts());
  if (!redis.ok()) {
    std::cerr << "duban-broker: " << redis.status().ToString() << "\n";
    return 2;
  }
  (*redis)->RequireDurableServer(allow_unsafe_redis);
  // Keys written by earlier versions are brought to this layout at every connect that finds them
  // (the first, and after a Redis restart from an older backup); later connects cost one GET.
  (*redis)->OnConnect([&r = **redis, name = cfg.redis.key_prefix]() -> Status {
    auto up = store::UpgradeKeyLayout(r, name);
    return up.ok() ? Status::Ok() : up.status();
  });
  if (auto ping = (*redis)->Run({"PING"}); !ping.ok()) {
    if (!(*redis)->refusal().empty()) {
      std::cerr << "duban-broker: " << (*redis)->refusal() << "\n";
      return 3;
    }
    // Redis down at start: the broker serves anyway ("unavailable, retry") and reconnects.
    log->warn("redis not reachable yet: {}", ping.status().ToString());
  }
  if (allow_unsafe_redis) log->warn("--allow-unsafe-redis: Redis settings that lose data are accepted");
  store::TaskStore store(**redis, KeyPrefix(cfg.redis.key_prefix),
                         store::RetryPolicy{cfg.broker.backoff_base_ms, cfg.broker.backoff_max_ms,
                                            cfg.broker.max_attempts, cfg.broker.dead_letter_max},
                         cfg.broker.lease_ms);
  Counters counters;
  // Keys: both the registry and the broker's own key, or neither (then loopback only).
  if (cfg.security.keys.empty() != cfg.security.server_key.empty()) {
    std::cerr << "duban-broker: security.keys (--keys) and security.server_key (--key) go "
                 "together: the registry of the keys it lets in and its own key\n";
    return 2;
  }
  std::unique_ptr<broker::KeyGate> gate;
  std::optional<transport::CurveKey> server_key;
  if (!cfg.security.keys.empty()) {
    auto key = transport::ReadKeyFile(cfg.security.server_key);
    if (!key.ok() || key->secret_z85.empty()) {
      std::cerr << "duban-broker: --key: "
                << (key.ok() ? "'" + cfg.security.server_key + "' has no secret key"
                             : key.status().ToString())
                << "\n";
      return 2;
    }
    server_key = std::move(key).value();
    auto g = broker::KeyGate::Create(cfg.security.keys, cfg.jurisdiction.utc_offset_minutes,
                                     protocol_clock, counters);
    if (!g.ok()) {
      std::cerr << "duban-broker: --keys: " << g.status().ToString() << "\n";
      return 2;
    }
    gate = std::move(g).value();
  } else if (!broker::IsLoopbackEndpoint(cfg.broker.bind)) {
    std::cerr << "duban-broker: refusing to bind " << cfg.broker.bind
              << " without keys: anyone who reaches it could act as staff. Configure "
                 "security.keys and security.server_key (--keys, --key; see docs/security.md), "
                 "or bind 127.0.0.1\n";
    return 2;
  }
  broker::RouterSecurity security{server_key ? &*server_key : nullptr, gate.get(),
                                  cfg.security.public_bind};
  auto router = broker::Router::Create(cfg.broker.bind,
                                       static_cast<std::size_t>(cfg.broker.max_message_bytes),
                                       counters, security);
  if (!router.ok()) {
    std::cerr << "duban-broker: " << router.status().ToString() << "\n";
    return 2;
  }
  std::atomic<bool>& stop = InstallStopHandler();
  broker::BrokerLoop loop(cfg, **router, store, protocol_clock, domain_clock, time_scale, counters,
                          services::MakeOwnServices);
  loop.UseKeys(gate.get());
  std::unique_ptr<broker::Checkpointer> checkpointer;
  if (!cfg.security.checkpoint_key.empty()) {
    auto c = broker::Checkpointer::Open(cfg.security.checkpoint_key, cfg.security.checkpoint_file,
                                        cfg.security.checkpoint_interval_s * 1000, store, counters,
                                        protocol_clock.NowMs());
    if (!c.ok()) {
      std::cerr << "duban-broker: checkpoints: " << c.status().ToString() << "\n";
      return 2;
    }
    checkpointer = std::move(c).value();
    loop.UseCheckpointer(checkpointer.get());
    log->info("signing checkpoints every {} s into {} ({} so far)",
              cfg.security.checkpoint_interval_s, cfg.security.checkpoint_file,
              checkpointer->checkpoints());
  } else {
    log->warn("no checkpoint key: audit trails are hash-chained but not signed; a Redis writer "
              "can rewrite them unseen (docs/security.md)");
  }
  if (gate) {
    log->info("CurveZMQ on {}: {} keys in {}", cfg.broker.bind, gate->size(), cfg.security.keys);
  } else {
    log->warn("no keys configured: running UNAUTHENTICATED on {} (loopback only); every caller "
              "acts as the local operator", cfg.broker.bind);
  }
  if (!cfg.security.public_bind.empty()) {
    log->info("public endpoint {} (no keys): duban.status, duban.request submit/status", cfg.security.public_bind);
  }
  log->info("duban-broker on {} with redis {} (prefix '{}', {} units, {} rules, time scale {})",
            cfg.broker.bind, store::RedactedRedisUrl(cfg.redis.url), cfg.redis.key_prefix, cfg.units.size(),
            cfg.rules.size(), time_scale);
  while (!stop) {
    loop.RunOnce(100);
    if (reload.exchange(false) && gate) {
      if (Status s = gate->Reload(); s.ok()) {
        log->info("key registry read again: {} keys", gate->size());
        loop.RecheckWorkers(protocol_clock.NowMs());
      } else {
        log->error("key registry NOT reloaded, the keys in force stay: {}", s.ToString());
      }
    }
  }
  loop.DisconnectAll();
  log->info("stopped");
  return 0;
}

#include "dubanctl/keys_command.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <memory>

#include "common/checkpoint.h"
#include "common/protocol/caller.h"
#include "common/protocol/mdp.h"
#include "common/transport/curve_keys.h"
#include "config/key_registry.h"

namespace duban::ctl {

namespace {
struct KeysFlags {
  std::string name;
  std::vector<std::string> roles;
  std::string dir = ".";
};

int NewKey(const KeysFlags& f) {
  if (!protocol::IsValidServiceName(f.name)) {
    std::cerr << "error: NAME must be 1..64 of [A-Za-z0-9._-]\n";
    return kExitUsage;
  }
  for (const auto& r : f.roles) {
    if (auto g = protocol::ParseGrant(r); !g.ok()) {
      std::cerr << "error: --role " << g.status().message() << '\n';
      return kExitUsage;
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(f.dir, ec);
  auto key = transport::NewCurveKey(f.name);
  if (!key.ok()) {
    std::cerr << "error: " << key.status().message() << '\n';
    return kExitRefused;
  }
  const std::string secret = f.dir + "/" + f.name + ".key", pub = f.dir + "/" + f.name + ".pub";
  for (const auto& [path, with_secret] : {std::pair{secret, true}, std::pair{pub, false}}) {
    if (Status s = transport::WriteKeyFile(path, *key, with_secret); !s.ok()) {
      std::cerr << "error: " << s.message() << '\n';
      return kExitBadFile;
    }
  }
  std::cerr << "wrote " << secret << " (secret, mode 0600) and " << pub << '\n';
  if (f.roles.empty()) {
    std::cerr << "no --role: a key for the broker itself (duban-broker --key " << secret
              << "; clients give --server-key " << pub << ")\n";
    return kExitOk;
  }
  std::cout << config::RegistryEntryText(f.name, key->public_z85, f.roles);
  return kExitOk;
}

int NewCheckpointKey(const KeysFlags& f) {
  if (!protocol::IsValidServiceName(f.name)) {
    std::cerr << "error: NAME must be 1..64 of [A-Za-z0-9._-]\n";
    return kExitUsage;
  }
  std::error_code ec;
  std::filesystem::create_directories(f.dir, ec);
  const std::string base = f.dir + "/" + f.name;
  if (Status s = WriteSigningKeyFiles(base, NewSigningKey()); !s.ok()) {
    std::cerr << "error: " << s.message() << '\n';
    return kExitBadFile;
  }
  std::cerr << "wrote " << base << ".key (secret, mode 0600: the broker's --checkpoint-key; keep "
            << "it off the Redis host's backups) and " << base
            << ".pub (dubanctl verify --public-key)\n";
  return kExitOk;
}
}  // namespace

Action SetUpKeys(CLI::App& sub) {
  auto f = std::make_shared<KeysFlags>();
  sub.require_subcommand(1);
  CLI::App* make = sub.add_subcommand("new", "Make a key pair and print its registry entry");
  make->add_option("NAME", f->name, "the key's name: the actor on timelines (1..64 of [A-Za-z0-9._-])")
      ->required();
  make->add_option("--role", f->roles,
                   "a role of the key, repeatable: staff, unit:<id>, deputy:<id>, "
                   "director:<name>, office:<name>, worker:<role>, monitor, admin, delegate");
  make->add_option("--dir", f->dir, "where to write NAME.key and NAME.pub")->capture_default_str();
  CLI::App* cp = sub.add_subcommand(
      "checkpoint", "Make the Ed25519 key pair the broker signs checkpoints with");
  cp->add_option("NAME", f->name, "file name without extension")->capture_default_str();
  cp->add_option("--dir", f->dir, "where to write NAME.key and NAME.pub")->capture_default_str();
  return [f, make, cp](const Context&) {
    if (cp->parsed()) {
      if (f->name.empty()) f->name = "checkpoint";
      return NewCheckpointKey(*f);
    }
    return make->parsed() ? NewKey(*f) : kExitUsage;
  };
}

}  // namespace duban::ctl

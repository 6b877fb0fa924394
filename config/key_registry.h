// KeyRegistry: the keys the broker accepts (CurveZMQ), from a TOML file named by security.keys:
//
//     [[key]]
//     name = "jyj-clerk"                      # 1..64 of [A-Za-z0-9._-]; the actor on timelines
//     public = "<40 Z85 characters>"          # as `dubanctl keys new` prints it
//     roles = ["unit:jyj"]                    # common/protocol/caller.h: staff, unit:<id>, ...
//     expires = "2027-06-30"                  # optional: valid through that local day
//
// Names and public keys are unique. The broker reads the file at start and again on SIGHUP (a
// file that does not load then keeps the keys in force, with an error in the log).
//
// Thread rules: a KeyRegistry is immutable once loaded; share it by pointer to const.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/protocol/caller.h"
#include "common/result.h"

namespace duban::config {

struct KeyEntry {
  std::string name;
  std::string public_z85;
  std::vector<protocol::Grant> grants;
  Millis expires_ms = 0;  // the key is refused from this time on; 0 = never
};

class KeyRegistry {
 public:
  // Reads and checks the file; InvalidArgument "file:line:col: ..." for any problem, so that a
  // broken file is never half-loaded. Dates count in `utc_offset_minutes`.
  static Result<KeyRegistry> Load(const std::string& path, std::int64_t utc_offset_minutes);

  // The entry of a public key (Z85), nullptr when unknown.
  const KeyEntry* FindKey(const std::string& public_z85) const;
  // The entry named `name`, nullptr when unknown.
  const KeyEntry* FindName(const std::string& name) const;
  std::size_t size() const { return by_name_.size(); }

  // The caller a key's name stands for at `now`: PermissionDenied for a name no longer in the
  // registry or a key past its expiry.
  Result<protocol::Caller> Resolve(const std::string& name, Millis now) const;

 private:
  std::map<std::string, KeyEntry> by_name_;
  std::map<std::string, std::string> name_by_key_;
};

// The registry line for a key, as `dubanctl keys new` prints it.
std::string RegistryEntryText(const std::string& name, const std::string& public_z85,
                              const std::vector<std::string>& roles);

}  // namespace duban::config

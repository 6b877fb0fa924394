#include "config/key_registry.h"

#include "common/calendar.h"
#include "common/protocol/mdp.h"
#include "common/transport/curve_keys.h"
#include "config/table_reader.h"

namespace duban::config {

Result<KeyRegistry> KeyRegistry::Load(const std::string& path, std::int64_t utc_offset_minutes) {
  DUBAN_ASSIGN_OR_RETURN(toml::table root, ParseFile(path));
  TableReader top(path, "", root);
  DUBAN_ASSIGN_OR_RETURN(auto tables, top.Tables("key"));
  DUBAN_RETURN_IF_ERROR(top.Finish());
  KeyRegistry reg;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    TableReader t(path, "key[" + std::to_string(i) + "]", *tables[i]);
    KeyEntry e;
    std::vector<std::string> roles;
    std::string expires;
    DUBAN_RETURN_IF_ERROR(t.RequiredStr("name", &e.name));
    DUBAN_RETURN_IF_ERROR(t.RequiredStr("public", &e.public_z85));
    DUBAN_RETURN_IF_ERROR(t.StrList("roles", &roles));
    DUBAN_RETURN_IF_ERROR(t.Str("expires", &expires));
    DUBAN_RETURN_IF_ERROR(t.Finish());
    if (!protocol::IsValidServiceName(e.name)) {
      return t.Error("name", "must be 1..64 of [A-Za-z0-9._-]");
    }
    if (!transport::IsZ85Key(e.public_z85)) {
      return t.Error("public", "is not a 40-character Z85 CurveZMQ public key");
    }
    if (roles.empty()) return t.Error("roles", "is missing or empty: a key without roles may do nothing");
    for (const auto& r : roles) {
      auto g = protocol::ParseGrant(r);
      if (!g.ok()) return t.Error("roles", g.status().message());
      e.grants.push_back(std::move(g).value());
    }
    if (!expires.empty()) {
      auto d = ParseDate(expires);
      if (!d.ok()) return t.Error("expires", "is not a date YYYY-MM-DD");
      e.expires_ms = StartOfLocalDay(*d, utc_offset_minutes) + 24 * 3600 * 1000;
    }
    if (reg.by_name_.count(e.name)) return t.Error("name", "'" + e.name + "' is named twice");
    if (reg.name_by_key_.count(e.public_z85)) {
      return t.Error("public", "is also the key of '" + reg.name_by_key_[e.public_z85] + "'");
    }
    reg.name_by_key_[e.public_z85] = e.name;
    std::string name = e.name;
    reg.by_name_.emplace(std::move(name), std::move(e));
  }
  return reg;
}

const KeyEntry* KeyRegistry::FindKey(const std::string& public_z85) const {
  auto it = name_by_key_.find(public_z85);
  return it == name_by_key_.end() ? nullptr : FindName(it->second);
}

const KeyEntry* KeyRegistry::FindName(const std::string& name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &it->second;
}

Result<protocol::Caller> KeyRegistry::Resolve(const std::string& name, Millis now) const {
  const KeyEntry* e = FindName(name);
  if (!e) return PermissionDenied("key '" + name + "' is no longer in the key registry");
  if (e->expires_ms != 0 && now >= e->expires_ms) {
    return PermissionDenied("key '" + name + "' has expired");
  }
  return protocol::Caller{protocol::Caller::Kind::kKey, e->name, e->grants};
}

std::string RegistryEntryText(const std::string& name, const std::string& public_z85,
                              const std::vector<std::string>& roles) {
  std::string out = "[[key]]\nname = \"" + name + "\"\npublic = \"" + public_z85 + "\"\nroles = [";
  for (std::size_t i = 0; i < roles.size(); ++i) out += (i ? ", \"" : "\"") + roles[i] + "\"";
  return out + "]\n";
}

}  // namespace duban::config

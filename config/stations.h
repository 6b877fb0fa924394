// Stations: the deputies' liaison stations (代表联络站) and the deputies each one serves, the roll
// that requests from the people (社情民意, docs/domain.md#requests-from-the-people) are checked
// against: a request comes to a deputy by the deputy's code (一人一码: `deputy:<id>`, a deputy of
// some station) or to a station by its code (一家一码: `station:<id>`). [[station]] in the units
// file (config/units.toml):
//     id = "xc01"                       # short, [a-z0-9_-]: used in codes, keys and commands
//     name = "新城区中山路街道代表联络站"
//     deputies = ["D2026001", ...]      # the deputies who receive there (each may serve several)
//
// Thread rules: values; pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace duban::config {

struct Station {
  std::string id;
  std::string name;
  std::vector<std::string> deputies;
};

// Each id once and well-formed, a name, at least one deputy, each deputy id well-formed and once
// per station. Messages start with `where`.
Status CheckStations(const std::vector<Station>& stations, const std::string& where);

// The station with this id, or nullptr.
const Station* FindStation(const std::vector<Station>& stations, std::string_view id);

// True when some station lists `deputy`.
bool IsKnownDeputy(const std::vector<Station>& stations, std::string_view deputy);

// The deputies a request to `to` (`deputy:<id>` or `station:<id>`) reaches; empty when `to` names
// no deputy of a station and no station.
std::vector<std::string> DeputiesReached(const std::vector<Station>& stations, std::string_view to);

}  // namespace duban::config

#include "config/stations.h"

#include <algorithm>
#include <set>

namespace duban::config {

namespace {
bool IsId(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
  });
}
bool IsDeputyId(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || ch == '-' || ch == '.';
  });
}
}  // namespace

Status CheckStations(const std::vector<Station>& stations, const std::string& where) {
  std::set<std::string> ids;
  for (const Station& s : stations) {
    if (!IsId(s.id)) {
      return InvalidArgument(where + "station id '" + s.id +
                             "' must be 1..64 lower-case letters, digits, '_' or '-'");
    }
    if (!ids.insert(s.id).second) return InvalidArgument(where + "duplicate station id '" + s.id + "'");
    if (s.name.empty()) return InvalidArgument(where + "station '" + s.id + "' has no name");
    if (s.deputies.empty()) {
      return InvalidArgument(where + "station '" + s.id + "' lists no deputies");
    }
    std::set<std::string> seen;
    for (const std::string& d : s.deputies) {
      if (!IsDeputyId(d)) {
        return InvalidArgument(where + "station '" + s.id + "': deputy id '" + d +
                               "' must be 1..64 letters, digits, '_', '-' or '.'");
      }
      if (!seen.insert(d).second) {
        return InvalidArgument(where + "station '" + s.id + "' lists deputy " + d + " twice");
      }
    }
  }
  return Status::Ok();
}

const Station* FindStation(const std::vector<Station>& stations, std::string_view id) {
  for (const Station& s : stations) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

bool IsKnownDeputy(const std::vector<Station>& stations, std::string_view deputy) {
  for (const Station& s : stations) {
    if (std::find(s.deputies.begin(), s.deputies.end(), deputy) != s.deputies.end()) return true;
  }
  return false;
}

std::vector<std::string> DeputiesReached(const std::vector<Station>& stations,
                                         std::string_view to) {
  constexpr std::string_view kDeputy = "deputy:", kStation = "station:";
  if (to.substr(0, kDeputy.size()) == kDeputy) {
    std::string_view id = to.substr(kDeputy.size());
    if (IsKnownDeputy(stations, id)) return {std::string(id)};
    return {};
  }
  if (to.substr(0, kStation.size()) == kStation) {
    if (const Station* s = FindStation(stations, to.substr(kStation.size()))) return s->deputies;
  }
  return {};
}

}  // namespace duban::config

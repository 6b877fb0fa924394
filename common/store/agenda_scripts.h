// AgendaScripts: the Lua behind the directors' meeting agenda (主任会议议程), hot items (热点难点),
// bundles (打捆督办) and meeting dates. Keys are listed in docs/redis-schema.md ("Agenda").
//
// AgendaPreludeLua() defines the agenda steps every script shares (placing an item, the monthly
// progress check) and is placed after the shared prelude of scripts.cc, so apply_effects can apply
// an outcome's "agenda" effects in the same atomic script as its timers and notices.
//
// Invariants the scripts keep:
//   - an item id (a suggestion code, or a bundle id for every member of a bundle) has at most one
//     item hash; a placement never makes a second item, it adds its reason once per reason key;
//   - an item is in P:ag:open exactly while its state is OPEN, and it then has one pending
//     progress timer (agenda.progress.a or .b on its progress_code), cancelled when it is resolved;
//   - a suggestion is in at most one bundle (P:bundle_of).
//
// Thread rules: data only.
#pragma once

#include <vector>

#include "common/store/redis_client.h"

namespace duban::store {

// The shared agenda steps (needs the prelude of scripts.cc before it).
const char* AgendaPreludeLua();

// The agenda scripts' bodies by name (agenda_items, agenda_act, meetings, hot, hot_scan, bundle,
// bundles); scripts.cc prepends the preludes.
std::vector<Script> AgendaScriptBodies();

}  // namespace duban::store

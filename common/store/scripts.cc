#include "common/store/scripts.h"

#include "common/protocol/lifecycle.h"
#include "common/sha1.h"
#include "common/store/lua_sources.h"

namespace duban::store {
namespace {

// The lifecycle tables of common/protocol/lifecycle.h in Lua: ALLOWED['FROM>TO'] = true, and
// ON_ENTER[STATE] = {{service, kind}, ...} with a helper that queues those tasks.
std::string LifecycleLua() {
  std::string lua = "local ALLOWED = {\n";
  for (const auto& [from, to] : protocol::AllowedTransitions()) {
    lua += "['" + std::string(protocol::StateName(from)) + ">" +
           std::string(protocol::StateName(to)) + "'] = true,\n";
  }
  lua += "}\nlocal ON_ENTER = {\n";
  for (const auto& t : protocol::StateEntryTasks()) {
    lua += "{'" + std::string(protocol::StateName(t.state)) + "', '" + t.service + "', '" +
           t.kind + "'},\n";
  }
  lua += R"(}
local function entered(code, now, state, prio)
  for _, e in ipairs(ON_ENTER) do
    if e[1] == state then enqueue(now, e[2], e[3], '', code, prio, '') end
  end
end
)";
  return lua;
}

// The shared steps, in the order they are defined: each may use the ones before it.
constexpr std::string_view kLibraryParts[] = {"lib/tasks", "lib/calendar_index", "lib/timers",
                                              "lib/agenda", "", "lib/outcome"};  // "": lifecycle

std::string_view Source(std::string_view name) {
  for (const LuaFile& f : LuaSources()) {
    if (f.name == name) return f.text;
  }
  return {};
}

// An operation's Redis function flags, from its first line "--! flags: no-writes" (a read: it runs
// at maxmemory and on a replica) or "--! flags: allow-oom" (may run at maxmemory); none: refused
// as a whole ("-OOM …") before it runs when Redis is at maxmemory, so it never stops half-way at
// its first refused write.
std::string Flags(std::string_view text) {
  constexpr std::string_view kMark = "--! flags: ";
  if (text.substr(0, kMark.size()) != kMark) return "{}";
  std::string_view flag = text.substr(kMark.size(), text.find('\n') - kMark.size());
  return "{'" + std::string(flag) + "'}";
}

}  // namespace

ScriptLibrary DubanScripts() {
  // The shared steps once, then one registered function per operation: its body runs inside the
  // function, after begin_call has reset the per-call state.
  std::string code;
  for (std::string_view part : kLibraryParts) {
    code += part.empty() ? LifecycleLua() : std::string(Source(part));
    code += "\n";
  }
  std::vector<std::string> functions;
  for (const LuaFile& f : LuaSources()) {
    if (f.name.substr(0, 4) == "lib/") continue;
    code += "\nredis.register_function{function_name = LIB .. '_" + std::string(f.name) +
            "', flags = " + Flags(f.text) +
            ", callback = function(keys, args)\nbegin_call(keys, args)\n" + std::string(f.text) +
            "end}\n";
    functions.emplace_back(f.name);
  }
  ScriptLibrary lib;
  lib.name = "duban_" + Sha1Hex(code).substr(0, 16);
  lib.source = "#!lua name=" + lib.name + "\nlocal LIB = '" + lib.name + "'\n" + code;
  lib.functions = std::move(functions);
  return lib;
}

}  // namespace duban::store

// LuaSources: the Lua of common/store/lua/, compiled into the program (embed_lua.cmake generates
// the definition at build time). scripts.cc assembles them into the Redis Functions library.
//
// Thread rules: constants only.
#pragma once

#include <string_view>
#include <vector>

namespace duban::store {

struct LuaFile {
  std::string_view name;  // the path under common/store/lua/ without ".lua": "submit", "lib/tasks"
  std::string_view text;
};

// Every file, sorted by name.
const std::vector<LuaFile>& LuaSources();

}  // namespace duban::store

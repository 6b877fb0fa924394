# Writes OUT, a C++ file holding every .lua file under LUA_DIR as a raw string (LuaSources() of
# common/store/lua_sources.h), so the broker carries its scripts and needs no files at run time.
# Run by the build (common/CMakeLists.txt) whenever a .lua file changes.
file(GLOB_RECURSE files RELATIVE "${LUA_DIR}" "${LUA_DIR}/*.lua")
list(SORT files)
set(out "// Generated from common/store/lua/ by common/store/embed_lua.cmake: do not edit.\n")
string(APPEND out "#include \"common/store/lua_sources.h\"\n\nnamespace duban::store {\n\n")
string(APPEND out "const std::vector<LuaFile>& LuaSources() {\n  static const std::vector<LuaFile> kAll = {\n")
foreach(f IN LISTS files)
  file(READ "${LUA_DIR}/${f}" text)
  if(text MATCHES "\\)DUBANLUA\"")
    message(FATAL_ERROR "${f} contains the raw string delimiter )DUBANLUA\"")
  endif()
  string(REGEX REPLACE "\\.lua$" "" name "${f}")
  string(APPEND out "      {\"${name}\", R\"DUBANLUA(${text})DUBANLUA\"},\n")
endforeach()
string(APPEND out "  };\n  return kAll;\n}\n\n}  // namespace duban::store\n")
file(WRITE "${OUT}.tmp" "${out}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)

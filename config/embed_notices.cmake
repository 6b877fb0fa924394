# Writes OUT, a C++ file holding config/notices.toml as a raw string (DefaultNoticesToml() of
# config/notices_default.h), so every program carries the default wording of the notices and
# needs no file at run time. Run by the build (config/CMakeLists.txt) whenever the file changes.
file(READ "${IN}" text)
if(text MATCHES "\\)DUBANTOML\"")
  message(FATAL_ERROR "${IN} contains the raw string delimiter )DUBANTOML\"")
endif()
set(out "// Generated from config/notices.toml by config/embed_notices.cmake: do not edit.\n")
string(APPEND out "#include \"config/notices_default.h\"\n\nnamespace duban::config {\n\n")
string(APPEND out "std::string_view DefaultNoticesToml() {\n  return R\"DUBANTOML(${text})DUBANTOML\";\n}\n\n")
string(APPEND out "}  // namespace duban::config\n")
file(WRITE "${OUT}.tmp" "${out}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)

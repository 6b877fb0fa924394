-- luacheck's settings for the script library (tests/common/store/lint_lua.sh checks the library as
-- Redis loads it: `duban-broker --print-script-library`, the shared steps and every function).
std = "lua51"
-- What Redis gives a function: its API and the libraries it loads.
read_globals = {"redis", "cmsgpack", "cjson", "bit", "struct"}
max_line_length = 120
